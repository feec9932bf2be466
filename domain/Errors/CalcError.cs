namespace CalcApi.Domain.Errors;

/// <summary>What kind of user error a <see cref="CalcError"/> is; the API maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The text is not an expression of the language (400).</summary>
    Syntax,
    /// <summary>The expression is well formed but means nothing we can work with: unknown function, wrong argument count (422).</summary>
    Semantic,
    /// <summary>A required value or argument is missing or malformed (422).</summary>
    InvalidArgument,
    /// <summary>A point lies outside the domain of the expression (422).</summary>
    OutsideDomain,
    /// <summary>A named limit was exceeded (422).</summary>
    LimitExceeded,
    /// <summary>The engine cannot do this (yet): said plainly rather than guessed (422).</summary>
    Unsupported,
    /// <summary>A value cannot be guaranteed to the contract's precision at this point: refused rather than guessed (422).</summary>
    Precision,
}

/// <summary>
/// An expected user error, returned as a value. <see cref="Position"/> is a 0-based character offset
/// into the caller's expression; <see cref="Limit"/> and <see cref="Max"/> name the limit that was hit.
/// </summary>
public sealed record CalcError(ErrorKind Kind, string Title, string Detail)
{
    public int? Position { get; init; }
    public string? Limit { get; init; }
    public long? Max { get; init; }

    /// <summary>The request field the error is in, where a request has more than one expression (<c>expected</c>, <c>answer</c>).</summary>
    public string? Field { get; init; }

    public static CalcError Syntax(string detail, int position) =>
        new(ErrorKind.Syntax, "Malformed expression", detail) { Position = position };

    public static CalcError LimitExceeded(string limit, long max, string detail, int? position = null) =>
        new(ErrorKind.LimitExceeded, $"Limit exceeded: {limit}", detail) { Limit = limit, Max = max, Position = position };
}
