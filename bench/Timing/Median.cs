namespace CalcApi.Bench.Timing;

public static class Median
{
    /// <summary>The median; the mean of the two middle values for an even count.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
