using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Tests.Evaluation;

/// <summary>The arbitrary-precision numbers: constants to 100 digits, identities at 320 bits, every catalog function against double precision.</summary>
public class BigFloatTests
{
    private const int Bits = 320;

    private static BigFloat Of(double value) => BigFloat.FromDouble(value);

    /// <summary>The first <paramref name="digits"/> decimals of x, truncated, as "3.1415…".</summary>
    private static string Decimals(BigFloat x, int digits)
    {
        var scaled = x.Mantissa * BigInteger.Pow(10, digits);
        scaled = x.Exponent >= 0 ? scaled << (int)x.Exponent : scaled >> (int)-x.Exponent;
        var text = scaled.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits + 1, '0');
        return text[..^digits] + "." + text[^digits..];
    }

    [Theory]
    [InlineData("pi", "3.1415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679")]
    [InlineData("e", "2.7182818284590452353602874713526624977572470936999595749669676277240766303535475945713821785251664274")]
    [InlineData("ln2", "0.6931471805599453094172321214581765680755001343602552541206800094933936219696947156058633269964186875")]
    public void A_constant_has_its_first_hundred_digits_right(string name, string expected)
    {
        const int bits = 360; // 100 digits are 333 bits
        var value = name switch
        {
            "pi" => BigFloatMath.Pi(bits),
            "e" => BigFloatMath.E(bits),
            _ => BigFloatMath.Ln2(bits),
        };
        Assert.Equal(expected, Decimals(value, 100));
    }

    [Fact]
    public void The_constants_computed_in_other_ways_agree()
    {
        AssertNear(BigFloatMath.E(Bits), BigFloatMath.Exp(BigFloat.One, Bits), 300);
        AssertNear(BigFloatMath.Ln2(Bits), BigFloatMath.Log(2, Bits), 300);
        AssertNear(BigFloatMath.Pi(Bits), BigFloat.ScaleB(BigFloatMath.Atan(BigFloat.One, Bits), 2), 300);
        AssertNear(BigFloatMath.Pi(Bits), BigFloatMath.Acos(-BigFloat.One, Bits), 300);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-3)]
    [InlineData(100)]
    [InlineData(1e10)]
    [InlineData(1e22)]
    [InlineData(1.5707963267948966)]
    public void Sine_squared_plus_cosine_squared_is_one(double x)
    {
        var s = BigFloatMath.Sin(Of(x), Bits);
        var c = BigFloatMath.Cos(Of(x), Bits);
        var sum = BigFloat.Add(BigFloat.Multiply(s, s, Bits), BigFloat.Multiply(c, c, Bits), Bits);
        AssertNear(BigFloat.One, sum, 310);
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(0.3)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1e300)]
    public void Exp_of_log_is_the_identity(double x)
    {
        AssertNear(Of(x), BigFloatMath.Exp(BigFloatMath.Log(Of(x), Bits + 20), Bits), 300);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-0.999)]
    [InlineData(1e-30)]
    public void The_inverse_functions_invert(double x)
    {
        AssertNear(Of(x), BigFloatMath.Sin(BigFloatMath.Asin(Of(x), Bits + 20), Bits), 300);
        AssertNear(Of(x), BigFloatMath.Tanh(BigFloatMath.Atanh(Of(x), Bits + 20), Bits), 300);
        AssertNear(Of(x), BigFloatMath.Sinh(BigFloatMath.Asinh(Of(x), Bits + 20), Bits), 300);
        AssertNear(Of(x), BigFloatMath.Tan(BigFloatMath.Atan(Of(x), Bits + 20), Bits), 300);
    }

    [Fact]
    public void Known_hard_values_come_out_right()
    {
        Assert.Equal(-0.8522008497671888, BigFloatMath.Sin(Of(1e22), 128).ToDouble());
        Assert.Equal(800, BigFloatMath.Log(BigFloatMath.Exp(800, 128), 128).ToDouble(), 1e-12);
        Assert.Equal(1e5, BigFloatMath.Log(BigFloatMath.Exp(100000, 128), 128).ToDouble(), 1e-9);
        Assert.Equal(1e-20, BigFloatMath.Log1p(Of(1e-20), 128).ToDouble());
        Assert.Equal(-2, BigFloatMath.Power(-8, new Rational(1, 3), 128).ToDouble(), 1e-15);
        Assert.Equal(4, BigFloatMath.Power(-8, new Rational(2, 3), 128).ToDouble(), 1e-15);
        Assert.Equal(1, BigFloatMath.Erf(Of(30), 128).ToDouble());
        Assert.Equal(1 - 1.5374597944280348e-12, BigFloatMath.Erf(Of(5), 128).ToDouble(), 1e-24);
    }

    [Fact]
    public void Doubles_round_trip_and_round_half_to_even()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var x = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (double.IsFinite(x))
            {
                Assert.Equal(x, Of(x).ToDouble());
            }
        }

        Assert.Equal(9007199254740992.0, new BigFloat((BigInteger.One << 53) + 1, 0).ToDouble());
        Assert.Equal(9007199254740996.0, new BigFloat((BigInteger.One << 53) + 3, 0).ToDouble());
        Assert.Equal(double.Epsilon, new BigFloat(3, -1076).ToDouble());
        Assert.Equal(0.0, new BigFloat(1, -1080).ToDouble(out var under));
        Assert.Equal(DoubleRange.Underflow, under);
        Assert.Equal(double.PositiveInfinity, new BigFloat(1, 1024).ToDouble(out var over));
        Assert.Equal(DoubleRange.Overflow, over);
        Assert.Equal(1.0 / 3, BigFloat.FromRational(new Rational(1, 3), 128).ToDouble());
    }

    [Fact]
    public void Every_catalog_function_has_a_precise_form_that_agrees_with_double_precision()
    {
        double[] points = [-2.5, -0.7, -0.3, 0.2, 0.5, 0.9, 1.5, 2.5, 4, 30];
        var failures = new List<string>();
        foreach (var f in FunctionCatalog.All)
        {
            if (f.Precise is not { } precise)
            {
                failures.Add($"{f.Name} has no precise form");
                continue;
            }

            foreach (var u in points.Where(u => f.Outside(u) is null))
            {
                var expected = f.Value(u);
                var actual = precise(Of(u), 128).ToDouble();
                if (Math.Abs(expected - actual) > 4e-15 * Math.Abs(expected) + 1e-300)
                {
                    failures.Add($"{f.Name}({u}) = {actual:R}, double precision says {expected:R}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static void AssertNear(BigFloat expected, BigFloat actual, int bits)
    {
        var difference = BigFloat.Abs(BigFloat.Subtract(expected, actual, Bits + 64));
        var allowed = BigFloat.ScaleB(BigFloat.Abs(expected), -bits);
        Assert.True(difference <= allowed, $"expected {expected} but got {actual}: they differ by 2^{difference.Scale}, more than 2^{allowed.Scale}");
    }
}
