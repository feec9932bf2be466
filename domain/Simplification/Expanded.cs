using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification.Polynomials;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// A polynomial answer expanded over its atoms (<see cref="AtomTable"/>), as SymPy answers d/dx (x + 1)(x + 2)…(x + n):
/// the product rule's n products of n - 1 factors are 4*x^3 + 30*x^2 + 70*x + 50 for n = 4, and at n = 32 that is
/// 92 operations instead of 1,983. Whether the expanded form is the one to answer is the caller's choice
/// (<see cref="Forms"/>, by operations): (x + 1)^2*exp(x) expanded is longer, and stays as it is.
/// <para>
/// An identity with the same real domain: only sums, products and whole positive powers of sums are multiplied out, over
/// atoms that are kept whole (sin(x), x^x, ln(x)), so nothing is divided and no root is squared; and where a term that
/// held an atom cancels away entirely ((ln(x) + 1)*y - y*ln(x) is y, which forgets ln(x)'s x &gt; 0), the expansion is
/// not offered. Bounded: the degree, the estimated coefficient work and the expanded size are checked before any
/// polynomial is built, so hopeless cases ((x + 1)…(x + 128), degree 127) cost one walk of the expression.
/// </para>
/// </summary>
public static class Expanded
{
    /// <summary>Coefficient operations one expansion may spend; an expansion estimated to need more is not tried.</summary>
    public const long MaxSteps = 50_000;

    /// <summary>
    /// <paramref name="e"/> multiplied out as a polynomial over its atoms, or <paramref name="e"/> itself where it is no
    /// polynomial with products of sums to multiply out, where that would pass the bounds, or where an atom would be lost.
    /// </summary>
    public static Expr Of(Expr e)
    {
        // The first look, without allocating: a sum of at least two terms that multiply sums out (the product rule's
        // shape), a polynomial over atoms of a degree the bounds allow. Most answers are let through here.
        if (e is not Sum sum || !e.IsScalar || ProductsOfSums(sum) < 2 || Degree(e) is < 2 or > PolynomialWork.MaxDegree)
        {
            return e;
        }

        return MultipliedOut(e, e.Size) ?? e;
    }

    /// <summary>
    /// <paramref name="e"/> multiplied out over its atoms, or null where it is not a polynomial over them (a division, a
    /// root), where an atom would be lost, past the bounds, or where the expansion is estimated to have more than a
    /// third of <paramref name="maxNodes"/> terms (written out, a term is about a coefficient, a product and a power).
    /// </summary>
    internal static Expr? MultipliedOut(Expr e, long maxNodes)
    {
        if (!e.IsScalar || Degree(e) is < 1 or > PolynomialWork.MaxDegree)
        {
            return null;
        }

        // With one atom the bound on terms is least, so this is a lower bound of the work: what already passes the budget
        // is refused without reading the atoms ((x + 1)…(x + 64)).
        if (Estimate(e, 1).Work > MaxSteps)
        {
            return null;
        }

        try
        {
            using var work = PolynomialWork.Enter(MaxSteps);
            var atoms = AtomTable.Of(e);
            var estimate = Estimate(e, atoms.Count);
            if (estimate.Work > MaxSteps || estimate.Terms * 3 > maxNodes)
            {
                return null;
            }

            if (atoms.Count == 1 && Univariate(e, atoms[0]) is { } dense)
            {
                return dense.Length < 2 ? null : Written(dense, atoms[0]);
            }

            var p = Multiplied(e, atoms, new Dictionary<Expr, Polynomial>(SameNode.Instance));
            for (var v = 0; v < atoms.Count; v++)
            {
                if (!p.DependsOn(v))
                {
                    return null;
                }
            }

            return RationalForm.ToExpr(p, atoms);
        }
        catch (PolynomialRefused)
        {
            return null;
        }
        catch (Errors.CalcException refused) when (refused.Error.Limit == "maxIntegerBits")
        {
            return null;
        }
    }

    /// <summary>
    /// The common case, one atom and whole numbers ((x + 1)(x + 2)…(x + n)), multiplied out with dense arrays of whole
    /// coefficients, lowest power first: in 128-bit integers while they hold (n = 32's coefficients take 118 bits), then
    /// in big integers, a small part of the work of the general <see cref="Multiplied"/>, which keeps a term table and
    /// reduces a fraction at every coefficient operation. Null where a number is not whole (the general way then).
    /// </summary>
    private static BigInteger[]? Univariate(Expr e, Expr atom)
    {
        try
        {
            return Dense<Int128>(e, atom, new(SameNode.Instance)) is { } small ? [.. small.Select(c => (BigInteger)c)] : null;
        }
        catch (OverflowException)
        {
            return Dense<BigInteger>(e, atom, new(SameNode.Instance));
        }
    }

    /// <summary>
    /// Bounded like the general way: degree and coefficients' bits checked, steps charged in big integers (the 128-bit
    /// pass is bounded by the estimate already, and is not charged, so that the big-integer pass after an overflow has the
    /// whole budget); an overflow of T is thrown.
    /// </summary>
    private static T[]? Dense<T>(Expr e, Expr atom, Dictionary<Expr, T[]?> memo)
        where T : IBinaryInteger<T>
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        T[]? result;
        switch (e)
        {
            case Number n:
                result = n.Value.IsInteger ? [T.CreateChecked(n.Value.Numerator)] : null;
                break;
            case Sum s:
                result = [T.Zero];
                foreach (var term in s.Terms)
                {
                    if (Dense<T>(term, atom, memo) is not { } t)
                    {
                        return null;
                    }

                    result = Plus(result, t);
                }

                break;
            case Product p:
                result = [T.One];
                foreach (var factor in p.Factors)
                {
                    if (Dense<T>(factor, atom, memo) is not { } f)
                    {
                        return null;
                    }

                    result = Times(result, f);
                }

                break;
            case Power { Exponent: Number { Value: { IsInteger: true, Sign: > 0 } k } } power when !power.Equals(atom):
                if (Dense<T>(power.Base, atom, memo) is not { } b)
                {
                    return null;
                }

                result = [T.One];
                for (var i = 0; i < (int)k.Numerator; i++)
                {
                    result = Times(result, b);
                }

                break;
            default:
                result = e.Equals(atom) ? [T.Zero, T.One] : throw new PolynomialRefused($"a part ({e}) that is no polynomial in {atom}");
                break;
        }

        memo[e] = result;
        return result;
    }

    private static T[] Plus<T>(T[] a, T[] b)
        where T : IBinaryInteger<T>
    {
        Charge<T>(Math.Max(a.Length, b.Length));
        var sum = new T[Math.Max(a.Length, b.Length)];
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] = checked((i < a.Length ? a[i] : T.Zero) + (i < b.Length ? b[i] : T.Zero));
        }

        return Trimmed(sum);
    }

    private static T[] Times<T>(T[] a, T[] b)
        where T : IBinaryInteger<T>
    {
        Charge<T>((long)a.Length * b.Length);
        PolynomialWork.CheckDegree(a.Length + b.Length - 2);
        var product = new T[a.Length + b.Length - 1];
        Array.Fill(product, T.Zero);
        for (var i = 0; i < a.Length; i++)
        {
            if (T.IsZero(a[i]))
            {
                continue;
            }

            for (var j = 0; j < b.Length; j++)
            {
                product[i + j] = checked(product[i + j] + checked(a[i] * b[j]));
            }
        }

        foreach (var c in product)
        {
            if ((long)c.GetShortestBitLength() > PolynomialWork.MaxCoefficientBits + 1)
            {
                throw new PolynomialRefused($"a coefficient of more than {PolynomialWork.MaxCoefficientBits:N0} bits");
            }
        }

        return Trimmed(product);
    }

    private static void Charge<T>(long steps)
    {
        if (typeof(T) == typeof(BigInteger))
        {
            PolynomialWork.Charge(steps);
        }
    }

    /// <summary>Without the zero coefficients of the highest powers (zero itself is one zero).</summary>
    private static T[] Trimmed<T>(T[] c)
        where T : IBinaryInteger<T>
    {
        var length = c.Length;
        while (length > 1 && T.IsZero(c[length - 1]))
        {
            length--;
        }

        return length == c.Length ? c : c[..length];
    }

    /// <summary>Dense coefficients written as the canonical sum c_k*atom^k.</summary>
    private static Expr Written(BigInteger[] coefficients, Expr atom)
    {
        var terms = new List<Expr>(coefficients.Length);
        for (var k = 0; k < coefficients.Length; k++)
        {
            if (!coefficients[k].IsZero)
            {
                var c = new Rational(coefficients[k], BigInteger.One);
                PolynomialWork.CheckCoefficient(c);
                terms.Add(Algebra.Mul(Algebra.Num(c), Algebra.Pow(atom, Algebra.Num(k))));
            }
        }

        return Algebra.Add([.. terms]);
    }

    /// <summary>
    /// <paramref name="e"/>, a polynomial over <paramref name="atoms"/> (<see cref="Degree"/> said so), multiplied out
    /// with polynomial arithmetic alone: no fraction is formed, so no gcd is taken (<see cref="RationalForm"/> would take
    /// one per product). Shared sub-expressions are multiplied out once.
    /// </summary>
    private static Polynomial Multiplied(Expr e, AtomTable atoms, Dictionary<Expr, Polynomial> memo)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var arity = atoms.Count;
        Polynomial result;
        switch (AtomTable.Read(e))
        {
            case AtomTable.Part.Constant c:
                result = Polynomial.Constant(c.Value, arity);
                break;
            case AtomTable.Part.Terms t:
                result = Polynomial.Zero(arity);
                foreach (var term in t.Items)
                {
                    result += Multiplied(term, atoms, memo);
                }

                break;
            case AtomTable.Part.Factors f:
                result = Polynomial.One(arity);
                foreach (var factor in f.Items)
                {
                    result *= Multiplied(factor, atoms, memo);
                }

                break;
            case AtomTable.Part.Power { Exponent: > 0 } p:
                result = Multiplied(p.Base, atoms, memo).Pow(p.Exponent);
                break;
            case AtomTable.Part.Atom a:
                result = Polynomial.Variable(atoms.IndexOf(a.Expression), arity);
                break;
            default:
                throw new PolynomialRefused($"a division or a root ({e}) in what was read as a polynomial");
        }

        memo[e] = result;
        return result;
    }

    /// <summary>The terms of <paramref name="sum"/> that are products with a sum (or a whole power of one) among their factors.</summary>
    private static int ProductsOfSums(Sum sum)
    {
        var count = 0;
        foreach (var term in sum.Terms)
        {
            if (term is Product p)
            {
                foreach (var f in p.Factors)
                {
                    if (f is Sum or Power { Base: Sum, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } } })
                    {
                        count++;
                        break;
                    }
                }
            }
        }

        return count;
    }

    /// <summary>
    /// The total degree of <paramref name="e"/> as a polynomial over its atoms (an atom counts 1: x, sin(x), x^x), or -1
    /// where it is not one: a negative power (a division) or a fractional one (a root) of anything. Capped just past
    /// <see cref="PolynomialWork.MaxDegree"/>. Walks the tree without allocating.
    /// </summary>
    private static int Degree(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        const int past = PolynomialWork.MaxDegree + 1;
        switch (e)
        {
            case Number:
                return 0;
            case Sum s:
                var most = 0;
                foreach (var t in s.Terms)
                {
                    var d = Degree(t);
                    if (d < 0)
                    {
                        return -1;
                    }

                    most = Math.Max(most, d);
                }

                return most;
            case Product p:
                var total = 0;
                foreach (var f in p.Factors)
                {
                    var d = Degree(f);
                    if (d < 0)
                    {
                        return -1;
                    }

                    total = Math.Min(past, total + d);
                }

                return total;
            case Power { Exponent: Number { Value: var k } } power:
                if (!k.IsInteger || k.Sign <= 0)
                {
                    return -1;
                }

                var b = Degree(power.Base);
                return b < 0 ? -1 : k.Numerator > past ? (b == 0 ? 0 : past) : (int)Math.Min(past, (long)b * (int)k.Numerator);
            default:
                return e.IsScalar ? 1 : -1;
        }
    }

    /// <summary>
    /// Upper bounds of the terms of <paramref name="e"/> expanded and of the coefficient operations expanding it takes, as
    /// <see cref="RationalForm"/> multiplies: a product term by term, a polynomial of total degree d over a atoms having
    /// at most C(d + a, a) terms (so (x + 1)(x + 2)…(x + n) is bounded by n + 1 terms, not 2^n).
    /// </summary>
    private static (long Degree, double Terms, double Work) Estimate(Expr e, int atoms)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Number:
                return (0, 1, 0);
            case Sum s:
            {
                long degree = 0;
                double terms = 0, work = 0;
                foreach (var t in s.Terms)
                {
                    var (d, n, w) = Estimate(t, atoms);
                    degree = Math.Max(degree, d);
                    terms += n;
                    work += w + n;
                }

                return (degree, Math.Min(terms, Monomials(degree, atoms)), work);
            }

            case Product p:
            {
                long degree = 0;
                double terms = 1, work = 0;
                foreach (var f in p.Factors)
                {
                    var (d, n, w) = Estimate(f, atoms);
                    degree += d;
                    work += w + terms * n;
                    terms = Math.Min(terms * n, Monomials(degree, atoms));
                }

                return (degree, terms, work);
            }

            case Power { Exponent: Number { Value: var k } } power when k.IsInteger && k.Sign > 0:
            {
                var (d, n, w) = Estimate(power.Base, atoms);
                var times = (int)System.Numerics.BigInteger.Min(k.Numerator, PolynomialWork.MaxDegree + 1);
                long degree = 0;
                double terms = 1;
                for (var i = 0; i < times; i++)
                {
                    degree += d;
                    w += terms * n;
                    terms = Math.Min(terms * n, Monomials(degree, atoms));
                }

                return (degree, terms, w);
            }

            default:
                return (1, 1, 0);
        }
    }

    /// <summary>C(d + a, a): the monomials of total degree at most d in a atoms.</summary>
    private static double Monomials(long degree, int atoms)
    {
        double c = 1;
        for (var i = 1; i <= atoms; i++)
        {
            c = c * (degree + i) / i;
        }

        return c;
    }
}
