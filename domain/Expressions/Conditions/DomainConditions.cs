namespace CalcApi.Domain.Expressions;

/// <summary>
/// The conditions of the real domain that a node imposes on its operands: log(u) needs u &gt; 0, u^(1/2)
/// needs u &gt;= 0, u^-1 needs u != 0, inv(A) needs det(A) != 0 (each function's own from its catalog entry).
/// </summary>
public static class DomainConditions
{
    /// <summary>The conditions <paramref name="node"/> itself imposes (not its operands').</summary>
    public static Condition[] Of(Expr node) => node switch
    {
        Call c => FunctionCatalog.Of(c.Function).Requires(c.Argument),
        MatrixCall c => MatrixFunctionCatalog.Of(c.Function).Requires(c.Argument),
        Power { Exponent: Number { Value: var q } } p => OfPower(p.Base, q),
        Power p when p.Base is not (Number or Constant) && !p.Exponent.FreeNames.IsEmpty => [Condition.Positive(p.Base)],
        _ => [],
    };

    /// <summary>The conditions of every node of <paramref name="e"/> (each shared node once), in order of first appearance, none implied by another.</summary>
    public static IReadOnlyList<Condition> Within(Expr e)
    {
        var found = new List<Condition>();
        foreach (var node in Walk.Distinct(e, n => !n.FreeNames.IsEmpty))
        {
            var conditions = Of(node);
            if (conditions.Length > 0)
            {
                Add(found, conditions);
            }
        }

        return found;
    }

    /// <summary>Adds the conditions not already implied, and drops those the new ones imply.</summary>
    public static void Add(List<Condition> conditions, IReadOnlyList<Condition> more)
    {
        for (var i = 0; i < more.Count; i++)
        {
            var condition = more[i];
            if (AlwaysHolds(condition) || conditions.Any(condition.FollowsFrom))
            {
                continue;
            }

            conditions.RemoveAll(c => c.FollowsFrom(condition));
            conditions.Add(condition);
        }
    }

    /// <summary>Whether a condition holds everywhere by its form (x^2 + 1 > 0, exp(u) != 0), so that stating it would only be noise.</summary>
    private static bool AlwaysHolds(Condition c) => c.Right is Number { Value.IsZero: true } && c.Relation switch
    {
        Relation.GreaterOrEqual => Sign(c.Left) >= 0,
        Relation.Greater or Relation.NotEqual => Sign(c.Left) > 0,
        _ => false,
    };

    /// <summary>1 where e is positive by its form, 0 where it is at least non-negative, -1 where its form says nothing.</summary>
    private static int Sign(Expr e) => e switch
    {
        Number n => n.Value.IsNegative ? -1 : n.Value.IsZero ? 0 : 1,
        Constant => 1,
        Call c when c.Function is Function.Exp or Function.Cosh or Function.Sigmoid or Function.Softplus => 1,
        Call c when FunctionCatalog.Of(c.Function).NonNegative => 0,
        Power { Exponent: Number { Value: { IsInteger: true } k } } p when k.Numerator.IsEven => Sign(p.Base) > 0 ? 1 : 0,
        Power p when Sign(p.Base) > 0 => 1,
        Product p => p.Factors.Select(Sign).Aggregate(1, (a, b) => a < 0 || b < 0 ? -1 : Math.Min(a, b)),
        Sum s => s.Terms.Select(Sign).Aggregate(0, (a, b) => a < 0 || b < 0 ? -1 : Math.Max(a, b)),
        _ => -1,
    };

    /// <summary>
    /// The conditions of u^q for an exact q. A constant base counts too: sqrt(-0.2)^2 folds to -1/5 and (-0.2)^(1/2)*0 to 0,
    /// so the condition is all that is left of an input undefined everywhere; of a number it is decided here, and kept
    /// only where it fails (-1/5 >= 0), so that a true one (2 >= 0) is not noise.
    /// </summary>
    private static Condition[] OfPower(Expr @base, Rational exponent)
    {
        var evenRoot = !exponent.IsInteger && exponent.Denominator.IsEven;
        Condition[] conditions = (evenRoot, exponent.IsNegative) switch
        {
            (true, true) => [Condition.Positive(@base)],
            (true, false) => [Condition.NonNegative(@base)],
            (false, true) => [Condition.NonZero(@base)],
            _ => [],
        };
        return @base is Number { Value: var b } ? [.. conditions.Where(c => !c.Holds(b.Sign, 0))] : conditions;
    }
}
