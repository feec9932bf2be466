using System.Globalization;

namespace CalcApi.Bench.Report;

/// <summary>How the report writes numbers: times with a unit and three significant digits, counts with separators.</summary>
public static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Time(TimeSpan t) => Time(t.TotalSeconds);

    public static string Time(double seconds)
    {
        return seconds switch
        {
            < 1e-3 => Significant(seconds * 1e6) + " µs",
            < 1 => Significant(seconds * 1e3) + " ms",
            _ => Significant(seconds) + " s",
        };
    }

    public static string Count(long? n) => n?.ToString("N0", Invariant) ?? "–";

    public static string Ratio(double? r) => r is double v && double.IsFinite(v) ? Significant(v) : "–";

    public static string Value(double? v) => v?.ToString("G10", Invariant) ?? "–";

    /// <summary>Two decimals, without a "-0.00" for a tiny negative.</summary>
    public static string Exponent(double? v) => v is double x && double.IsFinite(x) ? (Math.Abs(x) < 0.005 ? 0 : x).ToString("0.00", Invariant) : "–";

    /// <summary>Text cut to <paramref name="max"/> characters, safe inside a Markdown table.</summary>
    public static string Cell(string? text, int max = 60)
    {
        if (text is null)
        {
            return "–";
        }

        var cut = text.Length <= max ? text : text[..(max - 1)] + "…";
        return "`" + cut.Replace("|", "\\|", StringComparison.Ordinal) + "`";
    }

    /// <summary>A figure with two decimals, fewer as it grows: 0.12, 1.23, 12.3, 123, 1234.</summary>
    public static string Significant(double v) =>
        v.ToString(Math.Abs(v) >= 100 ? "0" : Math.Abs(v) >= 10 ? "0.0" : "0.00", Invariant);
}
