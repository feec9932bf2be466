using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

// TEMPORARY: a stand-in for domain/Checking/Mistakes.cs, which branch h-d writes; delete this file at the merge.
// It has the agreed API and recognises no mistake, so checking compiles and diagnoses only what it finds itself.

/// <summary>A wrong derivative as a student making one named mistake would write it.</summary>
public sealed record Mistake(string Code, string Message, Expr Derivative);

public static class Mistakes
{
    /// <summary>d^order f/dx^order with one mistake made on purpose (none in this stand-in).</summary>
    public static IReadOnlyList<Mistake> Scalar(Expr f, string variable, int order) => [];

    /// <summary>The gradient of f with respect to <paramref name="wrt"/> with one mistake made (none in this stand-in).</summary>
    public static IReadOnlyList<Mistake> Matrix(Expr f, string wrt) => [];
}
