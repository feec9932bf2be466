namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// A sparse multivariate polynomial with exact rational coefficients over the atoms of one <see cref="AtomTable"/>
/// (variables, and opaque sub-expressions such as sin(x)). Immutable; no zero coefficient is stored, so two equal
/// polynomials hold the same terms. Every operation is bounded (<see cref="PolynomialWork"/>).
/// </summary>
public sealed class Polynomial : IEquatable<Polynomial>
{
    private readonly Dictionary<Monomial, Rational> _terms;

    private Polynomial(Dictionary<Monomial, Rational> terms, int arity)
    {
        PolynomialWork.CheckTerms(terms.Count);
        _terms = terms;
        Arity = arity;
    }

    /// <summary>The number of atoms the monomials range over.</summary>
    public int Arity { get; }

    public IReadOnlyDictionary<Monomial, Rational> Terms => _terms;

    public bool IsZero => _terms.Count == 0;

    /// <summary>Whether this is a number (zero included): no atom appears in it.</summary>
    public bool IsConstant => _terms.Count == 0 || (_terms.Count == 1 && _terms.Keys.First().IsOne);

    /// <summary>The value of a constant polynomial.</summary>
    public Rational ConstantValue => _terms.TryGetValue(Monomial.One(Arity), out var c) ? c : Rational.Zero;

    public static Polynomial Zero(int arity) => new([], arity);

    public static Polynomial Constant(Rational c, int arity) =>
        c.IsZero ? Zero(arity) : new(new() { [Monomial.One(arity)] = c }, arity);

    public static Polynomial One(int arity) => Constant(Rational.One, arity);

    /// <summary>The atom with index <paramref name="variable"/>.</summary>
    public static Polynomial Variable(int variable, int arity) => Term(Rational.One, Monomial.Of(variable, 1, arity));

    public static Polynomial Term(Rational c, Monomial m) => c.IsZero ? Zero(m.Arity) : new(new() { [m] = c }, m.Arity);

    /// <summary>The highest power of atom <paramref name="variable"/> (0 for a polynomial free of it, and for zero).</summary>
    public int Degree(int variable)
    {
        var degree = 0;
        foreach (var m in _terms.Keys)
        {
            degree = Math.Max(degree, m[variable]);
        }

        return degree;
    }

    public bool DependsOn(int variable) => Degree(variable) > 0;

    /// <summary>The atoms that appear, by index.</summary>
    public IEnumerable<int> Variables() => Enumerable.Range(0, Arity).Where(DependsOn);

    /// <summary>The largest term in lexicographic order (<see cref="Monomial.CompareTo"/>); the polynomial must not be zero.</summary>
    public KeyValuePair<Monomial, Rational> Leading
    {
        get
        {
            var best = default(KeyValuePair<Monomial, Rational>);
            var first = true;
            foreach (var term in _terms)
            {
                if (first || term.Key > best.Key)
                {
                    best = term;
                    first = false;
                }
            }

            return first ? throw new InvalidOperationException("The zero polynomial has no leading term.") : best;
        }
    }

    public static Polynomial operator +(Polynomial a, Polynomial b) => a.Plus(b, Rational.One, Monomial.One(a.Arity));

    public static Polynomial operator -(Polynomial a, Polynomial b) => a.Plus(b, Rational.MinusOne, Monomial.One(a.Arity));

    public static Polynomial operator -(Polynomial a) => a.Scale(Rational.MinusOne);

    public static Polynomial operator *(Polynomial a, Polynomial b)
    {
        PolynomialWork.Charge((long)a._terms.Count * b._terms.Count);
        // Sized for the terms the product can have at most (bounded), so that it is not grown and rehashed on the way.
        var terms = new Dictionary<Monomial, Rational>((int)Math.Min((long)a._terms.Count * b._terms.Count, PolynomialWork.MaxTerms));
        foreach (var (ma, ca) in a._terms)
        {
            foreach (var (mb, cb) in b._terms)
            {
                Accumulate(terms, ma.Times(mb), ca * cb);
            }

            PolynomialWork.CheckTerms(terms.Count);
        }

        return new(terms, a.Arity);
    }

    /// <summary>This plus <paramref name="c"/> * <paramref name="m"/> * <paramref name="b"/>: one step of a division, without building c*m*b first.</summary>
    public Polynomial Plus(Polynomial b, Rational c, Monomial m)
    {
        PolynomialWork.Charge(_terms.Count + b._terms.Count);
        var terms = new Dictionary<Monomial, Rational>(_terms.Count + b._terms.Count);
        foreach (var (m0, c0) in _terms)
        {
            terms.Add(m0, c0);
        }

        foreach (var (mb, cb) in b._terms)
        {
            Accumulate(terms, m.IsOne ? mb : m.Times(mb), c * cb);
        }

        return new(terms, Arity);
    }

    public Polynomial Scale(Rational c)
    {
        if (c.IsZero)
        {
            return Zero(Arity);
        }

        PolynomialWork.Charge(_terms.Count);
        var terms = new Dictionary<Monomial, Rational>(_terms.Count);
        foreach (var (m, k) in _terms)
        {
            var product = k * c;
            PolynomialWork.CheckCoefficient(product);
            terms[m] = product;
        }

        return new(terms, Arity);
    }

    /// <summary>This to the power <paramref name="exponent"/> (at least 0), refused when the degree would pass <see cref="PolynomialWork.MaxDegree"/>.</summary>
    public Polynomial Pow(int exponent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exponent);
        if (!IsConstant)
        {
            PolynomialWork.CheckDegree((long)Variables().Max(Degree) * exponent);
        }

        var result = One(Arity);
        var square = this;
        for (var e = exponent; e > 0; e >>= 1)
        {
            if ((e & 1) == 1)
            {
                result *= square;
            }

            if (e > 1)
            {
                square *= square;
            }
        }

        return result;
    }

    /// <summary>
    /// The exact quotient by <paramref name="divisor"/>, or null when it does not divide. Division by leading terms in
    /// lexicographic order: if divisor * q = this then every remainder is divisor * (q - quotient so far), whose leading
    /// term the divisor's leading term divides; a term it does not divide, or a quotient term of higher degree in some
    /// atom than this over the divisor allows, proves the division inexact (and bounds the work when it is).
    /// </summary>
    public Polynomial? DividedBy(Polynomial divisor)
    {
        if (divisor.IsZero)
        {
            throw new DivideByZeroException("Polynomial division by zero.");
        }

        if (IsZero)
        {
            return this;
        }

        var room = new int[Arity];
        for (var v = 0; v < Arity; v++)
        {
            room[v] = Degree(v) - divisor.Degree(v);
            if (room[v] < 0)
            {
                return null;
            }
        }

        var (lm, lc) = divisor.Leading;
        var quotient = new Dictionary<Monomial, Rational>();
        var remainder = this;
        while (!remainder.IsZero)
        {
            var (rm, rc) = remainder.Leading;
            if (rm.Over(lm) is not { } qm || Enumerable.Range(0, Arity).Any(v => qm[v] > room[v]))
            {
                return null;
            }

            var qc = rc / lc;
            PolynomialWork.CheckCoefficient(qc);
            quotient[qm] = qc;
            PolynomialWork.CheckTerms(quotient.Count);
            remainder = remainder.Plus(divisor, -qc, qm);
        }

        return new(quotient, Arity);
    }

    /// <summary>The coefficients of this as a polynomial in atom <paramref name="variable"/>, by power: each free of that atom.</summary>
    public SortedDictionary<int, Polynomial> CoefficientsIn(int variable)
    {
        var grouped = new SortedDictionary<int, Dictionary<Monomial, Rational>>();
        foreach (var (m, c) in _terms)
        {
            var power = m[variable];
            if (!grouped.TryGetValue(power, out var terms))
            {
                grouped[power] = terms = [];
            }

            terms[m.With(variable, 0)] = c;
        }

        var result = new SortedDictionary<int, Polynomial>();
        foreach (var (power, terms) in grouped)
        {
            result[power] = new(terms, Arity);
        }

        return result;
    }

    /// <summary>The coefficient of the highest power of atom <paramref name="variable"/>.</summary>
    public Polynomial LeadingCoefficientIn(int variable) => CoefficientIn(variable, Degree(variable));

    public Polynomial CoefficientIn(int variable, int power)
    {
        var terms = new Dictionary<Monomial, Rational>();
        foreach (var (m, c) in _terms)
        {
            if (m[variable] == power)
            {
                terms[m.With(variable, 0)] = c;
            }
        }

        return new(terms, Arity);
    }

    /// <summary>
    /// This times the rational that makes its coefficients coprime integers with a positive leading coefficient:
    /// 2x/3 + 4/3 is x + 2, -x + 1 is x - 1. A gcd is defined up to such a factor; this picks one.
    /// </summary>
    public Polynomial Normalised()
    {
        if (IsZero)
        {
            return this;
        }

        var denominators = System.Numerics.BigInteger.One;
        var numerators = System.Numerics.BigInteger.Zero;
        foreach (var c in _terms.Values)
        {
            denominators = denominators / System.Numerics.BigInteger.GreatestCommonDivisor(denominators, c.Denominator) * c.Denominator;
            numerators = System.Numerics.BigInteger.GreatestCommonDivisor(numerators, c.Numerator);
        }

        var scale = new Rational(denominators, numerators);
        return Scale(Leading.Value.IsNegative ? -scale : scale);
    }

    public bool Equals(Polynomial? other)
    {
        if (other is null || other._terms.Count != _terms.Count)
        {
            return false;
        }

        foreach (var (m, c) in _terms)
        {
            if (!other._terms.TryGetValue(m, out var d) || d != c)
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is Polynomial other && Equals(other);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (m, c) in _terms)
        {
            // Order-independent: the dictionary's order is not the polynomial's.
            hash ^= HashCode.Combine(m, c);
        }

        return hash;
    }

    /// <summary>For debugging and test messages: the terms in lexicographic order over x0, x1, ….</summary>
    public override string ToString() =>
        IsZero ? "0" : string.Join(" + ", _terms.OrderByDescending(t => t.Key).Select(t => t.Key.IsOne ? $"{t.Value}" : $"{t.Value}*{t.Key}"));

    private static void Accumulate(Dictionary<Monomial, Rational> terms, Monomial m, Rational c)
    {
        var sum = terms.TryGetValue(m, out var existing) ? existing + c : c;
        if (sum.IsZero)
        {
            terms.Remove(m);
        }
        else
        {
            PolynomialWork.CheckCoefficient(sum);
            terms[m] = sum;
        }
    }
}
