using System.Numerics;

namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// The fast path of <see cref="PolynomialGcd"/> for two polynomials in the same single atom, the common case of a
/// derivative of a rational function of x: dense integer coefficient arrays and the primitive remainder sequence over
/// the integers (each pseudo-remainder divided by the gcd of its coefficients, a cheap integer gcd here), instead of
/// dictionaries of monomials. Coefficients past <see cref="PolynomialWork.MaxCoefficientBits"/> are refused like
/// everywhere else.
/// </summary>
internal static class UnivariateGcd
{
    /// <summary>The one atom <paramref name="p"/> depends on, or -1 for none or several.</summary>
    public static int SingleAtom(Polynomial p)
    {
        var atom = -1;
        for (var v = 0; v < p.Arity; v++)
        {
            if (p.DependsOn(v))
            {
                if (atom >= 0)
                {
                    return -1;
                }

                atom = v;
            }
        }

        return atom;
    }

    /// <summary>gcd(p, q) for non-constant p and q in atom <paramref name="v"/> alone, normalised.</summary>
    public static Polynomial Of(Polynomial p, Polynomial q, int v)
    {
        var a = Dense(p.Normalised(), v);
        var b = Dense(q.Normalised(), v);
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        while (true)
        {
            var r = PseudoRemainder(a, b);
            if (r.Length == 0)
            {
                return Sparse(Primitive(b), v, p.Arity);
            }

            if (r.Length == 1)
            {
                return Polynomial.One(p.Arity);
            }

            (a, b) = (b, Primitive(r));
        }
    }

    /// <summary>Coefficients by power, the highest non-zero last; the polynomial's coefficients must be integers.</summary>
    private static BigInteger[] Dense(Polynomial p, int v)
    {
        var coefficients = new BigInteger[p.Degree(v) + 1];
        foreach (var (m, c) in p.Terms)
        {
            coefficients[m[v]] = c.Numerator;
        }

        return coefficients;
    }

    private static Polynomial Sparse(BigInteger[] coefficients, int v, int arity)
    {
        var p = Polynomial.Zero(arity);
        for (var i = 0; i < coefficients.Length; i++)
        {
            if (!coefficients[i].IsZero)
            {
                p += Polynomial.Term(Rational.FromInteger(coefficients[i]), Monomial.Of(v, i, arity));
            }
        }

        return p;
    }

    /// <summary>lc(b)^(δ+1) * a mod b, trimmed (empty for zero).</summary>
    private static BigInteger[] PseudoRemainder(BigInteger[] a, BigInteger[] b)
    {
        var r = (BigInteger[])a.Clone();
        var db = b.Length - 1;
        var lcb = b[db];
        for (var i = r.Length - 1; i >= db; i--)
        {
            PolynomialWork.Charge(i + db + 2);
            var c = r[i];
            for (var j = 0; j < i; j++)
            {
                r[j] *= lcb;
            }

            for (var j = 0; j < db; j++)
            {
                r[j + i - db] -= c * b[j];
            }

            r[i] = BigInteger.Zero;
        }

        var length = db;
        while (length > 0 && r[length - 1].IsZero)
        {
            length--;
        }

        var trimmed = r[..length];
        foreach (var c in trimmed)
        {
            if (c.GetBitLength() > PolynomialWork.MaxCoefficientBits)
            {
                throw new PolynomialRefused($"a coefficient of more than {PolynomialWork.MaxCoefficientBits:N0} bits");
            }
        }

        return trimmed;
    }

    /// <summary>The coefficients over their gcd, with a positive leading one.</summary>
    private static BigInteger[] Primitive(BigInteger[] coefficients)
    {
        var g = BigInteger.Zero;
        foreach (var c in coefficients)
        {
            g = BigInteger.GreatestCommonDivisor(g, c);
            if (g.IsOne)
            {
                break;
            }
        }

        if (coefficients[^1].Sign < 0)
        {
            g = -g;
        }

        return g.IsOne ? coefficients : [.. coefficients.Select(c => c / g)];
    }
}
