using CalcApi.Bench.Corpus;
using CalcApi.Bench.Timing;
using CalcApi.Bench.Verification;

namespace CalcApi.Bench.Report;

/// <summary>
/// <c>dotnet run -c Release --project bench -- report [options]</c>: checks and times every selected
/// case without BenchmarkDotNet, prints the report, and for a run of the whole corpus also writes it to
/// <c>bench/results/latest.md</c>. Exits with 1 when any case fails or times out.
/// </summary>
public static class ReportCommand
{
    public const string ResultsFile = "results/latest.md";

    public static int Run(IReadOnlyList<string> args)
    {
        var options = ReportOptions.Parse(args);
        var cases = Ordered(options.Filter.Select(CorpusFile.All));
        if (cases.Count == 0)
        {
            Console.Error.WriteLine($"No corpus case matches {options.Filter}.");
            return 2;
        }

        var progress = !Console.IsErrorRedirected;
        Progress(progress, "Warming up the JIT…");
        JitWarmUp.Run(CorpusFile.All);
        var reports = new List<CaseReport>(cases.Count);
        var timedOutAt = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in cases)
        {
            Progress(progress, $"\r[{reports.Count + 1,3}/{cases.Count}] {c.Id,-28}");
            reports.Add(c.IsScaling && timedOutAt.TryGetValue(c.Family, out var n) && c.Size > n
                ? Skipped(c, $"not run: n = {n} already timed out")
                : Measure(c, options.Timing));
            if (c.IsScaling && reports[^1].Timing.Status == TimingStatus.Timeout)
            {
                timedOutAt.TryAdd(c.Family, c.Size);
            }
        }

        Progress(progress, "\n");
        var markdown = ReportWriter.Write(reports, options);
        Console.Write(markdown);
        if (options.Filter.IsEverything)
        {
            var path = Path.Combine(BenchDirectory.Locate(), ResultsFile);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, markdown);
            Console.Error.WriteLine($"Written to {path}");
        }
        else
        {
            Console.Error.WriteLine($"A selection ({options.Filter}): {ResultsFile} is written only for the whole corpus.");
        }

        return reports.All(r => r.Check.Passed && r.Timing.Status == TimingStatus.Measured) ? 0 : 1;
    }

    /// <summary>Progress on a terminal only: redirected, it would be a wall of carriage returns.</summary>
    private static void Progress(bool show, string text)
    {
        if (show)
        {
            Console.Error.Write(text);
        }
    }

    private static CaseReport Measure(CorpusCase c, TimingOptions timing)
    {
        var measured = CaseTimer.Measure(c, timing);
        if (measured.Status == TimingStatus.Timeout)
        {
            return new CaseReport(measured, CheckResult.NotRun(c, $"timeout: {measured.Error}"));
        }

        using var cancellation = new CancellationTokenSource(timing.Timeout);
        return new CaseReport(measured, CaseCheck.Run(c, cancellation.Token));
    }

    private static CaseReport Skipped(CorpusCase c, string reason) =>
        new(CaseTiming.Failed(c, TimingStatus.Timeout, reason), CheckResult.NotRun(c, $"timeout: {reason}"));

    /// <summary>File order, except that each scaling family runs by increasing n (so a timeout can skip larger n).</summary>
    private static List<CorpusCase> Ordered(IReadOnlyList<CorpusCase> cases)
    {
        var families = cases.Select(c => c.Family).Distinct().Select((family, index) => (family, index)).ToDictionary(p => p.family, p => p.index);
        return [.. cases.OrderBy(c => families[c.Family]).ThenBy(c => c.IsScaling ? c.Size : 0)];
    }
}
