using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// Quotients of trigonometric and hyperbolic functions of one argument written as the function a teacher writes:
/// sin(u)^k/cos(u)^k = tan(u)^k, cos(u)^k/sin(u)^k = cot(u)^k, sinh(u)^k/cosh(u)^k = tanh(u)^k (d/dx log(cosh(x)) is
/// tanh(x), not sinh(x)/cosh(x)). Each is an identity on the whole domain of its left side (tan(u) is undefined exactly
/// where cos(u) = 0), so neither the value nor the domain changes. Whole powers k only, the same on both sides.
/// </summary>
public static class TrigQuotients
{
    private static readonly (Function Numerator, Function Denominator, Function Quotient)[] Pairs =
    [
        (Function.Sin, Function.Cos, Function.Tan),
        (Function.Cos, Function.Sin, Function.Cot),
        (Function.Sinh, Function.Cosh, Function.Tanh),
    ];

    public static Expr Of(Expr e)
    {
        if (e.Size > CommonFactors.MaxNodes || (e.Contents & Contents.Division) == 0 || !Walk.Any(e, n => n is Product p && HasPair(p.Factors)))
        {
            return e;
        }

        return BottomUp.Rewrite(e, (node, children) =>
            node is Product p && Quotients(children ?? [.. p.Factors]) is { } named ? named
            : children is null ? node : BottomUp.Rebuilt(node, children));
    }

    /// <summary>Whether the factors hold a numerator of a pair above and its denominator (of any argument): a cheap first look.</summary>
    private static bool HasPair(IReadOnlyList<Expr> factors) =>
        Pairs.Any(pair => factors.Any(f => Of(f, pair.Numerator).Power > 0) && factors.Any(f => Of(f, pair.Denominator).Power < 0));

    /// <summary>The product of the factors with each f(u)^k/g(u)^k of a pair above written q(u)^k; null where there is none.</summary>
    private static Expr? Quotients(Expr[] factors)
    {
        var changed = false;
        foreach (var (numerator, denominator, quotient) in Pairs)
        {
            for (var i = 0; i < factors.Length; i++)
            {
                var (u, k) = Of(factors[i], numerator);
                if (u is null || k <= 0)
                {
                    continue;
                }

                var j = Array.FindIndex(factors, f => Of(f, denominator) is ({ } v, var m) && m == -k && v.Equals(u));
                if (j < 0)
                {
                    continue;
                }

                factors[i] = Algebra.Pow(Algebra.Apply(quotient, u), Algebra.Num(k));
                factors[j] = Algebra.One;
                changed = true;
            }
        }

        return changed ? Algebra.Mul(factors) : null;
    }

    /// <summary>(u, k) where <paramref name="f"/> is function(u)^k with k a whole number (k = 1 for function(u) itself).</summary>
    private static (Expr? Argument, int Power) Of(Expr f, Function function) => f switch
    {
        Call c when c.Function == function => (c.Argument, 1),
        Power { Base: Call c, Exponent: Number { Value: { IsInteger: true } k } } when c.Function == function && System.Numerics.BigInteger.Abs(k.Numerator) <= 1_000 =>
            (c.Argument, (int)k.Numerator),
        _ => (null, 0),
    };
}
