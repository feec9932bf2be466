using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A polynomial in exp(-u) beside sigmoid(u)^k written as the polynomial in s = sigmoid(u) it is, as the derivatives of
/// the sigmoid are taught (s'' = s*(1 - s)*(1 - 2*s)): exp(-u)*s = 1 - s, so exp(-u)^j*s^k = (1 - s)^j*s^(k - j) for
/// j &lt;= k, and (exp(-x) - 1)*sigmoid(x)^2 is sigmoid(x) - 2*sigmoid(x)^2. exp and sigmoid are defined wherever u is,
/// and the polynomial in s is not constant (it holds u), so the domain is kept.
/// </summary>
internal static class SigmoidPolynomials
{
    /// <summary>Higher powers are left as they are: the binomial coefficients of (1 - s)^j grow with j.</summary>
    private const int MaxPower = 64;

    /// <summary>Whether <paramref name="node"/> is a product of sigmoid(u)^k and a sum of c*exp(-u)^j, j &lt;= k.</summary>
    public static bool Applies(Expr node) => node is Product p && Find(p) is (>= 0, >= 0, _, _);

    /// <summary>The product with the sum and the power of the sigmoid as one polynomial in sigmoid(u), or null where it is constant.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Product p || Find(p) is not (>= 0 and var at, >= 0 and var sumAt, var k, var sigmoid))
        {
            return null;
        }

        var negated = Algebra.Neg(sigmoid.Argument);
        var coefficients = new Rational[k + 1];
        Array.Fill(coefficients, Rational.Zero);
        foreach (var term in ((Sum)p.Factors[sumAt]).Terms)
        {
            var (c, j) = Read(term, negated) ?? throw new InvalidOperationException($"{term} is not a term of a polynomial in exp({negated}).");

            // c*(1 - s)^j*s^(k - j), expanded by the binomial theorem.
            var binomial = BigInteger.One;
            for (var i = 0; i <= j; i++)
            {
                coefficients[k - j + i] += c * new Rational(i % 2 == 0 ? binomial : -binomial, BigInteger.One);
                binomial = binomial * (j - i) / (i + 1);
            }
        }

        var limit = WorkBudget.CurrentLimits.MaxIntegerBits;
        var terms = new List<Expr>();
        for (var m = 0; m <= k; m++)
        {
            if (coefficients[m].IsZero)
            {
                continue;
            }

            if (coefficients[m].Bits > limit)
            {
                return null;
            }

            terms.Add(Algebra.Mul(Algebra.Num(coefficients[m]), Algebra.Pow(sigmoid, Algebra.Num(m))));
        }

        if (!terms.Exists(t => t is not Number))
        {
            return null;
        }

        var factors = p.Factors.ToArray();
        factors[at] = Algebra.One;
        factors[sumAt] = Algebra.Add([.. terms]);
        return Algebra.Mul(factors);
    }

    /// <summary>
    /// The index of sigmoid(u)^k among the factors, of a sum of c*exp(-u)^j with every j &lt;= k, k and sigmoid(u); -1 for
    /// either index where there is none. Allocates nothing but the negated argument, and that only beside a sigmoid.
    /// </summary>
    private static (int At, int SumAt, int K, Call Sigmoid) Find(Product p)
    {
        for (var at = 0; at < p.Factors.Length; at++)
        {
            var (sigmoid, k) = p.Factors[at] switch
            {
                Call { Function: Function.Sigmoid } c => (c, 1),
                Power { Base: Call { Function: Function.Sigmoid } c, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } e } } when e.Numerator <= MaxPower =>
                    (c, (int)e.Numerator),
                _ => (null, 0),
            };
            if (sigmoid is null)
            {
                continue;
            }

            Expr? negated = null;
            for (var sumAt = 0; sumAt < p.Factors.Length; sumAt++)
            {
                if (p.Factors[sumAt] is Sum s && s.IsScalar && Degree(s, negated ??= Algebra.Neg(sigmoid.Argument)) is var d && d >= 1 && d <= k)
                {
                    return (at, sumAt, k, sigmoid);
                }
            }
        }

        return (-1, -1, 0, null!);
    }

    /// <summary>The degree of the sum as a polynomial in exp(<paramref name="negated"/>), or -1 where it is not one.</summary>
    private static int Degree(Sum s, Expr negated)
    {
        var degree = -1;
        foreach (var term in s.Terms)
        {
            if (Read(term, negated) is not (_, var j))
            {
                return -1;
            }

            degree = Math.Max(degree, j);
        }

        return degree;
    }

    /// <summary>A term as c*exp(-u)^j: (c, j), or null.</summary>
    private static (Rational C, int J)? Read(Expr term, Expr negated)
    {
        var (c, monomial) = Algebra.SplitCoefficient(term);
        return monomial switch
        {
            Number => (c, 0),
            Call { Function: Function.Exp } e when e.Argument.Equals(negated) => (c, 1),
            Power { Base: Call { Function: Function.Exp } e, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } j } } when j.Numerator <= MaxPower && e.Argument.Equals(negated) =>
                (c, (int)j.Numerator),
            _ => null,
        };
    }
}
