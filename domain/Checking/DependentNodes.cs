using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>The walk every mistake starts from: where in f a rule meets the variable.</summary>
internal static class DependentNodes
{
    /// <summary>The distinct nodes of f that depend on the variable, parents before children (equal sub-expressions once).</summary>
    public static IEnumerable<Expr> Of(Expr f, string variable) =>
        Walk.Distinct(f, e => e.DependsOn(variable), EqualityComparer<Expr>.Default);
}
