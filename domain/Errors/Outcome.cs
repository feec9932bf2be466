using System.Diagnostics.CodeAnalysis;

namespace CalcApi.Domain.Errors;

/// <summary>Either a value or the user error that prevented it.</summary>
public sealed class Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, CalcError? error)
    {
        _value = value;
        Error = error;
    }

    public CalcError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error!.Detail}");

    public static Outcome<T> Success(T value) => new(value, null);

    public static Outcome<T> Failure(CalcError error) => new(default, error);

    public static implicit operator Outcome<T>(T value) => Success(value);

    public static implicit operator Outcome<T>(CalcError error) => Failure(error);
}
