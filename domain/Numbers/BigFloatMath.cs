using System.Numerics;

namespace CalcApi.Domain.Numbers;

/// <summary>
/// The elementary functions on <see cref="BigFloat"/>, each correct to (about) the precision it is
/// given in bits: the work is done with guard bits and the result rounded. Arguments are reduced
/// before a series is summed (exp: x = k ln 2 + r; log: mantissa and exponent; trigonometric:
/// modulo π/2 with π to extra precision). An argument outside the real domain, or on its edge within
/// rounding, is an <see cref="ArithmeticException"/>; so is a result beyond the exponent range
/// (<see cref="ExponentLimit"/>) and a computation that would need more than <see cref="MaxWorkingBits"/>
/// bits (2^(10^9), sin of 2^5000): these are refused at once rather than computed, because a
/// request's budget cannot stop a single BigInteger operation on a billion bits. The series loops poll
/// the request's time budget (<see cref="Expressions.WorkBudget"/>).
/// </summary>
public static partial class BigFloatMath
{
    private const int Guard = 24;

    /// <summary>
    /// The binary orders of magnitude the precise numbers keep: |Scale| up to 2^24 (about 10^±5,000,000), far
    /// beyond double's 2^±1074, yet small enough that aligning two such numbers costs at most 2 MB.
    /// </summary>
    public const long ExponentLimit = 1L << 24;

    /// <summary>The most bits of working precision any one operation may use (the evaluator asks for at most 384).</summary>
    public const int MaxWorkingBits = 1 << 13;

    /// <summary><paramref name="wp"/> as a working precision, refused when it exceeds <see cref="MaxWorkingBits"/>.</summary>
    internal static int Working(long wp, string what) =>
        wp > MaxWorkingBits
            ? throw new ArithmeticException($"{what} would need more than {MaxWorkingBits} bits of working precision")
            : (int)wp;

    /// <summary>A value refused when beyond <see cref="ExponentLimit"/> (zero is within it).</summary>
    internal static BigFloat InRange(BigFloat x, string what) =>
        !x.IsZero && Math.Abs(x.Scale) > ExponentLimit
            ? throw new ArithmeticException($"{what} is beyond the exponent range of the precise numbers (2^±{ExponentLimit})")
            : x;

    /// <summary>Polls the request's time budget from a series loop.</summary>
    private static void Poll() => Expressions.WorkBudget.ThrowIfCancelled();

    private static readonly ConstantCache Ln2Cache = new(Ln2Series);
    private static readonly ConstantCache PiCache = new(PiSeries);
    private static readonly ConstantCache ECache = new(ESeries);

    /// <summary>ln 2 to <paramref name="bits"/> bits.</summary>
    public static BigFloat Ln2(int bits) => Ln2Cache.Get(bits);

    /// <summary>π to <paramref name="bits"/> bits.</summary>
    public static BigFloat Pi(int bits) => PiCache.Get(bits);

    /// <summary>e to <paramref name="bits"/> bits.</summary>
    public static BigFloat E(int bits) => ECache.Get(bits);

    public static BigFloat Abs(BigFloat x, int bits) => BigFloat.Abs(x).Round(bits);

    public static BigFloat Sqrt(BigFloat x, int bits) => BigFloat.Sqrt(x, bits);

    public static BigFloat Exp(BigFloat x, int bits)
    {
        if (x.IsZero)
        {
            return BigFloat.One;
        }

        if (x.Scale > 25)
        {
            // |x| ≥ 2^24: e^x is beyond ExponentLimit either way.
            throw new ArithmeticException("exp: the argument is beyond the exponent range of the precise numbers.");
        }

        // x = k ln 2 + r with |r| <= ln2/2, then r / 2^s summed and squared s times.
        const int halvings = 10;
        var wp = Working(bits + Guard + halvings, "exp");
        var kBits = (int)Math.Max(0, x.Scale) + 2;
        var ln2 = Ln2(wp + kBits);
        var k = BigFloat.Divide(x, ln2, kBits + 8).RoundToInteger();
        var r = BigFloat.Subtract(x, BigFloat.Multiply(ln2, BigFloat.FromInteger(k), wp + kBits), wp + kBits).Round(wp);
        r = BigFloat.ScaleB(r, -halvings);

        var sum = BigFloat.One;
        var term = BigFloat.One;
        for (var n = 1; term.Scale > -wp - 2; n++)
        {
            Poll();
            term = BigFloat.DivideByInteger(BigFloat.Multiply(term, r, wp), n, wp);
            sum = BigFloat.Add(sum, term, wp);
        }

        for (var i = 0; i < halvings; i++)
        {
            sum = BigFloat.Multiply(sum, sum, wp);
        }

        return BigFloat.ScaleB(sum, (long)k).Round(bits);
    }

    public static BigFloat Log(BigFloat x, int bits)
    {
        if (x.Sign <= 0)
        {
            throw new ArithmeticException("log: the argument is not positive.");
        }

        // x = m · 2^e with m in [1/√2, √2); log m = 2 atanh((m − 1)/(m + 1)).
        var wp = Working(bits + Guard, "log");
        var e = x.Scale;
        var m = BigFloat.ScaleB(x, -e);
        if (m.ToDouble() < Math.Sqrt(0.5))
        {
            m = BigFloat.ScaleB(m, 1);
            e--;
        }

        var exact = (int)Math.Max(wp, m.Length + 2);
        var z = BigFloat.Divide(BigFloat.Subtract(m, BigFloat.One, exact), BigFloat.Add(m, BigFloat.One, exact), wp);
        var logM = BigFloat.ScaleB(AtanhSeries(z, wp), 1);
        if (e == 0)
        {
            return logM.Round(bits);
        }

        var eBits = (int)BigInteger.Abs(e).GetBitLength();
        var eLn2 = BigFloat.Multiply(Ln2(wp + eBits), BigFloat.FromInteger(e), wp + eBits);
        return BigFloat.Add(eLn2, logM, bits);
    }

    /// <summary>log(1 + u), with full relative precision for small u.</summary>
    public static BigFloat Log1p(BigFloat u, int bits)
    {
        var wp = bits + Guard;
        if (u.Scale < -wp)
        {
            // log(1 + u) = u − u²/2 + O(u³), and u² is already below the precision.
            return BigFloat.Subtract(u, BigFloat.ScaleB(BigFloat.Multiply(u, u, wp), -1), bits);
        }

        var w = BigFloat.AddExact(BigFloat.One, u);
        return w.Sign <= 0 ? throw new ArithmeticException("log1p: the argument is not greater than -1.") : Log(w, bits);
    }

    /// <summary>x^n for an integer n, by repeated squaring.</summary>
    public static BigFloat Power(BigFloat x, BigInteger n, int bits)
    {
        if (n.Sign < 0)
        {
            return x.IsZero
                ? throw new ArithmeticException("A negative power of zero.")
                : BigFloat.Divide(BigFloat.One, Power(x, -n, bits + 4), bits);
        }

        if (x.IsZero || n.IsZero)
        {
            return n.IsZero ? BigFloat.One : x;
        }

        if (x.Exponent == 0 && BigInteger.Abs(x.Mantissa).IsOne)
        {
            // (±1)^n exactly, however large n (1^(2^(10^9)) is cheap).
            return x.Sign > 0 || n.IsEven ? BigFloat.One : -BigFloat.One;
        }

        var wp = Working(bits + Guard + (long)n.GetBitLength(), "an integer power");
        var result = BigFloat.One;
        var square = x;
        for (var rest = n; !rest.IsZero; rest >>= 1)
        {
            Poll();
            if (!rest.IsEven)
            {
                result = InRange(BigFloat.Multiply(result, square, wp), "an integer power");
            }

            if (rest > BigInteger.One)
            {
                square = InRange(BigFloat.Multiply(square, square, wp), "an integer power");
            }
        }

        return result.Round(bits);
    }

    /// <summary>x^y = e^(y log x) for x &gt; 0 (and 0^y = 0 for y &gt; 0).</summary>
    public static BigFloat Power(BigFloat x, BigFloat y, int bits)
    {
        if (x.Sign < 0 || (x.IsZero && y.Sign <= 0))
        {
            throw new ArithmeticException("A real power needs a positive base.");
        }

        if (x.IsZero || x == BigFloat.One)
        {
            return x;
        }

        // The exponent y log x is needed to absolute precision 2^-bits: as many more bits as it has integer bits.
        var wp = Working(bits + Guard + Math.Max(0, y.Scale) + (long)BigInteger.Abs(x.Scale).GetBitLength(), "a real power");
        return Exp(BigFloat.Multiply(y, Log(x, wp), wp), bits);
    }

    /// <summary>x^q for a rational q; an odd root of a negative number is real ((-8)^(1/3) = −2).</summary>
    public static BigFloat Power(BigFloat x, Rational q, int bits)
    {
        if (q.IsInteger)
        {
            return Power(x, q.Numerator, bits);
        }

        if (x.Sign >= 0)
        {
            return Power(x, BigFloat.FromRational(q, RationalBits(bits)), bits);
        }

        if (q.Denominator.IsEven)
        {
            throw new ArithmeticException("An even root of a negative number.");
        }

        var magnitude = Power(-x, BigFloat.FromRational(q, RationalBits(bits)), bits);
        return q.Numerator.IsEven ? magnitude : -magnitude;
    }

    /// <summary>Bits for a rational exponent: y log x may reach 2^25 (beyond, exp refuses); 64 more than the result is ample.</summary>
    private static int RationalBits(int bits) => bits + Guard + 64;

    /// <summary>atanh z = z + z³/3 + z⁵/5 + … for small |z|.</summary>
    private static BigFloat AtanhSeries(BigFloat z, int wp) => OddPowerSeries(z, BigFloat.Multiply(z, z, wp), wp);

    /// <summary>z + r z³/3 + r² z⁵/5 + … with r = <paramref name="ratio"/>/z²: atanh for r = z², atan for r = -z².</summary>
    private static BigFloat OddPowerSeries(BigFloat z, BigFloat ratio, int wp)
    {
        var sum = z;
        var power = z;
        for (var k = 3; !power.IsZero && power.Scale > sum.Scale - wp - 2; k += 2)
        {
            Poll();
            power = BigFloat.Multiply(power, ratio, wp);
            sum = BigFloat.Add(sum, BigFloat.DivideByInteger(power, k, wp), wp);
        }

        return sum;
    }

    /// <summary>ln 2 = 2 atanh(1/3) = Σ 2 / ((2k+1) 3^(2k+1)), in fixed point.</summary>
    private static BigFloat Ln2Series(int bits)
    {
        var scale = BigInteger.One << bits;
        var sum = BigInteger.Zero;
        var power = scale / 3;
        for (var k = 1; !power.IsZero; k += 2)
        {
            sum += power / k;
            power /= 9;
        }

        return new BigFloat(sum << 1, -bits);
    }

    /// <summary>π = 16 atan(1/5) − 4 atan(1/239) (Machin), in fixed point.</summary>
    private static BigFloat PiSeries(int bits)
    {
        var scale = BigInteger.One << bits;
        return new BigFloat(16 * AtanOfInverse(5, scale) - 4 * AtanOfInverse(239, scale), -bits);
    }

    private static BigInteger AtanOfInverse(int n, BigInteger scale)
    {
        var sum = BigInteger.Zero;
        var power = scale / n;
        var square = n * n;
        for (var k = 1; !power.IsZero; k += 2)
        {
            sum += (k & 2) == 0 ? power / k : -(power / k);
            power /= square;
        }

        return sum;
    }

    /// <summary>e = Σ 1/k!, in fixed point.</summary>
    private static BigFloat ESeries(int bits)
    {
        var term = BigInteger.One << bits;
        var sum = BigInteger.Zero;
        for (var k = 1; !term.IsZero; k++)
        {
            sum += term;
            term /= k;
        }

        return new BigFloat(sum, -bits);
    }

    /// <summary>A constant computed once to the largest precision asked so far, and rounded down for less.</summary>
    private sealed class ConstantCache(Func<int, BigFloat> compute)
    {
        // One reference, replaced whole, so that a reader on another thread never sees half of it.
        private Known _known = new(0, BigFloat.Zero);

        public BigFloat Get(int bits)
        {
            var known = _known;
            if (known.Bits < bits)
            {
                var computeBits = Math.Max(bits, 2 * known.Bits) + 64;
                known = new Known(computeBits - 32, compute(computeBits));
                _known = known;
            }

            return known.Value.Round(bits);
        }

        private sealed record Known(int Bits, BigFloat Value);
    }
}
