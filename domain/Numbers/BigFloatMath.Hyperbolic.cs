namespace CalcApi.Domain.Numbers;

/// <summary>The hyperbolic functions, their inverses, erf and the machine-learning functions.</summary>
public static partial class BigFloatMath
{
    /// <summary>(e^x − e^−x)/2; e^x taken with as many more bits as x is small, so that the difference keeps them.</summary>
    public static BigFloat Sinh(BigFloat x, int bits)
    {
        if (BelowSquare(x, bits))
        {
            // sinh x = x (1 + x²/6 + …), and x² is below the precision.
            return x.Round(bits);
        }

        var wp = bits + Guard + SmallnessBits(x);
        var e = Exp(x, wp);
        return BigFloat.ScaleB(BigFloat.Subtract(e, BigFloat.Divide(BigFloat.One, e, wp), wp), -1).Round(bits);
    }

    public static BigFloat Cosh(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var e = Exp(x, wp);
        return BigFloat.ScaleB(BigFloat.Add(e, BigFloat.Divide(BigFloat.One, e, wp), wp), -1).Round(bits);
    }

    /// <summary>(e^2x − 1)/(e^2x + 1); ±1 once e^−2|x| is below the precision.</summary>
    public static BigFloat Tanh(BigFloat x, int bits)
    {
        if (Saturates(x, bits))
        {
            return x.Sign;
        }

        if (BelowSquare(x, bits))
        {
            // tanh x = x (1 − x²/3 + …), and x² is below the precision.
            return x.Round(bits);
        }

        var wp = bits + Guard + SmallnessBits(x);
        var e2 = Exp(BigFloat.ScaleB(x, 1), wp);
        return BigFloat.Divide(BigFloat.Subtract(e2, BigFloat.One, wp), BigFloat.Add(e2, BigFloat.One, wp), bits);
    }

    /// <summary>asinh x = sign(x) log1p(|x| + x²/(1 + √(1 + x²))).</summary>
    public static BigFloat Asinh(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var a = BigFloat.Abs(x);
        var square = BigFloat.Multiply(a, a, wp);
        var root = BigFloat.Sqrt(BigFloat.Add(BigFloat.One, square, wp), wp);
        var t = BigFloat.Add(a, BigFloat.Divide(square, BigFloat.Add(BigFloat.One, root, wp), wp), wp);
        var value = Log1p(t, bits);
        return x.Sign < 0 ? -value : value;
    }

    /// <summary>acosh x = log1p((x − 1) + √((x − 1)(x + 1))), with x − 1 exact.</summary>
    public static BigFloat Acosh(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var minusOne = BigFloat.AddExact(x, -BigFloat.One);
        if (minusOne.Sign < 0)
        {
            throw new ArithmeticException("acosh: the argument is below 1.");
        }

        var root = BigFloat.Sqrt(BigFloat.Multiply(minusOne, BigFloat.AddExact(x, BigFloat.One), wp), wp);
        return Log1p(BigFloat.Add(minusOne, root, wp), bits);
    }

    /// <summary>atanh x = log1p(2x/(1 − x))/2, with 1 − x exact.</summary>
    public static BigFloat Atanh(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var oneMinus = BigFloat.AddExact(BigFloat.One, -x);
        if (oneMinus.Sign <= 0 || BigFloat.AddExact(BigFloat.One, x).Sign <= 0)
        {
            throw new ArithmeticException("atanh: the argument is outside (-1, 1).");
        }

        return BigFloat.ScaleB(Log1p(BigFloat.Divide(BigFloat.ScaleB(x, 1), oneMinus, wp), bits), -1);
    }

    /// <summary>
    /// erf x = (2/√π) e^−x² Σ 2^n x^(2n+1) / (1·3·…·(2n+1)): every term positive, so nothing cancels;
    /// ±1 once erfc x &lt; e^−x² is below the precision.
    /// </summary>
    public static BigFloat Erf(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var a = BigFloat.Abs(x);
        var approximate = a.ToDouble();
        if (approximate * approximate > wp * Math.Log(2) + 8)
        {
            return x.Sign;
        }

        // Up to x² + O(√x² · bits) terms, each rounding once: a few more guard bits.
        wp += 16;
        var twoSquare = BigFloat.ScaleB(BigFloat.Multiply(a, a, wp), 1);
        var sum = a;
        var term = a;
        for (var n = 0; !term.IsZero && (n < approximate * approximate || term.Scale > sum.Scale - wp - 2); n++)
        {
            Poll();
            term = BigFloat.DivideByInteger(BigFloat.Multiply(term, twoSquare, wp), 2 * n + 3, wp);
            sum = BigFloat.Add(sum, term, wp);
        }

        var factor = BigFloat.Divide(Exp(-BigFloat.ScaleB(twoSquare, -1), wp), BigFloat.Sqrt(Pi(wp), wp), wp);
        var value = BigFloat.Multiply(BigFloat.ScaleB(factor, 1), sum, bits);
        return x.Sign < 0 ? -value : value;
    }

    /// <summary>1/(1 + e^−x), written as e^x/(1 + e^x) for x &lt; 0 so that it keeps its relative precision far out.</summary>
    public static BigFloat Sigmoid(BigFloat x, int bits)
    {
        if (x.Sign > 0 && Saturates(x, bits))
        {
            return BigFloat.One;
        }

        var wp = bits + Guard;
        var e = Exp(-BigFloat.Abs(x), wp);
        var denominator = BigFloat.Add(BigFloat.One, e, wp);
        return BigFloat.Divide(x.Sign < 0 ? e : BigFloat.One, denominator, bits);
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^−|x|).</summary>
    public static BigFloat Softplus(BigFloat x, int bits)
    {
        if (x.Sign > 0 && Saturates(x, bits + 64))
        {
            // e^−x / x is below the precision.
            return x.Round(bits);
        }

        var wp = bits + Guard;
        var tail = Log1p(Exp(-BigFloat.Abs(x), wp), wp);
        return x.Sign > 0 ? BigFloat.Add(x, tail, bits) : tail.Round(bits);
    }

    /// <summary>Whether e^−|x| &lt; 2^−(bits + guard), so that a function saturating like it is its limit at this precision.</summary>
    private static bool Saturates(BigFloat x, int bits) => x.Scale > 62 || Math.Abs(x.ToDouble()) * 1.44 > bits + Guard + 4;

    /// <summary>Whether x² is below the precision relative to 1, so that an odd function with slope 1 at 0 is x to that precision.</summary>
    private static bool BelowSquare(BigFloat x, int bits) => !x.IsZero && x.Scale < -((bits + Guard) / 2) - 4;

    /// <summary>
    /// How many bits |x| &lt; 1 lies below 1: the digits a difference e^x − e^−x cancels (at most about half the
    /// precision: smaller x are answered by <see cref="BelowSquare"/>).
    /// </summary>
    private static int SmallnessBits(BigFloat x) => x.IsZero ? 0 : (int)Math.Min(1 << 20, Math.Max(0, -x.Scale));
}
