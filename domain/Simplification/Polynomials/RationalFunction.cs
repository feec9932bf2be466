namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// A quotient of polynomials in lowest terms: numerator and denominator share no factor but a number (the gcd is
/// divided out on construction), and the denominator is made of coprime integers with a positive leading coefficient,
/// so that a rational function has one representation. Sums are taken over the least common denominator (together),
/// products cancel crosswise first, so nothing grows that the answer will not keep. Operations throw
/// <see cref="PolynomialRefused"/> past the bounds of <see cref="PolynomialWork"/>; callers enter a scope and catch it.
/// </summary>
public sealed class RationalFunction
{
    private RationalFunction(Polynomial numerator, Polynomial denominator, bool reduced = false)
    {
        Numerator = numerator;
        Denominator = denominator;
        Reduced = reduced;
    }

    /// <summary>
    /// Whether forming this divided out a common factor or brought two fractions over one denominator, here or in a
    /// part it was formed from. When not, it is its input's own quotient multiplied out, which could only be as large
    /// or larger written back, so that <see cref="Simplification.Cancel"/> need not write it.
    /// </summary>
    public bool Reduced { get; }

    public Polynomial Numerator { get; }

    public Polynomial Denominator { get; }

    public int Arity => Numerator.Arity;

    public bool IsZero => Numerator.IsZero;

    public static RationalFunction Of(Polynomial p) => new(p, Polynomial.One(p.Arity));

    /// <summary>
    /// cancel(n/d): the gcd divided out of both, the denominator normalised. A zero denominator is refused (the
    /// expression it came from is undefined everywhere, and there is nothing to simplify).
    /// </summary>
    public static RationalFunction Of(Polynomial numerator, Polynomial denominator)
    {
        if (denominator.IsZero)
        {
            throw new PolynomialRefused("a division by a polynomial that is identically zero");
        }

        if (numerator.IsZero)
        {
            return new(numerator, Polynomial.One(numerator.Arity));
        }

        return OfReduced(numerator, denominator, false);
    }

    private static RationalFunction OfReduced(Polynomial numerator, Polynomial denominator, bool reduced)
    {
        var g = PolynomialGcd.Gcd(numerator, denominator);
        if (!g.IsConstant)
        {
            numerator = PolynomialGcd.Exact(numerator, g);
            denominator = PolynomialGcd.Exact(denominator, g);
            reduced = true;
        }

        return Coprime(numerator, denominator, reduced);
    }

    /// <summary>n/d already coprime: only the number is moved, so that the denominator is normalised.</summary>
    private static RationalFunction Coprime(Polynomial numerator, Polynomial denominator, bool reduced)
    {
        var normal = denominator.Normalised();
        var scale = denominator.Leading.Value / normal.Leading.Value;
        return new(numerator.Scale(scale.Reciprocal()), normal, reduced);
    }

    /// <summary>a/b + c/d over the least common denominator: with g = gcd(b, d), (a*(d/g) + c*(b/g)) / (b*(d/g)), then cancelled.</summary>
    public static RationalFunction operator +(RationalFunction x, RationalFunction y)
    {
        if (x.IsZero)
        {
            return y;
        }

        if (y.IsZero)
        {
            return x;
        }

        // Two fractions brought over one denominator; a polynomial added to a fraction is not (x + 1/y is no smaller as (x*y + 1)/y).
        var reduced = x.Reduced || y.Reduced || (!x.Denominator.IsConstant && !y.Denominator.IsConstant);
        if (x.Denominator.Equals(y.Denominator))
        {
            return OfReduced(x.Numerator + y.Numerator, x.Denominator, reduced);
        }

        var g = PolynomialGcd.Gcd(x.Denominator, y.Denominator);
        var xOnly = PolynomialGcd.Exact(x.Denominator, g);
        var yOnly = PolynomialGcd.Exact(y.Denominator, g);
        return OfReduced((x.Numerator * yOnly) + (y.Numerator * xOnly), x.Denominator * yOnly, reduced);
    }

    public static RationalFunction operator -(RationalFunction x) => new(-x.Numerator, x.Denominator, x.Reduced);

    public static RationalFunction operator -(RationalFunction x, RationalFunction y) => x + -y;

    /// <summary>(a/b)*(c/d) with the crosswise gcds divided out first: gcd(a, d) and gcd(c, b). The result is then in lowest terms.</summary>
    public static RationalFunction operator *(RationalFunction x, RationalFunction y)
    {
        if (x.IsZero || y.IsZero)
        {
            return new(Polynomial.Zero(x.Arity), Polynomial.One(x.Arity));
        }

        var (a, d, left) = Crosswise(x.Numerator, y.Denominator);
        var (c, b, right) = Crosswise(y.Numerator, x.Denominator);
        return Coprime(a * c, b * d, x.Reduced || y.Reduced || left || right);
    }

    /// <summary>1/(a/b) = b/a, refused for zero.</summary>
    public RationalFunction Inverse() =>
        IsZero ? throw new PolynomialRefused("a division by a polynomial that is identically zero") : Coprime(Denominator, Numerator, Reduced);

    /// <summary>This to an integer power, negative ones through the inverse.</summary>
    public RationalFunction Pow(int exponent)
    {
        if (exponent < 0)
        {
            return Inverse().Pow(-exponent);
        }

        return new(Numerator.Pow(exponent), Denominator.Pow(exponent), Reduced);
    }

    private static (Polynomial, Polynomial, bool Cancelled) Crosswise(Polynomial numerator, Polynomial denominator)
    {
        var g = PolynomialGcd.Gcd(numerator, denominator);
        return g.IsConstant ? (numerator, denominator, false) : (PolynomialGcd.Exact(numerator, g), PolynomialGcd.Exact(denominator, g), true);
    }

    public override string ToString() => Denominator.IsConstant && Denominator.ConstantValue.IsOne ? $"{Numerator}" : $"({Numerator})/({Denominator})";
}
