namespace CalcApi.Domain.Expressions;

/// <summary>A comparison with which a condition holds.</summary>
public enum Relation
{
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    NotEqual,
}

/// <summary>
/// A condition of the real domain: <c>Left Relation Right</c>, such as <c>x > 0</c> for log(x) or
/// <c>det(X) != 0</c> for inv(X). A result holds where all of its conditions hold.
/// </summary>
public sealed record Condition(Expr Left, Relation Relation, Expr Right)
{
    public static Condition Positive(Expr u) => new(u, Relation.Greater, Algebra.Zero);

    public static Condition NonNegative(Expr u) => new(u, Relation.GreaterOrEqual, Algebra.Zero);

    /// <summary>u != 0, said of the simplest part that must not vanish: abs(x) != 0 and x^3 != 0 are x != 0.</summary>
    public static Condition NonZero(Expr u) => u switch
    {
        Call { Function: Function.Abs } abs => NonZero(abs.Argument),
        Product { Factors: [Number { Value.IsZero: false }, var single] } => NonZero(single),
        Power { Exponent: Number { Value: { IsInteger: true, IsNegative: false } } } p => NonZero(p.Base),
        _ => new(u, Relation.NotEqual, Algebra.Zero),
    };

    /// <summary>The comparison as the language writes it: &gt;, &gt;=, &lt;, &lt;=, !=.</summary>
    public string Operator => Relation switch
    {
        Relation.Greater => ">",
        Relation.GreaterOrEqual => ">=",
        Relation.Less => "<",
        Relation.LessOrEqual => "<=",
        _ => "!=",
    };

    /// <summary>Whether the condition holds for the values of its two sides.</summary>
    public bool Holds(double left, double right) => Relation switch
    {
        Relation.Greater => left > right,
        Relation.GreaterOrEqual => left >= right,
        Relation.Less => left < right,
        Relation.LessOrEqual => left <= right,
        _ => left != right,
    };

    /// <summary>Whether this condition follows from <paramref name="other"/> on the same sides (x != 0 from x > 0, x >= 0 from x > 0).</summary>
    public bool FollowsFrom(Condition other) =>
        Left.Equals(other.Left) && Right.Equals(other.Right) && (Relation == other.Relation || (Relation, other.Relation) switch
        {
            (Relation.NotEqual, Relation.Greater or Relation.Less) => true,
            (Relation.GreaterOrEqual, Relation.Greater) => true,
            (Relation.LessOrEqual, Relation.Less) => true,
            _ => false,
        });
}
