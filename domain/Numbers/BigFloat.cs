using System.Numerics;

namespace CalcApi.Domain.Numbers;

/// <summary>How a <see cref="BigFloat"/> fared on its way to a double.</summary>
public enum DoubleRange
{
    /// <summary>Rounded correctly to a finite double (a subnormal one included).</summary>
    Finite,
    /// <summary>Too large: the double is ±infinity.</summary>
    Overflow,
    /// <summary>Too small for the smallest subnormal: the double is ±0 but the value is not.</summary>
    Underflow,
}

/// <summary>
/// An arbitrary-precision binary floating-point number, <c>Mantissa · 2^Exponent</c>, with a
/// <see cref="BigInteger"/> mantissa and a <see cref="long"/> exponent, so that e^800 or e^100000 are
/// ordinary values. Operations round to a precision in bits given by the caller (round half to even);
/// the elementary functions are in <see cref="BigFloatMath"/>.
/// </summary>
public readonly struct BigFloat : IEquatable<BigFloat>, IComparable<BigFloat>
{
    private const long ZeroScale = long.MinValue / 4;

    public BigFloat(BigInteger mantissa, long exponent)
    {
        Mantissa = mantissa;
        Exponent = mantissa.IsZero ? 0 : exponent;
    }

    public BigInteger Mantissa { get; }
    public long Exponent { get; }

    public static BigFloat Zero => default;
    public static BigFloat One { get; } = new(BigInteger.One, 0);

    public int Sign => Mantissa.Sign;
    public bool IsZero => Mantissa.IsZero;

    /// <summary>The binary order of magnitude: 2^(Scale−1) ≤ |x| &lt; 2^Scale (a very negative number for zero).</summary>
    public long Scale => IsZero ? ZeroScale : Exponent + (long)BigInteger.Abs(Mantissa).GetBitLength();

    /// <summary>Bits in the mantissa.</summary>
    public long Length => (long)BigInteger.Abs(Mantissa).GetBitLength();

    /// <summary>A double exactly.</summary>
    public static BigFloat FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Only finite doubles have a BigFloat value.");
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        var mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        var exponent = biased == 0 ? -1074 : biased - 1075;
        return new BigFloat(value < 0 ? -new BigInteger(mantissa) : new BigInteger(mantissa), exponent);
    }

    public static BigFloat FromInteger(BigInteger value) => new(value, 0);

    /// <summary>An exact rational, exactly when its denominator is a power of two, otherwise rounded to <paramref name="bits"/>.</summary>
    public static BigFloat FromRational(Rational value, int bits) =>
        value.Denominator.IsPowerOfTwo
            ? new BigFloat(value.Numerator, -(long)value.Denominator.GetBitLength() + 1)
            : Divide(FromInteger(value.Numerator), FromInteger(value.Denominator), bits);

    public static implicit operator BigFloat(int value) => FromInteger(value);

    /// <summary>This rounded to at most <paramref name="bits"/> bits of mantissa.</summary>
    public BigFloat Round(int bits)
    {
        var drop = Length - bits;
        return drop <= 0 ? this : new BigFloat(ShiftRound(Mantissa, drop), Exponent + drop);
    }

    /// <summary>x · 2^n, exactly.</summary>
    public static BigFloat ScaleB(BigFloat x, long n) => x.IsZero ? x : new BigFloat(x.Mantissa, x.Exponent + n);

    public static BigFloat operator -(BigFloat x) => new(-x.Mantissa, x.Exponent);

    public static BigFloat Abs(BigFloat x) => x.Sign < 0 ? -x : x;

    /// <summary>a + b to <paramref name="bits"/> bits of the larger operand: far smaller bits are dropped before adding.</summary>
    public static BigFloat Add(BigFloat a, BigFloat b, int bits)
    {
        if (a.IsZero || b.IsZero)
        {
            return (a.IsZero ? b : a).Round(bits);
        }

        var floor = Math.Max(a.Scale, b.Scale) - bits - 8;
        var exponent = Math.Max(Math.Min(a.Exponent, b.Exponent), floor);
        return new BigFloat(Align(a, exponent) + Align(b, exponent), exponent).Round(bits);
    }

    public static BigFloat Subtract(BigFloat a, BigFloat b, int bits) => Add(a, -b, bits);

    /// <summary>a + b with every bit kept (for 1 − x near 1, where the cancellation must be exact).</summary>
    public static BigFloat AddExact(BigFloat a, BigFloat b)
    {
        if (a.IsZero || b.IsZero)
        {
            return a.IsZero ? b : a;
        }

        var exponent = Math.Min(a.Exponent, b.Exponent);
        return new BigFloat(Align(a, exponent) + Align(b, exponent), exponent);
    }

    public static BigFloat Multiply(BigFloat a, BigFloat b, int bits) =>
        new BigFloat(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent).Round(bits);

    public static BigFloat Divide(BigFloat a, BigFloat b, int bits)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException("BigFloat division by zero.");
        }

        var shift = Math.Max(0, bits + 2 + b.Length - a.Length);
        var quotient = (a.Mantissa << (int)shift) / b.Mantissa;
        return new BigFloat(quotient, a.Exponent - shift - b.Exponent).Round(bits);
    }

    /// <summary>a / n for a small integer n (series coefficients).</summary>
    public static BigFloat DivideByInteger(BigFloat a, long n, int bits)
    {
        var shift = Math.Max(0, bits + 66 - a.Length);
        return new BigFloat((a.Mantissa << (int)shift) / n, a.Exponent - shift).Round(bits);
    }

    public static BigFloat Sqrt(BigFloat x, int bits)
    {
        if (x.Sign < 0)
        {
            throw new ArithmeticException("The square root of a negative number.");
        }

        if (x.IsZero)
        {
            return x;
        }

        var shift = Math.Max(0, 2 * bits + 4 - x.Length);
        if (((x.Exponent - shift) & 1) != 0)
        {
            shift++;
        }

        var root = IntegerSqrt(x.Mantissa << (int)shift);
        return new BigFloat(root, (x.Exponent - shift) / 2).Round(bits);
    }

    /// <summary>The nearest integer (halves to even).</summary>
    public BigInteger RoundToInteger() => Exponent >= 0 ? Mantissa << (int)Exponent : ShiftRound(Mantissa, -Exponent);

    /// <summary>Whether this is an integer.</summary>
    public bool IsInteger => Exponent >= 0 || IsZero || (long)BigInteger.TrailingZeroCount(Mantissa) >= -Exponent;

    /// <summary>The correctly rounded double (half to even), and whether it overflowed or underflowed.</summary>
    public double ToDouble(out DoubleRange range)
    {
        range = DoubleRange.Finite;
        if (IsZero)
        {
            return 0;
        }

        // value in [2^top, 2^(top+1)); a normal double keeps 53 bits, a subnormal fewer.
        var top = Scale - 1;
        if (top > 1023)
        {
            range = DoubleRange.Overflow;
            return Sign * double.PositiveInfinity;
        }

        var keep = top >= -1022 ? 53 : 53 - (-1022 - top);
        if (keep < 0 || (keep == 0 && BigInteger.Abs(Mantissa) <= BigInteger.One << (int)(Length - 1)))
        {
            range = DoubleRange.Underflow;
            return Sign * 0.0;
        }

        var drop = Length - keep;
        var mantissa = drop > 0 ? ShiftRound(Mantissa, drop) : Mantissa;
        var value = Math.ScaleB((double)mantissa, (int)(Exponent + Math.Max(drop, 0)));
        if (double.IsInfinity(value))
        {
            range = DoubleRange.Overflow;
        }

        return value;
    }

    public double ToDouble() => ToDouble(out _);

    public int CompareTo(BigFloat other)
    {
        if (Sign != other.Sign)
        {
            return Sign.CompareTo(other.Sign);
        }

        if (IsZero)
        {
            return 0;
        }

        if (Scale != other.Scale)
        {
            return Scale.CompareTo(other.Scale) * Sign;
        }

        var exponent = Math.Min(Exponent, other.Exponent);
        return Align(this, exponent).CompareTo(Align(other, exponent));
    }

    public bool Equals(BigFloat other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is BigFloat other && Equals(other);

    public override int GetHashCode()
    {
        if (IsZero)
        {
            return 0;
        }

        var zeros = (long)BigInteger.TrailingZeroCount(Mantissa);
        return HashCode.Combine(Mantissa >> (int)zeros, Exponent + zeros);
    }

    public static bool operator ==(BigFloat a, BigFloat b) => a.Equals(b);

    public static bool operator !=(BigFloat a, BigFloat b) => !a.Equals(b);

    public static bool operator <(BigFloat a, BigFloat b) => a.CompareTo(b) < 0;

    public static bool operator >(BigFloat a, BigFloat b) => a.CompareTo(b) > 0;

    public static bool operator <=(BigFloat a, BigFloat b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BigFloat a, BigFloat b) => a.CompareTo(b) >= 0;

    public override string ToString() => ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The mantissa of x written over 2^exponent (shifted left, or right dropping bits).</summary>
    private static BigInteger Align(BigFloat x, long exponent) =>
        x.Exponent >= exponent ? x.Mantissa << (int)(x.Exponent - exponent) : x.Mantissa >> (int)Math.Min(exponent - x.Exponent, int.MaxValue);

    /// <summary>m / 2^drop rounded to the nearest integer, halves to even, for either sign.</summary>
    private static BigInteger ShiftRound(BigInteger m, long drop)
    {
        if (drop <= 0)
        {
            return m << (int)-drop;
        }

        // Keep one bit more than wanted: it is the rounding bit; the bits below it only matter for a tie.
        var magnitude = BigInteger.Abs(m);
        var quotient = magnitude >> (int)(drop - 1);
        var roundBit = !quotient.IsEven;
        quotient >>= 1;
        if (roundBit && (!quotient.IsEven || (long)BigInteger.TrailingZeroCount(magnitude) < drop - 1))
        {
            quotient += BigInteger.One;
        }

        return m.Sign < 0 ? -quotient : quotient;
    }

    /// <summary>⌊√n⌋ by Newton's method from a double's guess (which starts above the root).</summary>
    private static BigInteger IntegerSqrt(BigInteger n)
    {
        var shift = Math.Max(0, (long)n.GetBitLength() - 52) & ~1L;
        var top = (double)(n >> (int)shift);
        var x = new BigInteger((long)Math.Sqrt(top) + 2) << (int)(shift / 2);
        while (true)
        {
            var next = (x + n / x) >> 1;
            if (next >= x)
            {
                return x;
            }

            x = next;
        }
    }
}
