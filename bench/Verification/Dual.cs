namespace CalcApi.Bench.Verification;

/// <summary>
/// A value with its derivative (forward-mode automatic differentiation), plus <see cref="Scale"/>: the
/// sum of the magnitudes of every term that went into <see cref="Slope"/>. A slope far smaller than its
/// scale came from cancellation (sin(x)^2 + cos(x)^2), and is zero up to rounding of about
/// 1e-16 * Scale; a slope as large as its scale (a product chain) is accurate to its last digits,
/// however tiny it is.
/// </summary>
public readonly record struct Dual(double Value, double Slope, double Scale)
{
    public static Dual Constant(double value) => new(value, 0, 0);

    public static Dual Variable(double value) => new(value, 1, 1);

    public bool IsConstant => Scale == 0;

    public static Dual operator +(Dual a, Dual b) => new(a.Value + b.Value, a.Slope + b.Slope, a.Scale + b.Scale);

    public static Dual operator -(Dual a) => new(-a.Value, -a.Slope, a.Scale);

    public static Dual operator -(Dual a, Dual b) => a + -b;

    public static Dual operator *(Dual a, Dual b) =>
        new(a.Value * b.Value, (a.Slope * b.Value) + (a.Value * b.Slope), (a.Scale * Math.Abs(b.Value)) + (Math.Abs(a.Value) * b.Scale));

    public static Dual operator /(Dual a, Dual b) => a * Reciprocal(b);

    public static Dual Reciprocal(Dual a) => Chain(a, 1 / a.Value, -1 / (a.Value * a.Value));

    /// <summary>f(a), given f(a.Value) and f'(a.Value).</summary>
    public static Dual Chain(Dual a, double value, double derivative) =>
        new(value, derivative * a.Slope, Math.Abs(derivative) * a.Scale);

    /// <summary>a^b; a negative base needs a constant integer exponent.</summary>
    public static Dual Pow(Dual a, Dual b)
    {
        if (b.IsConstant)
        {
            var n = b.Value;
            return Chain(a, Math.Pow(a.Value, n), n == 0 ? 0 : n * Math.Pow(a.Value, n - 1));
        }

        // a^b = exp(b ln a): d = a^b (b' ln a + b a'/a).
        var value = Math.Pow(a.Value, b.Value);
        var log = Math.Log(a.Value);
        return new(value,
            value * ((b.Slope * log) + (b.Value * a.Slope / a.Value)),
            Math.Abs(value) * ((b.Scale * Math.Abs(log)) + (Math.Abs(b.Value) * a.Scale / Math.Abs(a.Value))));
    }
}
