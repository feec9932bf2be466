namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// A power product x0^e0 * x1^e1 * … over the atoms of one <see cref="AtomTable"/>: the exponents by atom index.
/// The monomials of one computation share their arity, so two are compared entry by entry; the hash is computed once,
/// since a monomial is mostly used as a dictionary key.
/// </summary>
public readonly struct Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    private readonly int[] _exponents;
    private readonly int _hash;

    public Monomial(int[] exponents)
    {
        _exponents = exponents;
        var hash = new HashCode();
        foreach (var e in exponents)
        {
            hash.Add(e);
        }

        _hash = hash.ToHashCode();
    }

    /// <summary>The empty product (every exponent 0), the monomial of a constant.</summary>
    public static Monomial One(int arity) => new(new int[arity]);

    /// <summary>The atom with index <paramref name="variable"/> to the power <paramref name="exponent"/>.</summary>
    public static Monomial Of(int variable, int exponent, int arity)
    {
        var exponents = new int[arity];
        exponents[variable] = exponent;
        return new Monomial(exponents);
    }

    public int Arity => _exponents.Length;

    public int this[int variable] => _exponents[variable];

    public bool IsOne => Array.TrueForAll(_exponents, e => e == 0);

    public int TotalDegree => _exponents.Sum();

    public Monomial Times(Monomial other)
    {
        var exponents = new int[_exponents.Length];
        for (var i = 0; i < exponents.Length; i++)
        {
            exponents[i] = _exponents[i] + other._exponents[i];
        }

        return new Monomial(exponents);
    }

    /// <summary>This over <paramref name="divisor"/>, or null when some exponent of the divisor is the larger (x over x*y).</summary>
    public Monomial? Over(Monomial divisor)
    {
        var exponents = new int[_exponents.Length];
        for (var i = 0; i < exponents.Length; i++)
        {
            exponents[i] = _exponents[i] - divisor._exponents[i];
            if (exponents[i] < 0)
            {
                return null;
            }
        }

        return new Monomial(exponents);
    }

    /// <summary>The same power product with the exponent of <paramref name="variable"/> replaced.</summary>
    public Monomial With(int variable, int exponent)
    {
        var exponents = (int[])_exponents.Clone();
        exponents[variable] = exponent;
        return new Monomial(exponents);
    }

    public bool Equals(Monomial other) => _hash == other._hash && _exponents.AsSpan().SequenceEqual(other._exponents);

    public override bool Equals(object? obj) => obj is Monomial other && Equals(other);

    public override int GetHashCode() => _hash;

    /// <summary>
    /// Lexicographic order, atom 0 first: x^2 > x*y^5 > y. A monomial order (compatible with products), which is what
    /// makes division by leading terms exact whenever the divisor divides.
    /// </summary>
    public int CompareTo(Monomial other)
    {
        for (var i = 0; i < _exponents.Length; i++)
        {
            if (_exponents[i] != other._exponents[i])
            {
                return _exponents[i].CompareTo(other._exponents[i]);
            }
        }

        return 0;
    }

    public static bool operator ==(Monomial a, Monomial b) => a.Equals(b);

    public static bool operator !=(Monomial a, Monomial b) => !a.Equals(b);

    public static bool operator <(Monomial a, Monomial b) => a.CompareTo(b) < 0;

    public static bool operator >(Monomial a, Monomial b) => a.CompareTo(b) > 0;

    public static bool operator <=(Monomial a, Monomial b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Monomial a, Monomial b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        IsOne ? "1" : string.Join("*", _exponents.Select((e, i) => e switch { 0 => "", 1 => $"x{i}", _ => $"x{i}^{e}" }).Where(s => s.Length > 0));
}
