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
    private RationalFunction(Polynomial numerator, Polynomial denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

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

        var g = PolynomialGcd.Gcd(numerator, denominator);
        if (!g.IsConstant)
        {
            numerator = PolynomialGcd.Exact(numerator, g);
            denominator = PolynomialGcd.Exact(denominator, g);
        }

        return Reduced(numerator, denominator);
    }

    /// <summary>n/d already coprime: only the number is moved, so that the denominator is normalised.</summary>
    private static RationalFunction Reduced(Polynomial numerator, Polynomial denominator)
    {
        var normal = denominator.Normalised();
        var scale = denominator.Leading.Value / normal.Leading.Value;
        return new(numerator.Scale(scale.Reciprocal()), normal);
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

        if (x.Denominator.Equals(y.Denominator))
        {
            return Of(x.Numerator + y.Numerator, x.Denominator);
        }

        var g = PolynomialGcd.Gcd(x.Denominator, y.Denominator);
        var xOnly = PolynomialGcd.Exact(x.Denominator, g);
        var yOnly = PolynomialGcd.Exact(y.Denominator, g);
        return Of((x.Numerator * yOnly) + (y.Numerator * xOnly), x.Denominator * yOnly);
    }

    public static RationalFunction operator -(RationalFunction x) => new(-x.Numerator, x.Denominator);

    public static RationalFunction operator -(RationalFunction x, RationalFunction y) => x + -y;

    /// <summary>(a/b)*(c/d) with the crosswise gcds divided out first: gcd(a, d) and gcd(c, b). The result is then in lowest terms.</summary>
    public static RationalFunction operator *(RationalFunction x, RationalFunction y)
    {
        if (x.IsZero || y.IsZero)
        {
            return new(Polynomial.Zero(x.Arity), Polynomial.One(x.Arity));
        }

        var (a, d) = Crosswise(x.Numerator, y.Denominator);
        var (c, b) = Crosswise(y.Numerator, x.Denominator);
        return Reduced(a * c, b * d);
    }

    /// <summary>1/(a/b) = b/a, refused for zero.</summary>
    public RationalFunction Inverse() =>
        IsZero ? throw new PolynomialRefused("a division by a polynomial that is identically zero") : Reduced(Denominator, Numerator);

    /// <summary>This to an integer power, negative ones through the inverse.</summary>
    public RationalFunction Pow(int exponent)
    {
        if (exponent < 0)
        {
            return Inverse().Pow(-exponent);
        }

        return new(Numerator.Pow(exponent), Denominator.Pow(exponent));
    }

    private static (Polynomial, Polynomial) Crosswise(Polynomial numerator, Polynomial denominator)
    {
        var g = PolynomialGcd.Gcd(numerator, denominator);
        return g.IsConstant ? (numerator, denominator) : (PolynomialGcd.Exact(numerator, g), PolynomialGcd.Exact(denominator, g));
    }

    public override string ToString() => Denominator.IsConstant && Denominator.ConstantValue.IsOne ? $"{Numerator}" : $"({Numerator})/({Denominator})";
}
