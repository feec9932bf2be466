using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The Pythagorean identities read as reciprocals, inside a product where the sum then goes under its division:
/// c*(1 - tanh(u)^2) = c/cosh(u)^2 (2*x*(1 - tanh(x^2)^2) is 2*x/cosh(x^2)^2) and c*(1 + tan(u)^2) = c/cos(u)^2. The
/// first holds on the whole line on both sides, cosh(u) &gt;= 1, in any whole power. The second holds where cos(u) != 0 on
/// both sides, but only in positive powers: 1/(1 + tan(u)^2) is cos(u)^2 only where tan(u) is defined, so it is left.
/// </summary>
internal static class ReciprocalSquares
{
    /// <summary>Whether <paramref name="node"/> is a product with a factor (c - c*tanh(u)^2)^k or (c + c*tan(u)^2)^k that may be rewritten.</summary>
    public static bool Applies(Expr node)
    {
        if (node is not Product p)
        {
            return false;
        }

        foreach (var f in p.Factors)
        {
            if (Reciprocal(f) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The product with each such factor written c/cosh(u)^2 or c/cos(u)^2, in its power.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Product p)
        {
            return null;
        }

        var factors = new Expr[p.Factors.Length];
        for (var i = 0; i < factors.Length; i++)
        {
            var f = p.Factors[i];
            factors[i] = Reciprocal(f) is var (c, function, u) ? Written(f, c, function, u) : f;
        }

        return Algebra.Mul(factors);
    }

    private static Expr Written(Expr f, Rational c, Function function, Expr u)
    {
        var reciprocal = Algebra.Mul(Algebra.Num(c), Algebra.Pow(Algebra.Apply(function, u), Algebra.Num(-2)));
        return f is Power power ? Algebra.Pow(reciprocal, power.Exponent) : reciprocal;
    }

    /// <summary>
    /// (c, cosh, u) for a factor (c - c*tanh(u)^2)^k with k a whole number, (c, cos, u) for (c + c*tan(u)^2)^k with k &gt; 0;
    /// null for any other factor. Allocates nothing.
    /// </summary>
    private static (Rational C, Function Function, Expr Argument)? Reciprocal(Expr f)
    {
        var (sum, positive) = f switch
        {
            Sum s => (s, true),
            Power { Base: Sum s, Exponent: Number { Value: { IsInteger: true } k } } => (s, k.Sign > 0),
            _ => (null, false),
        };

        // Canonical sums put the number last: tanh(u)^2 - 1 is [tanh(u)^2, -1].
        if (sum is not { Terms: [var square, Number { Value: var c }] } || !sum.IsScalar)
        {
            return null;
        }

        var (d, monomial) = Algebra.SplitCoefficient(square);
        if (monomial is not Power { Base: Call call, Exponent: Number { Value: var two } } || two != 2)
        {
            return null;
        }

        return call.Function switch
        {
            Function.Tanh when d == -c => (c, Function.Cosh, call.Argument),
            Function.Tan when d == c && positive => (c, Function.Cos, call.Argument),
            _ => null,
        };
    }
}
