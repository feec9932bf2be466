using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// Factors common to every term of a sum, taken out as a teacher does: exp(sin(x))*cos(x)^3 out of the 5th derivative
/// of exp(sin(x)), x^(x - 5) out of the 6th of x^x. A base is common when every term has it; its power taken out is the
/// least of the terms' exponents where those differ by numbers (x^x, x^(x - 1): x^(x - 1)), else the exponent they share.
/// A numeric factor is taken out too: the greatest common divisor of whole coefficients (with the sign where every term
/// is negative). Identities only (u·a + u·b = u·(a + b)), so the value and the real domain are kept exactly: no factor is
/// divided out that a term did not have. Sums inside are factored first, bottom up. Whether the factored form is the one
/// to answer is the caller's choice (<see cref="Forms"/>): it is not always smaller.
/// </summary>
public static class CommonFactors
{
    /// <summary>Larger expressions are left as they are: the walk and the candidates' comparison cost their size.</summary>
    public const int MaxNodes = 20_000;

    /// <summary><paramref name="e"/> with common factors taken out of every sum in it (itself where none has any, or it is too large).</summary>
    public static Expr Of(Expr e)
    {
        // Where no sum may share a factor, none will after its inner sums are factored either (nothing is): most answers
        // are let through after this look alone.
        if (e.Size > MaxNodes || !e.IsScalar || (e.Contents & Contents.Sum) == 0 || !Walk.Any(e, n => n is Sum s && MayShare(s.Terms)))
        {
            return e;
        }

        return BottomUp.Rewrite(e, (node, children) =>
            node is Sum s ? FactorSum(s, children) : children is null ? node : BottomUp.Rebuilt(node, children));
    }

    /// <summary>The sum (its terms visited: <paramref name="visited"/>, or its own), with what they all share taken out when they share anything.</summary>
    private static Expr FactorSum(Sum sum, Expr[]? visited)
    {
        var terms = visited ?? [.. sum.Terms];
        Expr Unfactored() => visited is null ? sum : Algebra.Add(terms);
        if (!sum.IsScalar)
        {
            return Unfactored();
        }

        if (!MayShare(terms))
        {
            return Unfactored();
        }

        var split = terms.Select(Split).ToArray();
        var common = new List<Expr>();
        foreach (var (b, e) in split[0].Powers)
        {
            if (CommonExponent(b, e, split) is { } least)
            {
                common.Add(Algebra.Pow(b, least));
            }
        }

        var number = CommonNumber(split.Select(s => s.Coefficient).ToArray());
        if (common.Count == 0 && number.IsOne)
        {
            return Unfactored();
        }

        var factor = Algebra.Mul([Algebra.Num(number), .. common]);
        var inverse = Algebra.Pow(factor, Algebra.MinusOne);
        var rest = Algebra.Add([.. terms.Select(t => Algebra.Mul(t, inverse))]);

        // Kept apart: the smart constructor would multiply a number back into the sum (2*(x + 1) stays, but a sum times
        // a product is a product whose factor is the sum, which is what is meant).
        return Algebra.Mul(factor, rest);
    }

    /// <summary>
    /// The exponent of <paramref name="b"/> to take out of every term, or null where some term lacks the base or the
    /// exponents are not comparable: the least where they differ by numbers, else the one they all have.
    /// </summary>
    private static Expr? CommonExponent(Expr b, Expr first, (Rational Coefficient, Dictionary<Expr, Expr> Powers)[] terms)
    {
        var least = first;
        foreach (var (_, powers) in terms)
        {
            if (!powers.TryGetValue(b, out var e))
            {
                return null;
            }

            if (e.Equals(least))
            {
                continue;
            }

            if (Algebra.Sub(e, least) is not Number { } difference)
            {
                return TermwiseLeast(b, terms);
            }

            if (difference.Value.Sign < 0)
            {
                least = e;
            }
        }

        // Any least power keeps the domain: a term has it, so its condition (u > 0 for u^(-1/2), u != 0 for u^-1) is
        // already the sum's, and what is left in each term, u^(e - least), needs at most what u^e or u^least did.
        // So 1/x + 1/x^2 is (x + 1)/x^2, and 1/sqrt(u) - x^2/u^(3/2) with u = x^2 + 1 is (u - x^2)/u^(3/2) = 1/u^(3/2).
        return least;
    }

    /// <summary>
    /// Where the exponents differ by more than a number (x^(2*x + x^x - 2) and x^(x + x^x - 1), in the second derivative
    /// of x^(x^x)), the exponent whose every term has the least coefficient any exponent gives that term (0 where one lacks
    /// it): x + x^x - 2, leaving x^x and x. Only where some exponent is not a number, so that b^e already needs b &gt; 0
    /// and every power of b is defined where the sum is; null where that exponent is 0 or a term lacks the base
    /// (a sum of (x^2 + 1)^y, (x^2 + 1)^(2*y) and 1 shares nothing).
    /// </summary>
    private static Expr? TermwiseLeast(Expr b, (Rational Coefficient, Dictionary<Expr, Expr> Powers)[] terms)
    {
        Dictionary<Expr, Rational>? least = null;
        foreach (var (_, powers) in terms)
        {
            if (!powers.TryGetValue(b, out var e))
            {
                return null;
            }

            var parts = new Dictionary<Expr, Rational>();
            foreach (var t in e is Sum s ? s.Terms : [e])
            {
                var (c, m) = Algebra.SplitCoefficient(t);
                parts[m] = parts.GetValueOrDefault(m, Rational.Zero) + c;
            }

            if (least is null)
            {
                least = parts;
                continue;
            }

            foreach (var m in least.Keys.ToList())
            {
                least[m] = Least(least[m], parts.GetValueOrDefault(m, Rational.Zero));
            }

            foreach (var (m, c) in parts)
            {
                least.TryAdd(m, Least(c, Rational.Zero));
            }
        }

        if (least is null || terms.All(t => t.Powers[b] is Number))
        {
            return null;
        }

        var common = Algebra.Add([.. least.Select(p => Algebra.Mul(Algebra.Num(p.Value), p.Key))]);
        return common is Number { Value.IsZero: true } ? null : common;
    }

    private static Rational Least(Rational a, Rational b) => a.CompareTo(b) <= 0 ? a : b;

    /// <summary>
    /// The gcd of whole coefficients (2 out of 2*cos(x)^2 - 2*sin(x)^2), negative where every coefficient is; 1 where a
    /// coefficient is a fraction, since taking 1/4 out of 1 - x^2/4 only moves the fraction, (4 - x^2)/4.
    /// </summary>
    private static Rational CommonNumber(Rational[] coefficients)
    {
        if (coefficients.Any(c => !c.Denominator.IsOne))
        {
            return Rational.One;
        }

        var gcd = BigInteger.Zero;
        foreach (var c in coefficients)
        {
            gcd = BigInteger.GreatestCommonDivisor(gcd, c.Numerator);
        }

        return gcd.IsZero ? Rational.One : new Rational(coefficients.All(c => c.Sign < 0) ? -gcd : gcd, BigInteger.One);
    }

    /// <summary>
    /// A cheap look, without building anything, for whether the terms could share a factor: a base of the first term in
    /// every other term, or whole coefficients that are all negative or share a divisor. Most sums share nothing.
    /// </summary>
    private static bool MayShare(IReadOnlyList<Expr> terms)
    {
        foreach (var f in Factors(terms[0]))
        {
            var b = BaseOf(f);
            if (terms.Skip(1).All(t => Factors(t).Any(g => BaseOf(g).Equals(b))))
            {
                return true;
            }
        }

        var coefficients = terms.Select(t => Algebra.SplitCoefficient(t).Coefficient).ToArray();
        return coefficients.All(c => c.Denominator.IsOne)
            && (coefficients.All(c => c.Sign < 0) || coefficients.Aggregate(BigInteger.Zero, (g, c) => BigInteger.GreatestCommonDivisor(g, c.Numerator)) > 1);
    }

    private static IEnumerable<Expr> Factors(Expr term) => term switch
    {
        Number => [],
        Product p => p.Factors.Where(f => f is not Number),
        _ => [term],
    };

    private static Expr BaseOf(Expr f) => f is Power p ? p.Base : f;

    /// <summary>A term as its coefficient and its factors' bases with their exponents.</summary>
    private static (Rational Coefficient, Dictionary<Expr, Expr> Powers) Split(Expr term)
    {
        var (coefficient, monomial) = Algebra.SplitCoefficient(term);
        var powers = new Dictionary<Expr, Expr>();
        foreach (var f in monomial is Product p ? p.Factors : [monomial])
        {
            if (f is Number)
            {
                continue;
            }

            var (b, e) = f is Power power ? (power.Base, power.Exponent) : (f, Algebra.One);
            powers[b] = e;
        }

        return (coefficient, powers);
    }
}
