namespace CalcApi.Bench.Check;

/// <summary>
/// What one answer got: its verdict and how it was decided on the first (cold) run, whether every run gave the
/// same, and the median of its warm runs in seconds; <see cref="Failure"/> says what was wrong, if anything.
/// </summary>
public sealed record TrialResult(CheckTrial Trial, Verdict? Verdict, DecidedBy? DecidedBy, double Median, double BaselineMedian, string? Failure)
{
    public bool Passed => Failure is null;

    /// <summary>The check's median over the median of <c>Calculus.Differentiate</c> of the same case, in the same rounds.</summary>
    public double Ratio => Median / BaselineMedian;
}

/// <summary>Percentiles of a sample by nearest rank (p = 0.5 of an even count is the mean of the two middle values).</summary>
public static class Percentile
{
    public static double Of(IReadOnlyCollection<double> values, double p)
    {
        if (p == 0.5)
        {
            return Timing.Median.Of(values);
        }

        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
