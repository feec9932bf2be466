using System.Globalization;
using System.Numerics;

namespace CalcApi.Domain.Numbers;

/// <summary>An exact rational number in lowest terms with a positive denominator.</summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("Rational with zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero)
        {
            numerator /= gcd;
            denominator /= gcd;
        }

        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static Rational Zero { get; } = new(0, 1);
    public static Rational One { get; } = new(1, 1);
    public static Rational MinusOne { get; } = new(-1, 1);
    public static Rational Half { get; } = new(1, 2);

    public bool IsZero => Numerator.IsZero;
    public bool IsOne => Numerator.IsOne && Denominator.IsOne;
    public bool IsMinusOne => Denominator.IsOne && Numerator == BigInteger.MinusOne;
    public bool IsInteger => Denominator.IsOne;
    public bool IsNegative => Numerator.Sign < 0;
    public int Sign => Numerator.Sign;

    /// <summary>Bits of the larger of numerator and denominator: the size the limits speak of.</summary>
    public long Bits => Math.Max(BigInteger.Abs(Numerator).GetBitLength(), Denominator.GetBitLength());

    public static Rational FromInteger(BigInteger value) => new(value, BigInteger.One);

    public static implicit operator Rational(int value) => FromInteger(value);

    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator == b.Denominator
            ? new(a.Numerator + b.Numerator, a.Denominator)
            : new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);

    public static Rational operator -(Rational a, Rational b) => a + -b;

    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Rational operator /(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public Rational Abs() => IsNegative ? -this : this;

    public Rational Reciprocal() => new(Denominator, Numerator);

    /// <summary>This to an integer power; the caller bounds the size first (see <see cref="PowerBits"/>).</summary>
    public Rational Pow(int exponent)
    {
        if (exponent >= 0)
        {
            return new(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent));
        }

        return new(BigInteger.Pow(Denominator, -exponent), BigInteger.Pow(Numerator, -exponent));
    }

    /// <summary>An upper bound on the bits of this to the power <paramref name="exponent"/>.</summary>
    public double PowerBits(BigInteger exponent) => (double)Bits * Math.Abs((double)exponent);

    /// <summary>The exact q-th root when there is one among the rationals; null otherwise.</summary>
    public Rational? ExactRoot(int q)
    {
        if (q <= 0 || (IsNegative && q % 2 == 0))
        {
            return null;
        }

        var n = IntegerRoot(BigInteger.Abs(Numerator), q);
        var d = IntegerRoot(Denominator, q);
        if (n is null || d is null)
        {
            return null;
        }

        return new Rational(IsNegative ? -n.Value : n.Value, d.Value);
    }

    private static BigInteger? IntegerRoot(BigInteger value, int q)
    {
        if (value.IsZero || value.IsOne)
        {
            return value;
        }

        var estimate = Math.Round(Math.Exp(BigInteger.Log(value) / q));
        if (!double.IsFinite(estimate) || estimate > 1e15)
        {
            // Beyond what a double guesses exactly: left as a power rather than searched for.
            return null;
        }

        var guess = new BigInteger(estimate);
        for (var candidate = guess - 1; candidate <= guess + 1; candidate++)
        {
            if (candidate.Sign > 0 && BigInteger.Pow(candidate, q) == value)
            {
                return candidate;
            }
        }

        return null;
    }

    public double ToDouble()
    {
        var value = (double)Numerator / (double)Denominator;
        if (double.IsFinite(value) && (value != 0 || Numerator.IsZero))
        {
            return value;
        }

        // Numerator and denominator too large for doubles on their own: scale first.
        var shift = (int)Math.Max(0, Math.Max(BigInteger.Abs(Numerator).GetBitLength(), Denominator.GetBitLength()) - 1000);
        return (double)(Numerator >> shift) / (double)(Denominator >> shift);
    }

    /// <summary>Parses the exact value of a decimal literal such as <c>0.5</c>, <c>12</c> or <c>1e-3</c>.</summary>
    public static Rational ParseDecimal(string digits, string fraction, int exponent)
    {
        var mantissa = BigInteger.Parse(digits + fraction, CultureInfo.InvariantCulture);
        var scale = exponent - fraction.Length;
        return scale >= 0
            ? new Rational(mantissa * BigInteger.Pow(10, scale), 1)
            : new Rational(mantissa, BigInteger.Pow(10, -scale));
    }

    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Rational other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public override string ToString() =>
        Denominator.IsOne
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
