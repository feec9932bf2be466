namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// Greatest common divisors over the rationals, by the primitive remainder sequence: a polynomial in several atoms is
/// read as a polynomial in one of them (the main atom) whose coefficients are polynomials in the rest; its content
/// (the gcd of those coefficients, found recursively) and its primitive part (it over its content) are handled
/// apart, gcd(p, q) = gcd(cont p, cont q) * gcd(pp p, pp q), and the primitive parts' gcd is the last non-zero
/// pseudo-remainder, each made primitive again so that its coefficients do not swell. With one atom the coefficients
/// are numbers, and this is Euclid's algorithm over the rationals. Results are <see cref="Polynomial.Normalised"/>.
/// </summary>
public static class PolynomialGcd
{
    /// <summary>gcd(p, q), normalised; gcd(0, 0) is 0. Null when the work passes its bounds (<see cref="PolynomialWork"/>).</summary>
    public static Polynomial? Of(Polynomial p, Polynomial q)
    {
        try
        {
            using var work = PolynomialWork.Enter();
            return Gcd(p, q);
        }
        catch (PolynomialRefused)
        {
            return null;
        }
    }

    /// <summary>The content of <paramref name="p"/> in atom <paramref name="variable"/>: the gcd of its coefficients as a polynomial in that atom.</summary>
    public static Polynomial? ContentIn(Polynomial p, int variable)
    {
        try
        {
            using var work = PolynomialWork.Enter();
            return Content(p, variable);
        }
        catch (PolynomialRefused)
        {
            return null;
        }
    }

    /// <summary>gcd(p, q) within the current work scope; throws <see cref="PolynomialRefused"/> past its bounds.</summary>
    internal static Polynomial Gcd(Polynomial p, Polynomial q)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (p.IsZero)
        {
            return q.Normalised();
        }

        if (q.IsZero || p.Equals(q))
        {
            return p.Normalised();
        }

        if (p.IsConstant || q.IsConstant)
        {
            return Polynomial.One(p.Arity);
        }

        var main = MainVariable(p, q);
        if (!p.DependsOn(main))
        {
            // p is a coefficient as far as the main atom goes: it divides q only through q's coefficients.
            return Gcd(p, Content(q, main));
        }

        if (!q.DependsOn(main))
        {
            return Gcd(Content(p, main), q);
        }

        var (contentP, primitiveP) = Split(p, main);
        var (contentQ, primitiveQ) = Split(q, main);
        var content = Gcd(contentP, contentQ);
        var primitive = PrimitiveGcd(primitiveP, primitiveQ, main);
        return (content * primitive).Normalised();
    }

    /// <summary>The atom to recurse on: the one of lowest index that either polynomial depends on.</summary>
    private static int MainVariable(Polynomial p, Polynomial q)
    {
        for (var v = 0; v < p.Arity; v++)
        {
            if (p.DependsOn(v) || q.DependsOn(v))
            {
                return v;
            }
        }

        throw new InvalidOperationException("MainVariable of two constants.");
    }

    /// <summary>The content in <paramref name="variable"/>, normalised: 1 as soon as the running gcd is a number.</summary>
    internal static Polynomial Content(Polynomial p, int variable)
    {
        Polynomial? content = null;
        foreach (var coefficient in p.CoefficientsIn(variable).Values)
        {
            content = content is null ? coefficient.Normalised() : Gcd(content, coefficient);
            if (content.IsConstant)
            {
                return Polynomial.One(p.Arity);
            }
        }

        return content ?? Polynomial.Zero(p.Arity);
    }

    /// <summary>p as content times primitive part in <paramref name="variable"/>.</summary>
    internal static (Polynomial Content, Polynomial Primitive) Split(Polynomial p, int variable)
    {
        var content = Content(p, variable);
        return (content, Exact(p, content));
    }

    /// <summary>
    /// The gcd of two polynomials primitive in <paramref name="variable"/>: the last non-zero member of the primitive
    /// remainder sequence. A remainder free of the main atom means the two share no factor in it.
    /// </summary>
    private static Polynomial PrimitiveGcd(Polynomial a, Polynomial b, int variable)
    {
        if (a.Degree(variable) < b.Degree(variable))
        {
            (a, b) = (b, a);
        }

        b = b.Normalised();
        while (true)
        {
            var r = PseudoRemainder(a, b, variable);
            if (r.IsZero)
            {
                return b;
            }

            if (!r.DependsOn(variable))
            {
                return Polynomial.One(a.Arity);
            }

            (a, b) = (b, Split(r, variable).Primitive.Normalised());
        }
    }

    /// <summary>
    /// A remainder of a by b in <paramref name="variable"/> up to a factor free of it: while a's degree reaches b's, a is
    /// replaced by lc(b)*a - lc(a)*v^k*b, which removes a's leading power. When lc(b) is a number the division is made
    /// exactly instead (the univariate case, and whenever b is monic in the main atom), so no factor accumulates.
    /// </summary>
    internal static Polynomial PseudoRemainder(Polynomial a, Polynomial b, int variable)
    {
        var db = b.Degree(variable);
        var lcb = b.LeadingCoefficientIn(variable);
        var r = a;
        while (!r.IsZero && r.Degree(variable) >= db)
        {
            var dr = r.Degree(variable);
            var lcr = r.CoefficientIn(variable, dr);
            var shift = Monomial.Of(variable, dr - db, a.Arity);
            r = lcb.IsConstant
                ? r - (lcr * Polynomial.Term(lcb.ConstantValue.Reciprocal(), shift) * b)
                : (lcb * r) - (lcr * Polynomial.Term(Rational.One, shift) * b);
        }

        return r;
    }

    /// <summary>p / d where d is known to divide p; an inexact division here is a bug, not a user's error.</summary>
    internal static Polynomial Exact(Polynomial p, Polynomial d) =>
        p.DividedBy(d) ?? throw new InvalidOperationException($"({d}) was expected to divide ({p}) exactly.");
}
