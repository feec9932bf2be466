using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A sum of terms k*sin(u)^a*tan(u)^m/cos(u)^b written as the polynomial in t = tan(u) it is, as a teacher writes the
/// higher derivatives of tan: sin(u)^a/cos(u)^b = t^a*(1 + t^2)^((b - a)/2) where b - a is even and not negative, so
/// 2/cos(x)^2 + 6*sin(x)^2/cos(x)^4 is 6*tan(x)^4 + 8*tan(x)^2 + 2. Both sides are defined exactly where cos(u) != 0:
/// the sum has a term divided by cos(u) (or a tan(u)), and the polynomial is not constant, so it holds tan(u). The
/// polynomial is expanded, so the identity 1/cos(u)^2 - tan(u)^2 = 1 is not made (it would widen the domain).
/// </summary>
internal static class TanPolynomials
{
    /// <summary>Higher powers are left as they are: the binomial coefficients of (1 + t^2)^n grow with n.</summary>
    private const int MaxPower = 64;

    /// <summary>Whether <paramref name="node"/> is a sum of such terms with one argument u, one of them divided by cos(u).</summary>
    public static bool Applies(Expr node) => node is Sum s && Argument(s) is not null;

    /// <summary>The polynomial in tan(u) the sum is, or null where it is constant or its coefficients are too large.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Sum s || Argument(s) is not { } u)
        {
            return null;
        }

        var coefficients = new Rational[MaxPower + 1];
        Array.Fill(coefficients, Rational.Zero);
        foreach (var term in s.Terms)
        {
            Read(term, u, out var c, out var a, out var b);

            // c*t^a*(1 + t^2)^n with n = (b - a)/2, expanded by the binomial theorem.
            var n = (b - a) / 2;
            var binomial = BigInteger.One;
            for (var j = 0; j <= n; j++)
            {
                coefficients[a + 2 * j] += c * new Rational(binomial, BigInteger.One);
                binomial = binomial * (n - j) / (j + 1);
            }
        }

        var limit = WorkBudget.CurrentLimits.MaxIntegerBits;
        var tan = Algebra.Apply(Function.Tan, u);
        var terms = new List<Expr>();
        for (var k = 0; k < coefficients.Length; k++)
        {
            if (coefficients[k].IsZero)
            {
                continue;
            }

            if (coefficients[k].Bits > limit)
            {
                return null;
            }

            terms.Add(Algebra.Mul(Algebra.Num(coefficients[k]), Algebra.Pow(tan, Algebra.Num(k))));
        }

        return terms.Exists(t => t is not Number) ? Algebra.Add([.. terms]) : null;
    }

    /// <summary>
    /// The argument u every term is written in (as k*sin(u)^a*tan(u)^m/cos(u)^b with b - a even and not negative, or a
    /// number), where some term is divided by cos(u); null otherwise. Allocates nothing: it is the first look.
    /// </summary>
    private static Expr? Argument(Sum s)
    {
        Expr? u = null;
        var divided = false;
        foreach (var term in s.Terms)
        {
            if (!TryRead(term, ref u, out _, out var a, out var b, out var cosine) || b < a || (b - a) % 2 != 0 || b > MaxPower)
            {
                return null;
            }

            divided |= cosine;
        }

        return divided ? u : null;
    }

    private static void Read(Expr term, Expr u, out Rational c, out int a, out int b)
    {
        Expr? argument = u;
        if (!TryRead(term, ref argument, out c, out a, out b, out _))
        {
            throw new InvalidOperationException($"{term} is not a term of a polynomial in tan({u}).");
        }
    }

    /// <summary>A term as c*sin(u)^a/cos(u)^b, tan(u)^m counting as sin(u)^m/cos(u)^m; <paramref name="cosine"/> where it has a cos(u) factor.</summary>
    private static bool TryRead(Expr term, ref Expr? u, out Rational c, out int a, out int b, out bool cosine)
    {
        (c, a, b, cosine) = (Rational.One, 0, 0, false);
        if (term is Number n)
        {
            c = n.Value;
            return true;
        }

        if (term is not Product p)
        {
            return TryFactor(term, ref u, ref a, ref b, ref cosine);
        }

        foreach (var f in p.Factors)
        {
            if (f is Number k)
            {
                c = k.Value;
            }
            else if (!TryFactor(f, ref u, ref a, ref b, ref cosine))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryFactor(Expr f, ref Expr? u, ref int a, ref int b, ref bool cosine)
    {
        var (call, k) = f switch
        {
            Call c => (c, 1),
            Power { Base: Call c, Exponent: Number { Value: { IsInteger: true } e } } when BigInteger.Abs(e.Numerator) <= MaxPower =>
                (c, (int)e.Numerator),
            _ => (null, 0),
        };
        if (call is null || (u is not null && !ReferenceEquals(u, call.Argument) && !u.Equals(call.Argument)))
        {
            return false;
        }

        u = call.Argument;
        switch (call.Function)
        {
            case Function.Sin when k > 0:
                a += k;
                return true;
            case Function.Cos when k < 0:
                b -= k;
                cosine = true;
                return true;
            case Function.Tan when k > 0:
                a += k;
                b += k;
                return true;
            default:
                return false;
        }
    }
}
