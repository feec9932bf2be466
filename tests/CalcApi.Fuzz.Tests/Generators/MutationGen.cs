using System.Text;
using CsCheck;

namespace CalcApi.Fuzz.Tests.Generators;

/// <summary>One edit of a text: what to do, where (a fraction of the length) and with which character.</summary>
public readonly record struct Mutation(int Kind, double Where, char Char, int Length)
{
    public const int Kinds = 9;

    public string Apply(string text)
    {
        var at = (int)(Where * text.Length);
        at = Math.Clamp(at, 0, text.Length);
        var rest = text.Length - at;
        var span = Math.Min(Length, rest);
        return Kind switch
        {
            0 when rest > 0 => text.Remove(at, Math.Max(1, span)),                              // delete
            1 => text.Insert(at, Char.ToString()),                                                // insert
            2 when span > 0 => text.Insert(at, text.Substring(at, span)),                         // duplicate a piece
            3 when rest > 1 => Swap(text, at),                                                    // swap neighbours
            4 when rest > 0 => string.Concat(text.AsSpan(0, at), Char.ToString(), text.AsSpan(at + 1)), // replace
            5 => text[..at],                                                                      // truncate
            6 => text.Insert(at, Length % 2 == 0 ? "(" : ")"),                                    // unbalance
            7 => text.Insert(at, new string(Char, Math.Max(1, Length))),                           // a run of one character
            8 when text.Length < 20_000 => $"{text[..at]}{text}{text[at..]}",                     // splice the whole into itself
            _ => text.Insert(at, Char.ToString()),
        };
    }

    private static string Swap(string text, int at)
    {
        var chars = text.ToCharArray();
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        return new string(chars);
    }
}

/// <summary>Valid expressions, edited a few times with characters the language does and does not know.</summary>
public static class MutationGen
{
    /// <summary>
    /// The language's own characters, and the ones a user (or a copy from a PDF) might add: unicode
    /// operators, letters and digits from other scripts, lone surrogates, quotes, control characters.
    /// </summary>
    public const string Alphabet =
        "()()+-*/^'.,.,eE0123456789xyzWabcI_ T " +
        "\u2212\u00B7\u22C5\u00D7\u00F7\u221A\u03C0\u2211\u00B2\u00B9\u2070\u00E9\u0131\u0130\u212A\uFF10\u0661\u00A0\u2009\u200B\uFEFF" +
        "\"\\[]{}#%!?;:<>=&|$@`~" +
        "\0\t\n\r\u0001\u001B\u007F\uD835\uDC65\uD800\uDFFF\uFFFF";

    public static Gen<Mutation> One { get; } =
        Gen.Select(Gen.Int[0, Mutation.Kinds - 1], Gen.Double[0, 1], Gen.Char[Alphabet], Gen.Int[1, 8],
            (kind, where, c, length) => new Mutation(kind, where, c, length));

    /// <summary>A generated expression with one to five edits.</summary>
    public static Gen<string> Mutated(Gen<string> source) =>
        Gen.Select(source, One.Array[1, 5], (text, edits) => edits.Aggregate(text, (t, m) => m.Apply(t)));

    /// <summary>Short strings from the alphabet alone, with no structure at all.</summary>
    public static Gen<string> Garbage { get; } = Gen.String[Gen.Char[Alphabet], 0, 40];

    /// <summary>Mutated expressions of every family, and garbage.</summary>
    public static Gen<string> Any { get; } = Gen.Frequency(
        (4, Mutated(ExpressionGen.Any)),
        (1, Garbage));

    /// <summary>Text for failure messages: control characters and lone surrogates escaped, long texts cut.</summary>
    public static string Show(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, 600) + 16);
        foreach (var c in text.Length > 600 ? text[..600] : text)
        {
            sb.Append(char.IsControl(c) || char.IsSurrogate(c) || c > '\u007E' ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.Length > 600 ? $"{sb}… ({text.Length:N0} characters)" : sb.ToString();
    }
}
