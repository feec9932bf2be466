namespace CalcApi.Bench.Verification;

/// <summary>
/// f'(x) from central differences (f(x+h) - f(x-h)) / 2h, extrapolated to h → 0 by Ridders' method
/// (Numerical Recipes, dfridr): the step starts large (0.05 * max(1, |x|), so rounding stays small
/// even where f' is tiny next to f) and shrinks by 1.4 per stage, and a Neville tableau removes the
/// h^2, h^4, ... error terms. <see cref="Estimate.Error"/> is the method's own estimate of its error,
/// from how far the last extrapolations disagree. A step that leaves f's domain (a NaN) is halved.
/// </summary>
public static class FiniteDifference
{
    private const int Stages = 10;
    private const double Shrink = 1.4;
    private const double Safe = 2;

    public readonly record struct Estimate(double Value, double Error);

    public static Estimate Central(Func<double, double> f, double x)
    {
        var h = 0.05 * Math.Max(1, Math.Abs(x));
        for (var attempt = 0; attempt < 20; attempt++, h /= 2)
        {
            var estimate = Ridders(f, x, h);
            if (double.IsFinite(estimate.Value))
            {
                return estimate;
            }
        }

        return new Estimate(double.NaN, double.NaN);
    }

    private static Estimate Ridders(Func<double, double> f, double x, double h)
    {
        var a = new double[Stages, Stages];
        a[0, 0] = (f(x + h) - f(x - h)) / (2 * h);
        var best = new Estimate(a[0, 0], double.MaxValue);
        for (var i = 1; i < Stages; i++)
        {
            h /= Shrink;
            a[0, i] = (f(x + h) - f(x - h)) / (2 * h);
            var factor = Shrink * Shrink;
            for (var j = 1; j <= i; j++)
            {
                a[j, i] = ((a[j - 1, i] * factor) - a[j - 1, i - 1]) / (factor - 1);
                factor *= Shrink * Shrink;
                var error = Math.Max(Math.Abs(a[j, i] - a[j - 1, i]), Math.Abs(a[j, i] - a[j - 1, i - 1]));
                if (error <= best.Error)
                {
                    best = new Estimate(a[j, i], error);
                }
            }

            if (!double.IsFinite(a[i, i]))
            {
                return new Estimate(double.NaN, double.NaN);
            }

            // Higher orders now make it worse: rounding has taken over.
            if (Math.Abs(a[i, i] - a[i - 1, i - 1]) >= Safe * best.Error)
            {
                break;
            }
        }

        return best;
    }
}
