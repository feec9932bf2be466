using CalcApi.Domain.Errors;
using System.Diagnostics;
using System.Globalization;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Timing;

namespace CalcApi.Bench.Check;

/// <summary>
/// <c>dotnet run -c Release --project bench -- check-report [FILTER] [--reps N] [--budget S]</c>: checks four
/// answers to every textbook case through <c>Calculus.Check</c> as <c>POST /api/check</c> does, verifies each
/// verdict, and times each check against <c>Calculus.Differentiate</c> of the same case in the same rounds. Prints
/// the report; a run over all textbook cases also writes it to <c>bench/results/check.md</c>. Exits with 1 when a
/// verdict is wrong or a check fails.
/// </summary>
public static class CheckReportCommand
{
    public const string ResultsFile = "results/check.md";

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromMilliseconds(30);

    public static int Run(IReadOnlyList<string> args)
    {
        var (filter, rest) = CaseFilter.Parse(args);
        var (reps, budget) = Options(rest);
        var cases = filter.Select(CorpusFile.All).Where(c => c.Group == CorpusCase.TextbookGroup).ToList();
        if (cases.Count == 0)
        {
            Console.Error.WriteLine($"No textbook case matches {filter}.");
            return 2;
        }

        var trials = cases.SelectMany((c, i) => CheckTrial.For(c, CheckPipeline.Derivative(c), i)).ToList();
        var progress = !Console.IsErrorRedirected;
        if (progress)
        {
            Console.Error.Write("Warming up the JIT…");
        }

        JitWarmUp.Run(CorpusFile.All);
        WarmUpChecks(trials);
        var results = new List<TrialResult>(trials.Count);
        foreach (var (group, index) in trials.GroupBy(t => t.Case).Select((g, i) => (g, i)))
        {
            if (progress)
            {
                Console.Error.Write($"\r[{index + 1,3}/{cases.Count}] {group.Key.Id,-28}");
            }

            results.AddRange(Measure(group.Key, [.. group], reps, budget));
        }

        if (progress)
        {
            Console.Error.WriteLine();
        }

        var markdown = CheckReportWriter.Write(results, reps, budget);
        Console.Write(markdown);
        if (filter.IsEverything || filter is { Group: CorpusCase.TextbookGroup, Families.Count: 0, CasePatterns.Count: 0 })
        {
            var path = Path.Combine(BenchDirectory.Locate(), ResultsFile);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, markdown);
            Console.Error.WriteLine($"Written to {path}");
        }
        else
        {
            Console.Error.WriteLine($"A selection ({filter}): {ResultsFile} is written only for all textbook cases.");
        }

        return results.All(r => r.Passed) ? 0 : 1;
    }

    private static (int Reps, TimeSpan Budget) Options(List<string> rest)
    {
        var reps = 100;
        var budget = TimeSpan.FromSeconds(0.25);
        for (var i = 0; i < rest.Count; i++)
        {
            var name = rest[i];
            double Number(double min) => ++i < rest.Count && double.TryParse(rest[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min
                ? v
                : throw new ArgumentException($"{name} needs a number of at least {min}.");
            switch (name)
            {
                case "--reps":
                    reps = (int)Number(TimingOptions.MinRepetitions);
                    break;
                case "--budget":
                    budget = TimeSpan.FromSeconds(Number(0.001));
                    break;
                default:
                    throw new ArgumentException($"Unknown check-report option '{name}'.");
            }
        }

        return (reps, budget);
    }

    /// <summary>Every check a few rounds with pauses, for tiered compilation (as <see cref="JitWarmUp"/> does for the derivative).</summary>
    private static void WarmUpChecks(IReadOnlyList<CheckTrial> trials)
    {
        for (var round = 0; round < 4; round++)
        {
            var started = Stopwatch.GetTimestamp();
            do
            {
                foreach (var t in trials)
                {
                    CheckPipeline.Check(t);
                }
            }
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMilliseconds(250));

            Thread.Sleep(200);
        }
    }

    /// <summary>
    /// One case: a cold run of each check (whose verdict must be the expected one), warm-up, then rounds of the
    /// baseline followed by each check, each timed alone, as many rounds as fit <paramref name="budget"/> (at least
    /// 3, at most <paramref name="reps"/>). Interleaving keeps a busy moment of the machine from landing on one side.
    /// </summary>
    private static List<TrialResult> Measure(CorpusCase c, IReadOnlyList<CheckTrial> trials, int reps, TimeSpan budget)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var first = trials.Select(t => CheckPipeline.Check(t)).ToArray();
        var warmStart = Stopwatch.GetTimestamp();
        var round = 0.0;
        while (Stopwatch.GetElapsedTime(warmStart) < WarmUpTime)
        {
            round = Round(c, trials, null, null, 0);
        }

        var rounds = (int)Math.Clamp(budget.TotalSeconds / Math.Max(round, 1e-9), TimingOptions.MinRepetitions, Math.Max(reps, TimingOptions.MinRepetitions));
        var baseline = new double[rounds];
        var times = trials.Select(_ => new double[rounds]).ToArray();
        var changed = new bool[trials.Count];
        for (var r = 0; r < rounds; r++)
        {
            Round(c, trials, baseline, times, r, first, changed);
        }

        var baselineMedian = Median.Of(baseline);
        return [.. trials.Select((t, i) => Result(t, first[i], Median.Of(times[i]), baselineMedian, changed[i]))];
    }

    /// <summary>One round: the baseline, then every check; returns its seconds. Records times when given arrays.</summary>
    private static double Round(CorpusCase c, IReadOnlyList<CheckTrial> trials, double[]? baseline, double[][]? times, int r,
        Outcome<CheckAnswer>[]? first = null, bool[]? changed = null)
    {
        var total = 0.0;
        var start = Stopwatch.GetTimestamp();
        CheckPipeline.Differentiate(c);
        var seconds = Seconds(start);
        total += seconds;
        if (baseline is not null)
        {
            baseline[r] = seconds;
        }

        for (var i = 0; i < trials.Count; i++)
        {
            start = Stopwatch.GetTimestamp();
            var outcome = CheckPipeline.Check(trials[i]);
            seconds = Seconds(start);
            total += seconds;
            if (times is not null)
            {
                times[i][r] = seconds;
            }

            if (first is not null && changed is not null && Summary(outcome) != Summary(first[i]))
            {
                changed[i] = true;
            }
        }

        return total;
    }

    private static (Verdict?, DecidedBy?) Summary(Outcome<CheckAnswer> o) => o.IsSuccess ? (o.Value.Verdict, o.Value.DecidedBy) : (null, null);

    /// <summary>Seconds since a raw timestamp: a TimeSpan would round to 100 ns.</summary>
    private static double Seconds(long start) => (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;

    private static TrialResult Result(CheckTrial t, Outcome<CheckAnswer> outcome, double median, double baseline, bool changed)
    {
        if (!outcome.IsSuccess)
        {
            return new TrialResult(t, null, null, median, baseline, $"{outcome.Error!.Title}: {outcome.Error.Detail}");
        }

        var answer = outcome.Value;
        var failure = answer.Verdict != t.Expected
            ? $"verdict {answer.Verdict}, expected {t.Expected}" + (answer.FirstWrong?.Error is { } e ? $" ({e.Title}: {e.Detail})" : "")
            : changed ? "a warm run gave another verdict or decision than the first" : null;
        return new TrialResult(t, answer.Verdict, answer.DecidedBy, median, baseline, failure);
    }
}
