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
        if (e.Size > CommonFactors.MaxNodes || !Walk.Distinct(e).Any(n => n is Call { Function: Function.Cos or Function.Sin or Function.Cosh }))
        {
            return e;
        }

        var memo = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        return Visit(e, memo);
    }

    private static Expr Visit(Expr e, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = e switch
        {
            Sum s => Algebra.Add([.. s.Terms.Select(t => Visit(t, memo))]),
            Product p => Quotients([.. p.Factors.Select(f => Visit(f, memo))]),
            Power p => Algebra.Pow(Visit(p.Base, memo), Visit(p.Exponent, memo)),
            Call c => Algebra.Apply(c.Function, Visit(c.Argument, memo)),
            _ => e,
        };
        memo[e] = result;
        return result;
    }

    /// <summary>The product of the factors with each f(u)^k/g(u)^k of a pair above written q(u)^k.</summary>
    private static Expr Quotients(Expr[] factors)
    {
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
            }
        }

        return Algebra.Mul(factors);
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
