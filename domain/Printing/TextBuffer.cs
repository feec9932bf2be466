using System.Buffers;

namespace CalcApi.Domain.Printing;

/// <summary>
/// The characters the text printer writes, in a pooled array: a part written once can be copied from where it stands
/// (<see cref="AppendCopy"/>) when it recurs, and only the finished text is allocated. An answer at depth repeats long
/// parts (every factor of the derivative of sin(sin(...)) holds the levels below it); keeping each as a string of its
/// own beside a growing builder allocated several times the answer's size.
/// </summary>
internal sealed class TextBuffer : IDisposable
{
    private char[] _chars;

    public TextBuffer(int capacity = 256) => _chars = ArrayPool<char>.Shared.Rent(capacity);

    public int Length { get; private set; }

    public TextBuffer Append(char c)
    {
        Ensure(1);
        _chars[Length++] = c;
        return this;
    }

    public TextBuffer Append(string? s)
    {
        if (s is not null)
        {
            Ensure(s.Length);
            s.AsSpan().CopyTo(_chars.AsSpan(Length));
            Length += s.Length;
        }

        return this;
    }

    public TextBuffer Append(object? value) => Append(value?.ToString());

    /// <summary>Appends the <paramref name="length"/> characters written from <paramref name="start"/> again.</summary>
    public void AppendCopy(int start, int length)
    {
        Ensure(length);
        _chars.AsSpan(start, length).CopyTo(_chars.AsSpan(Length));
        Length += length;
    }

    public override string ToString() => new(_chars, 0, Length);

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = [];
        Length = 0;
    }

    private void Ensure(int more)
    {
        if (Length + more <= _chars.Length)
        {
            return;
        }

        var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, Length + more));
        _chars.AsSpan(0, Length).CopyTo(larger);
        ArrayPool<char>.Shared.Return(_chars);
        _chars = larger;
    }
}
