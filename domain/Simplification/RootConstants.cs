using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A product's numeric factor taken under its square root: c*sqrt(u) = sqrt(c^2*u) and c/sqrt(u) = 1/sqrt(u/c^2) for
/// c &gt; 0, so the derivative of asin(x/2), 1/(2*sqrt(1 - x^2/4)), reads 1/sqrt(4 - x^2). A coefficient's sign stays
/// outside. u &gt;= 0 exactly where c^2*u &gt;= 0 (and u &gt; 0 where c^2*u &gt; 0), so the domain is kept; the number is
/// multiplied into each term of a sum, which cancels none of them.
/// </summary>
internal static class RootConstants
{
    /// <summary>
    /// Whether <paramref name="node"/> is a product of a number other than ±1 and a square root (or its reciprocal) of a sum
    /// whose coefficients the number may clear or share: a fraction among them (1 - x^2/4) or a common divisor (4*x^2 + 4).
    /// Elsewhere (1/(2*sqrt(x)), the commonest) the number only moves, and no shorter.
    /// </summary>
    public static bool Applies(Expr node) =>
        node is Product { Factors: [Number { Value: var c }, ..] } p && !c.Abs().IsOne && Root(p) is var i && i >= 0 && MayClear(((Power)p.Factors[i]).Base);

    /// <summary>The product with its number, but for its sign, under its first square root.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Product { Factors: [Number { Value: var c }, ..] } p)
        {
            return null;
        }

        var i = Root(p);
        if (i < 0)
        {
            return null;
        }

        var root = (Power)p.Factors[i];
        var magnitude = c.Abs();
        var scale = root.Exponent is Number { Value.Sign: > 0 } ? magnitude * magnitude : (magnitude * magnitude).Reciprocal();
        if (scale.Bits > WorkBudget.CurrentLimits.MaxIntegerBits)
        {
            return null;
        }

        var number = Algebra.Num(scale);
        var scaled = root.Base is Sum s ? Algebra.Add([.. s.Terms.Select(t => Algebra.Mul(number, t))]) : Algebra.Mul(number, root.Base);
        var factors = p.Factors.ToArray();
        factors[0] = Algebra.Num(c.Sign);
        factors[i] = Algebra.Pow(scaled, root.Exponent);
        return Algebra.Mul(factors);
    }

    private static bool MayClear(Expr u)
    {
        if (u is not Sum s)
        {
            return false;
        }

        var gcd = System.Numerics.BigInteger.Zero;
        foreach (var term in s.Terms)
        {
            var c = term switch
            {
                Number n => n.Value,
                Product { Factors: [Number n, ..] } => n.Value,
                _ => Rational.One,
            };
            if (!c.IsInteger)
            {
                return true;
            }

            gcd = System.Numerics.BigInteger.GreatestCommonDivisor(gcd, c.Numerator);
        }

        return gcd > 1;
    }

    /// <summary>The index of the first factor u^(1/2) or u^(-1/2) with u not a number; -1 where there is none.</summary>
    private static int Root(Product p)
    {
        for (var i = 1; i < p.Factors.Length; i++)
        {
            if (p.Factors[i] is Power { Base: not Number, Exponent: Number { Value: var k } } && (k == Rational.Half || k == -Rational.Half))
            {
                return i;
            }
        }

        return -1;
    }
}
