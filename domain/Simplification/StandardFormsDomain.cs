using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The guard that keeps the real domain (contract section 5) through <see cref="StandardFormsExpansion"/>: a rewrite may
/// drop a condition only where it holds everywhere by its form. Cancelling sigmoid(v)/sigmoid(v) or
/// (1 - sigmoid(v))/(1 - sigmoid(v)) is exact, since neither ever vanishes; cancelling y/y is not, and is refused.
/// </summary>
internal static class StandardFormsDomain
{
    /// <summary>Whether every condition of <paramref name="before"/>'s domain is still stated by <paramref name="after"/>, or always holds.</summary>
    public static bool Keeps(Expr before, Expr after)
    {
        var kept = DomainConditions.Within(after);
        return DomainConditions.Within(before).All(c => AlwaysHolds(c) || kept.Any(k => c.Equals(k) || c.FollowsFrom(k)));
    }

    private static bool AlwaysHolds(Condition c) =>
        c.Right is Number { Value.IsZero: true } && c.Relation is Relation.NotEqual or Relation.Greater or Relation.GreaterOrEqual && Positive(c.Left);

    /// <summary>Whether e is positive wherever it is defined, by its form: exp, sigmoid, softplus, 1 - sigmoid(v) = sigmoid(-v), and sums, products and powers of those.</summary>
    public static bool Positive(Expr e) => e switch
    {
        Number n => n.Value.Sign > 0,
        Constant => true,
        Call { Function: Function.Exp or Function.Sigmoid or Function.Softplus or Function.Cosh } => true,
        Sum { Terms: [Product { Factors: [Number { Value.IsMinusOne: true }, Call { Function: Function.Sigmoid }] }, Number { Value.IsOne: true }] } => true,
        Sum s => s.Terms.All(Positive),
        Product p => p.Factors.All(Positive),
        Power p => Positive(p.Base),
        _ => false,
    };
}
