namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// Greatest common divisors over the rationals: a polynomial in several atoms is read as a polynomial in one of them
/// (the main atom) whose coefficients are polynomials in the rest; its content (the gcd of those coefficients, found
/// recursively) and its primitive part (it over its content) are handled apart, gcd(p, q) = gcd(cont p, cont q) *
/// gcd(pp p, pp q), and the primitive parts' gcd comes from the subresultant remainder sequence. With one atom the
/// contents are numbers and only the remainder sequence is left. Results are <see cref="Polynomial.Normalised"/>.
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

        var atom = UnivariateGcd.SingleAtom(p);
        if (atom >= 0 && atom == UnivariateGcd.SingleAtom(q))
        {
            return UnivariateGcd.Of(p, q, atom);
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

    /// <summary>
    /// The atom to recurse on: one that only one of the two depends on if there is one (the gcd is then a gcd of
    /// coefficients, the cheap way down), otherwise the one of lowest degree: the remainder sequence is as long as that
    /// degree, and its coefficients (polynomials in the other atoms) grow with every step.
    /// </summary>
    private static int MainVariable(Polynomial p, Polynomial q)
    {
        var best = -1;
        var bestDegree = int.MaxValue;
        for (var v = 0; v < p.Arity; v++)
        {
            var (dp, dq) = (p.Degree(v), q.Degree(v));
            if (dp == 0 && dq == 0)
            {
                continue;
            }

            var degree = dp == 0 || dq == 0 ? 0 : Math.Max(dp, dq);
            if (degree < bestDegree)
            {
                (best, bestDegree) = (v, degree);
            }
        }

        return best >= 0 ? best : throw new InvalidOperationException("MainVariable of two constants.");
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
    /// The gcd of two polynomials primitive in <paramref name="variable"/>, by the subresultant remainder sequence
    /// (Collins; Brown and Traub): each pseudo-remainder is divided by g*h^δ, a factor it is known to have, which keeps
    /// the coefficients' size growing only polynomially without a gcd of the coefficients at every step (the primitive
    /// sequence's contents cost more than the rest together in several atoms); the last non-zero remainder's primitive
    /// part is the gcd. A remainder free of the main atom means the two share no factor in it.
    /// </summary>
    private static Polynomial PrimitiveGcd(Polynomial a, Polynomial b, int variable)
    {
        if (a.Degree(variable) < b.Degree(variable))
        {
            (a, b) = (b, a);
        }

        a = a.Normalised();
        b = b.Normalised();
        var one = Polynomial.One(a.Arity);
        var g = one;
        var h = one;
        while (true)
        {
            var delta = a.Degree(variable) - b.Degree(variable);
            var r = PseudoRemainder(a, b, variable);
            if (r.IsZero)
            {
                return Split(b, variable).Primitive.Normalised();
            }

            if (!r.DependsOn(variable))
            {
                return one;
            }

            (a, b) = (b, Exact(r, g * h.Pow(delta)));
            g = a.LeadingCoefficientIn(variable);
            h = delta == 0 ? h : Exact(g.Pow(delta), h.Pow(delta - 1));
        }
    }

    /// <summary>
    /// prem(a, b) in <paramref name="variable"/>: the remainder of lc(b)^(δ+1) * a by b, δ = deg a - deg b, which involves
    /// no division. While a's degree reaches b's, a is replaced by lc(b)*a - lc(a)*v^k*b, which removes its leading
    /// power; the factors of lc(b) a step skipped (a coefficient that vanished) are made up at the end, so that the
    /// subresultant sequence's divisions are exact.
    /// </summary>
    internal static Polynomial PseudoRemainder(Polynomial a, Polynomial b, int variable)
    {
        var db = b.Degree(variable);
        var lcb = b.LeadingCoefficientIn(variable);
        var steps = a.Degree(variable) - db + 1;
        var r = a;
        while (!r.IsZero && r.Degree(variable) >= db)
        {
            var dr = r.Degree(variable);
            var lcr = r.CoefficientIn(variable, dr);
            var shift = Monomial.Of(variable, dr - db, a.Arity);
            r = (lcb * r) - (lcr * Polynomial.Term(Rational.One, shift) * b);
            steps--;
        }

        return steps > 0 && !r.IsZero ? r * lcb.Pow(steps) : r;
    }

    /// <summary>p / d where d is known to divide p; an inexact division here is a bug, not a user's error.</summary>
    internal static Polynomial Exact(Polynomial p, Polynomial d) =>
        p.DividedBy(d) ?? throw new InvalidOperationException($"({d}) was expected to divide ({p}) exactly.");
}
