namespace CalcApi.Api.Tests.Support;

/// <summary>The golden vectors' tolerance: relative 1e-6, with an absolute floor of 1e-9.</summary>
public static class Approx
{
    public static void Equal(double expected, double actual, string what)
    {
        var tolerance = Math.Max(1e-9, 1e-6 * Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= tolerance,
            $"{what}: expected {expected:R}, got {actual:R} (|difference| {Math.Abs(actual - expected):G3} > {tolerance:G3})");
    }
}
