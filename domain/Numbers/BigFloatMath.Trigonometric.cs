namespace CalcApi.Domain.Numbers;

/// <summary>The trigonometric functions and their inverses.</summary>
public static partial class BigFloatMath
{
    public static BigFloat Sin(BigFloat x, int bits) => Quadrant(x, bits, sine: true);

    public static BigFloat Cos(BigFloat x, int bits) => Quadrant(x, bits, sine: false);

    public static BigFloat Tan(BigFloat x, int bits)
    {
        var (sin, cos) = SinCos(x, bits + Guard);
        return BigFloat.Divide(sin, NonZero(cos, "tan"), bits);
    }

    public static BigFloat Cot(BigFloat x, int bits)
    {
        var (sin, cos) = SinCos(x, bits + Guard);
        return BigFloat.Divide(cos, NonZero(sin, "cot"), bits);
    }

    public static BigFloat Sec(BigFloat x, int bits) => BigFloat.Divide(BigFloat.One, NonZero(Cos(x, bits + Guard), "sec"), bits);

    public static BigFloat Csc(BigFloat x, int bits) => BigFloat.Divide(BigFloat.One, NonZero(Sin(x, bits + Guard), "csc"), bits);

    public static BigFloat Atan(BigFloat x, int bits)
    {
        if (x.IsZero)
        {
            return x;
        }

        var wp = bits + Guard;
        var a = BigFloat.Abs(x);
        BigFloat result;
        if (a > BigFloat.One)
        {
            // atan a = π/2 − atan(1/a).
            var halfPi = BigFloat.ScaleB(Pi(wp), -1);
            result = BigFloat.Subtract(halfPi, AtanSmall(BigFloat.Divide(BigFloat.One, a, wp), wp), wp);
        }
        else
        {
            result = AtanSmall(a, wp);
        }

        return (x.Sign < 0 ? -result : result).Round(bits);
    }

    /// <summary>asin x = atan(x / √((1 − x)(1 + x))), ±π/2 at ±1.</summary>
    public static BigFloat Asin(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var cos = OneMinusSquare(x, wp, "asin");
        if (cos.IsZero)
        {
            var halfPi = BigFloat.ScaleB(Pi(bits), -1);
            return x.Sign < 0 ? -halfPi : halfPi;
        }

        return Atan(BigFloat.Divide(x, BigFloat.Sqrt(cos, wp), wp), bits);
    }

    /// <summary>acos x = 2 atan √((1 − x)/(1 + x)), π at −1 (accurate near 1, where acos is small).</summary>
    public static BigFloat Acos(BigFloat x, int bits)
    {
        var wp = bits + Guard;
        var oneMinus = BigFloat.AddExact(BigFloat.One, -x);
        var onePlus = BigFloat.AddExact(BigFloat.One, x);
        if (oneMinus.Sign < 0 || onePlus.Sign < 0)
        {
            throw new ArithmeticException("acos: the argument is outside [-1, 1].");
        }

        if (onePlus.IsZero)
        {
            return Pi(bits);
        }

        var tangent = BigFloat.Sqrt(BigFloat.Divide(oneMinus, onePlus, wp), wp);
        return BigFloat.ScaleB(Atan(tangent, wp), 1).Round(bits);
    }

    /// <summary>sin x for sine, cos x otherwise, from x reduced modulo π/2.</summary>
    private static BigFloat Quadrant(BigFloat x, int bits, bool sine)
    {
        var wp = bits + Guard;
        var (r, quadrant) = Reduce(x, wp);
        var useSine = sine == (quadrant % 2 == 0);
        var value = useSine ? SinSeries(r, wp) : CosSeries(r, wp);
        var negative = sine ? quadrant >= 2 : quadrant is 1 or 2;
        return (negative ? -value : value).Round(bits);
    }

    private static (BigFloat Sin, BigFloat Cos) SinCos(BigFloat x, int wp)
    {
        var (r, quadrant) = Reduce(x, wp);
        var s = SinSeries(r, wp);
        var c = CosSeries(r, wp);
        return quadrant switch
        {
            0 => (s, c),
            1 => (c, -s),
            2 => (-s, -c),
            _ => (-c, s),
        };
    }

    /// <summary>
    /// x = k π/2 + r with |r| ≤ π/4, and k mod 4. π is taken with as many more bits as x has integer bits,
    /// and more again while r comes out so small that the cancellation ate the guard.
    /// </summary>
    private static (BigFloat R, int Quadrant) Reduce(BigFloat x, int wp)
    {
        if (x.Scale < 0)
        {
            // |x| < 1/2 < π/4: nothing to reduce.
            return (x, 0);
        }

        // An argument beyond a few thousand binary orders (no double is) would need π to as many bits.
        Working(wp + x.Scale + 4096, "reducing the argument modulo π/2");
        for (var guard = 64; guard <= 4096; guard *= 2)
        {
            var precision = wp + (int)x.Scale + guard;
            var halfPi = BigFloat.ScaleB(Pi(precision), -1);
            var k = BigFloat.Divide(x, halfPi, (int)x.Scale + 8).RoundToInteger();
            var r = BigFloat.Subtract(x, BigFloat.Multiply(halfPi, BigFloat.FromInteger(k), precision), precision);
            if (!r.IsZero && r.Scale >= 8 - guard)
            {
                return (r.Round(wp), (int)(((k % 4) + 4) % 4));
            }
        }

        throw new ArithmeticException("The argument is too close to a multiple of π/2 to be reduced.");
    }

    private static BigFloat SinSeries(BigFloat r, int wp)
    {
        var minusSquare = -BigFloat.Multiply(r, r, wp);
        var sum = r;
        var term = r;
        for (var n = 2; !term.IsZero && term.Scale > sum.Scale - wp - 2; n += 2)
        {
            Poll();
            term = BigFloat.DivideByInteger(BigFloat.Multiply(term, minusSquare, wp), (long)n * (n + 1), wp);
            sum = BigFloat.Add(sum, term, wp);
        }

        return sum;
    }

    private static BigFloat CosSeries(BigFloat r, int wp)
    {
        var minusSquare = -BigFloat.Multiply(r, r, wp);
        var sum = BigFloat.One;
        var term = BigFloat.One;
        for (var n = 1; !term.IsZero && term.Scale > -wp - 2; n += 2)
        {
            Poll();
            term = BigFloat.DivideByInteger(BigFloat.Multiply(term, minusSquare, wp), (long)n * (n + 1), wp);
            sum = BigFloat.Add(sum, term, wp);
        }

        return sum;
    }

    /// <summary>atan a for 0 &lt;= a &lt;= 1: halve the angle until a &lt; 1/32 (a → a/(1 + √(1 + a²))), then the series.</summary>
    private static BigFloat AtanSmall(BigFloat a, int wp)
    {
        var halvings = 0;
        while (a.Scale > -5)
        {
            Poll();
            var root = BigFloat.Sqrt(BigFloat.Add(BigFloat.One, BigFloat.Multiply(a, a, wp), wp), wp);
            a = BigFloat.Divide(a, BigFloat.Add(BigFloat.One, root, wp), wp);
            halvings++;
        }

        // atan a = a - a³/3 + a⁵/5 - …
        return BigFloat.ScaleB(OddPowerSeries(a, -BigFloat.Multiply(a, a, wp), wp), halvings);
    }

    /// <summary>(1 − x)(1 + x), with both factors exact, refused when negative (|x| &gt; 1).</summary>
    private static BigFloat OneMinusSquare(BigFloat x, int wp, string function)
    {
        var product = BigFloat.Multiply(BigFloat.AddExact(BigFloat.One, -x), BigFloat.AddExact(BigFloat.One, x), wp);
        return product.Sign < 0 ? throw new ArithmeticException($"{function}: the argument is outside [-1, 1].") : product;
    }

    private static BigFloat NonZero(BigFloat x, string function) =>
        x.IsZero ? throw new ArithmeticException($"{function}: a pole.") : x;
}
