using System.Globalization;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Timing;

namespace CalcApi.Bench.Report;

/// <summary>
/// Options of the report mode: the corpus filters, <c>--reps N</c> (warm repetitions per case, default
/// 200), <c>--timeout S</c> (seconds, default 10), <c>--budget S</c> (seconds of repetitions per case,
/// default 1) and <c>--details</c> (a table of every case).
/// </summary>
public sealed record ReportOptions(CaseFilter Filter, TimingOptions Timing, bool Details)
{
    public static ReportOptions Parse(IReadOnlyList<string> args)
    {
        var (filter, rest) = CaseFilter.Parse(args);
        var timing = TimingOptions.Default;
        var details = false;
        for (var i = 0; i < rest.Count; i++)
        {
            switch (rest[i])
            {
                case "--reps":
                    timing = timing with { Repetitions = (int)Number(rest, ref i, 1) };
                    break;
                case "--timeout":
                    timing = timing with { Timeout = TimeSpan.FromSeconds(Number(rest, ref i, 0.001)) };
                    break;
                case "--budget":
                    timing = timing with { BudgetPerCase = TimeSpan.FromSeconds(Number(rest, ref i, 0.001)) };
                    break;
                case "--details":
                    details = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown report option '{rest[i]}'.");
            }
        }

        return new ReportOptions(filter, timing, details);
    }

    private static double Number(IReadOnlyList<string> args, ref int i, double min)
    {
        var name = args[i];
        return ++i < args.Count && double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new ArgumentException($"{name} needs a number of at least {min}.");
    }
}
