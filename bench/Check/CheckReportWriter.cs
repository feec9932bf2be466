using System.Runtime.InteropServices;
using System.Text;
using CalcApi.Bench.Report;

namespace CalcApi.Bench.Check;

/// <summary>Writes the check report as Markdown: verdicts first, then times per kind of answer and the slowest checks.</summary>
public static class CheckReportWriter
{
    /// <summary>Issue 12's target for a textbook check.</summary>
    public static readonly TimeSpan Target = TimeSpan.FromMilliseconds(1);

    public static string Write(IReadOnlyList<TrialResult> results, int reps, TimeSpan budget)
    {
        var sb = new StringBuilder();
        var cases = results.Select(r => r.Trial.Case).Distinct().ToList();
        sb.AppendLine("# Checking answers: verdicts and time per check").AppendLine();
        sb.AppendLine($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores (shared with other work), {Configuration} build.");
        sb.AppendLine($"- Tasks: {cases.Count} textbook cases of `data/scalar-corpus.jsonl`, each checked as `POST /api/check` with task `differentiate` " +
            "(`Calculus.Check`, default limits) against four answers built from the engine's own printed derivative d: " +
            "`own` d (equivalent), `wrong` 2*(d), or (d) + 1 every other case and where d is 0 at the case's point (not equivalent), " +
            "`halves` (d)/2 + (d)/2 (equivalent), `identity` (d)*(sin(x)^2 + cos(x)^2) (equivalent).");
        sb.AppendLine($"- Time: one case at a time after a JIT warm-up; rounds of `Calculus.Differentiate` of the case (the baseline, as `POST /api/differentiate` " +
            $"does it, renderings included) followed by each check, each timed alone with Stopwatch; up to {reps} rounds per case (about {budget.TotalSeconds:0.##} s, at least 3). " +
            "A check's time is the median of its rounds; `median`, `p90`, `max` are over the checks of a row.");
        sb.AppendLine("- Ratio: the median check time over the median `Calculus.Differentiate` time of the same cases, measured in the same rounds; " +
            "`median ratio` is the median over checks of each check's own ratio to its case's baseline.").AppendLine();

        var failed = results.Where(r => !r.Passed).ToList();
        sb.AppendLine($"## Verdicts: {results.Count - failed.Count} of {results.Count} right").AppendLine();
        if (failed.Count == 0)
        {
            sb.AppendLine("Every check gave the expected verdict, the same on every run.").AppendLine();
        }
        else
        {
            var table = new MarkdownTable("case", "kind", "answer", "failure");
            foreach (var r in failed)
            {
                table.Add(r.Trial.Case.Id, r.Trial.Kind, Format.Cell(r.Trial.Answer), r.Failure!);
            }

            sb.Append(table).AppendLine();
        }

        sb.AppendLine("## Time per check").AppendLine();
        var baselines = results.GroupBy(r => r.Trial.Case).Select(g => g.First().BaselineMedian).ToList();
        var kinds = new MarkdownTable("kind", "checks:", "symbolic:", "numeric:", "median:", "p90:", "max:", "under 1 ms:", "ratio:", "median ratio:");
        kinds.Add("differentiate (baseline)", Format.Count(baselines.Count), "", "", Format.Time(Percentile.Of(baselines, 0.5)),
            Format.Time(Percentile.Of(baselines, 0.9)), Format.Time(baselines.Max()), "", "1", "1");
        foreach (var kind in CheckTrial.Kinds)
        {
            Row(kinds, kind, [.. results.Where(r => r.Trial.Kind == kind)], baselines);
        }

        Row(kinds, "**all checks**", results, baselines);
        sb.Append(kinds).AppendLine();

        var numericOwn = results.Where(r => r.Trial.Kind == CheckTrial.Own && r.DecidedBy == DecidedBy.Numeric).ToList();
        if (numericOwn.Count > 0)
        {
            sb.AppendLine("## The own derivative decided numerically").AppendLine();
            sb.AppendLine("The canonical forms agree, but the conditions of the domains do not (the expected side carries the function's, such as " +
                "x >= 0 for sqrt(x), the answer only its own), so the verdict rests on sampled points (contract section 7).").AppendLine();
            var own = new MarkdownTable("case", "expression", "derivative", "time:");
            foreach (var r in numericOwn)
            {
                own.Add(r.Trial.Case.Id, Format.Cell(r.Trial.Case.Expression, 40), Format.Cell(r.Trial.Answer, 50), Format.Time(r.Median));
            }

            sb.Append(own).AppendLine();
        }

        sb.AppendLine("## Slowest checks").AppendLine();
        var slow = new MarkdownTable("case", "expression", "kind", "decided", "time:", "ratio:");
        foreach (var r in results.OrderByDescending(r => r.Median).Take(10))
        {
            slow.Add(r.Trial.Case.Id, Format.Cell(r.Trial.Case.Expression, 40), r.Trial.Kind, Decided(r), Format.Time(r.Median), Format.Ratio(r.Ratio));
        }

        sb.Append(slow);
        return sb.ToString();
    }

    private static void Row(MarkdownTable table, string name, IReadOnlyList<TrialResult> rows, IReadOnlyList<double> baselines)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var times = rows.Select(r => r.Median).ToList();
        var median = Percentile.Of(times, 0.5);
        table.Add(name, Format.Count(rows.Count),
            Format.Count(rows.Count(r => r.DecidedBy == DecidedBy.Symbolic)), Format.Count(rows.Count(r => r.DecidedBy == DecidedBy.Numeric)),
            Format.Time(median), Format.Time(Percentile.Of(times, 0.9)), Format.Time(times.Max()),
            Format.Count(times.Count(t => t < Target.TotalSeconds)),
            Format.Ratio(median / Percentile.Of(baselines, 0.5)), Format.Ratio(Percentile.Of([.. rows.Select(r => r.Ratio)], 0.5)));
    }

    private static string Decided(TrialResult r) => r.DecidedBy switch
    {
        DecidedBy.Symbolic => "symbolic",
        DecidedBy.Numeric => "numeric",
        _ => "–",
    };

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
