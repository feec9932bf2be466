using CalcApi.Domain.Compilation;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// A line search for the strong Wolfe conditions (Nocedal and Wright, algorithms 3.5 and 3.6):
/// sufficient decrease f(θ + α d) ≤ f(θ) + c₁ α g·d and small slope |g(θ + α d)·d| ≤ c₂ |g·d|, with
/// c₁ = 1e-4 and c₂ = 0.9. It brackets by doubling, then zooms by safeguarded cubic interpolation.
/// A trial where the loss is not finite (outside its domain, or overflowed) counts as too far.
/// The curvature condition is what makes s·y positive, so the L-BFGS update stays positive definite.
/// </summary>
internal sealed class WolfeSearch(CompiledProgram program, OptimisedVariables variables)
{
    private const double C1 = 1e-4;
    private const double C2 = 0.9;
    private const int MaxBrackets = 30;
    private const int MaxZooms = 30;

    private readonly double[] _start = new double[variables.Dimension];
    private double _evaluatedAt = double.NaN;

    /// <summary>
    /// Searches along <paramref name="direction"/> (a descent direction: slope = g·d &lt; 0) from α = 1. Returns the
    /// accepted α, 0 when no step decreases the loss; the program ends evaluated at θ + α d.
    /// </summary>
    public double Search(double[] direction, double loss, double slope)
    {
        variables.Save(_start);
        _evaluatedAt = double.NaN;
        // Near a minimum, differences of the loss drown in rounding: a change within it counts as no increase.
        var rounding = 8 * Math.Max(Math.Abs(loss), double.Epsilon) * 1.1102230246251565E-16;
        bool Sufficient(double alpha, double f) => double.IsFinite(f) && f <= loss + (C1 * alpha * slope) + rounding;

        double previous = 0, previousLoss = loss, previousSlope = slope;
        var alpha = 1.0;
        for (var i = 0; i < MaxBrackets; i++)
        {
            var (f, df) = Evaluate(direction, alpha);
            if (!Sufficient(alpha, f) || (i > 0 && f >= previousLoss))
            {
                return Zoom(direction, loss, slope, rounding, (previous, previousLoss, previousSlope), (alpha, f, df));
            }

            if (Math.Abs(df) <= -C2 * slope)
            {
                return alpha;
            }

            if (df >= 0)
            {
                return Zoom(direction, loss, slope, rounding, (alpha, f, df), (previous, previousLoss, previousSlope));
            }

            (previous, previousLoss, previousSlope) = (alpha, f, df);
            alpha *= 2;
        }

        return Settle(direction, previous);
    }

    private double Zoom(double[] direction, double loss, double slope, double rounding,
        (double Alpha, double Loss, double Slope) lo, (double Alpha, double Loss, double Slope) hi)
    {
        for (var j = 0; j < MaxZooms && Math.Abs(hi.Alpha - lo.Alpha) > 1e-14 * Math.Max(lo.Alpha, hi.Alpha); j++)
        {
            var alpha = Interpolate(lo, hi);
            var (f, df) = Evaluate(direction, alpha);
            if (!double.IsFinite(f) || f > loss + (C1 * alpha * slope) + rounding || f >= lo.Loss)
            {
                hi = (alpha, f, df);
                continue;
            }

            if (Math.Abs(df) <= -C2 * slope)
            {
                return alpha;
            }

            if (df * (hi.Alpha - lo.Alpha) >= 0)
            {
                hi = lo;
            }

            lo = (alpha, f, df);
        }

        // No point met both conditions within the budget: the best point that decreased the loss (or none) is taken.
        return Settle(direction, lo.Alpha);
    }

    /// <summary>The minimiser of the cubic through both ends (values and slopes), kept at least a tenth of the interval from either end; bisection where that fails.</summary>
    private static double Interpolate((double Alpha, double Loss, double Slope) a, (double Alpha, double Loss, double Slope) b)
    {
        var (low, high) = (Math.Min(a.Alpha, b.Alpha), Math.Max(a.Alpha, b.Alpha));
        var margin = 0.1 * (high - low);
        var middle = 0.5 * (low + high);
        if (!double.IsFinite(b.Loss) || !double.IsFinite(b.Slope))
        {
            return middle;
        }

        var d1 = a.Slope + b.Slope - (3 * (a.Loss - b.Loss) / (a.Alpha - b.Alpha));
        var d2 = Math.Sign(b.Alpha - a.Alpha) * Math.Sqrt((d1 * d1) - (a.Slope * b.Slope));
        var alpha = b.Alpha - ((b.Alpha - a.Alpha) * (b.Slope + d2 - d1) / (b.Slope - a.Slope + (2 * d2)));
        return double.IsFinite(alpha) && alpha >= low + margin && alpha <= high - margin ? alpha : middle;
    }

    private double Settle(double[] direction, double alpha)
    {
        if (alpha != _evaluatedAt)
        {
            Evaluate(direction, alpha);
        }

        return alpha;
    }

    private (double Loss, double Slope) Evaluate(double[] direction, double alpha)
    {
        variables.Restore(_start, direction, alpha);
        program.Run();
        _evaluatedAt = alpha;
        return (program.ScalarOutput(0), variables.GradientDot(direction));
    }
}
