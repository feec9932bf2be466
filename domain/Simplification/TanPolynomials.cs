using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A sum of terms k*sin(u)^a*tan(u)^m/cos(u)^b written as the polynomial in t = tan(u) it is, as a teacher writes the
/// higher derivatives of tan: sin(u)^a/cos(u)^b = t^a*(1 + t^2)^((b - a)/2) where b - a is even and not negative, so
/// 2/cos(x)^2 + 6*sin(x)^2/cos(x)^4 is 6*tan(x)^4 + 8*tan(x)^2 + 2. Likewise cos(u)^a/sin(u)^b in t = cot(u), with
/// 1/sin(u)^2 = 1 + t^2, and sinh(u)^a/cosh(u)^b in t = tanh(u), with 1/cosh(u)^2 = 1 - t^2. Both sides are defined
/// exactly where the denominator is not 0 (everywhere for cosh): the sum has a term divided by it (or a t), and the
/// polynomial is not constant, so it holds t. The polynomial is expanded, so 1/cos(u)^2 - tan(u)^2 = 1 is not made (it
/// would widen the domain).
/// </summary>
internal static class TanPolynomials
{
    /// <summary>Higher powers are left as they are: the binomial coefficients of (1 + t^2)^n grow with n.</summary>
    private const int MaxPower = 64;

    /// <summary>Numerator, denominator, their quotient t, and the sign s in 1/denominator^2 = 1 + s*t^2.</summary>
    private static readonly (Function Numerator, Function Denominator, Function Quotient, int Sign)[] Pairs =
    [
        (Function.Sin, Function.Cos, Function.Tan, 1),
        (Function.Cos, Function.Sin, Function.Cot, 1),
        (Function.Sinh, Function.Cosh, Function.Tanh, -1),
    ];

    /// <summary>Whether <paramref name="node"/> is a sum of such terms of one pair and one argument u, one of them divided by the denominator.</summary>
    public static bool Applies(Expr node) => node is Sum s && Argument(s) is (not null, _);

    /// <summary>The polynomial in t the sum is, or null where it is constant or its coefficients are too large.</summary>
    public static Expr? Rewrite(Expr node)
    {
        if (node is not Sum s || Argument(s) is not ({ } u, var pair))
        {
            return null;
        }

        var sign = Pairs[pair].Sign;
        var coefficients = new Rational[MaxPower + 1];
        Array.Fill(coefficients, Rational.Zero);
        foreach (var term in s.Terms)
        {
            Expr? argument = u;
            if (!TryRead(term, pair, ref argument, out var c, out var a, out var b, out _))
            {
                throw new InvalidOperationException($"{term} is not a term of a polynomial in {Pairs[pair].Quotient}({u}).");
            }

            // c*t^a*(1 + sign*t^2)^n with n = (b - a)/2, expanded by the binomial theorem.
            var n = (b - a) / 2;
            var binomial = BigInteger.One;
            for (var j = 0; j <= n; j++)
            {
                coefficients[a + 2 * j] += c * new Rational(sign < 0 && j % 2 == 1 ? -binomial : binomial, BigInteger.One);
                binomial = binomial * (n - j) / (j + 1);
            }
        }

        var limit = WorkBudget.CurrentLimits.MaxIntegerBits;
        var t = Algebra.Apply(Pairs[pair].Quotient, u);
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

            terms.Add(Algebra.Mul(Algebra.Num(coefficients[k]), Algebra.Pow(t, Algebra.Num(k))));
        }

        return terms.Exists(term => term is not Number) ? Algebra.Add([.. terms]) : null;
    }

    /// <summary>
    /// The argument u and the pair every term is written in (as k*n(u)^a*t(u)^m/d(u)^b with b - a even and not negative,
    /// or a number), where some term is divided by d(u); (null, -1) otherwise. Allocates nothing: it is the first look.
    /// </summary>
    private static (Expr? Argument, int Pair) Argument(Sum s)
    {
        for (var pair = 0; pair < Pairs.Length; pair++)
        {
            Expr? u = null;
            var divided = false;
            var all = true;
            foreach (var term in s.Terms)
            {
                if (!TryRead(term, pair, ref u, out _, out var a, out var b, out var denominator) || b < a || (b - a) % 2 != 0 || b > MaxPower)
                {
                    all = false;
                    break;
                }

                divided |= denominator;
            }

            if (all && divided)
            {
                return (u, pair);
            }
        }

        return (null, -1);
    }

    /// <summary>A term as c*n(u)^a/d(u)^b, t(u)^m counting as n(u)^m/d(u)^m; <paramref name="denominator"/> where it has a d(u) factor.</summary>
    private static bool TryRead(Expr term, int pair, ref Expr? u, out Rational c, out int a, out int b, out bool denominator)
    {
        (c, a, b, denominator) = (Rational.One, 0, 0, false);
        if (term is Number n)
        {
            c = n.Value;
            return true;
        }

        if (term is not Product p)
        {
            return TryFactor(term, pair, ref u, ref a, ref b, ref denominator);
        }

        foreach (var f in p.Factors)
        {
            if (f is Number k)
            {
                c = k.Value;
            }
            else if (!TryFactor(f, pair, ref u, ref a, ref b, ref denominator))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryFactor(Expr f, int pair, ref Expr? u, ref int a, ref int b, ref bool denominator)
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
        var (numerator, under, quotient, _) = Pairs[pair];
        if (call.Function == numerator && k > 0)
        {
            a += k;
            return true;
        }

        if (call.Function == under && k < 0)
        {
            b -= k;
            denominator = true;
            return true;
        }

        if (call.Function == quotient && k > 0)
        {
            a += k;
            b += k;
            return true;
        }

        return false;
    }
}
