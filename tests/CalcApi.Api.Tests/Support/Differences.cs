namespace CalcApi.Api.Tests.Support;

/// <summary>
/// Central finite differences of functions written independently of the engine, and the comparison of an
/// answer with them: the steps are relative, small enough that the truncation error is far below the
/// tolerance and large enough that rounding is too.
/// </summary>
public static class Differences
{
    /// <summary>f'(x) ≈ (f(x + h) - f(x - h)) / 2h.</summary>
    public static double First(Func<double, double> f, double x)
    {
        var h = 1e-5 * Math.Max(1, Math.Abs(x));
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    /// <summary>f''(x) ≈ (f(x + h) - 2f(x) + f(x - h)) / h².</summary>
    public static double Second(Func<double, double> f, double x)
    {
        var h = 1e-4 * Math.Max(1, Math.Abs(x));
        return (f(x + h) - (2 * f(x)) + f(x - h)) / (h * h);
    }

    /// <summary>∂f/∂x_i at <paramref name="at"/>.</summary>
    public static double Partial(Func<double[], double> f, double[] at, int i) => First(t =>
    {
        var moved = (double[])at.Clone();
        moved[i] = t;
        return f(moved);
    }, at[i]);

    /// <summary>Asserts that <paramref name="actual"/> is within <paramref name="relative"/> of <paramref name="expected"/> (absolutely, near zero).</summary>
    public static void Close(double expected, double actual, string what, double relative = 1e-7)
    {
        var tolerance = relative * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what}: finite differences give {expected:R}, the API {actual:R} (|difference| {Math.Abs(actual - expected):G3} > {tolerance:G3})");
    }
}
