using System.Runtime.InteropServices;
using System.Text;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Timing;
using CalcApi.Bench.Verification;

namespace CalcApi.Bench.Report;

/// <summary>Writes the report as Markdown: correctness first, then textbook times, scaling tables and growth.</summary>
public static class ReportWriter
{
    /// <summary>A case slower than this is listed on its own.</summary>
    public static readonly TimeSpan SlowCase = TimeSpan.FromMilliseconds(10);

    public static string Write(IReadOnlyList<CaseReport> reports, ReportOptions options)
    {
        var sb = new StringBuilder();
        Header(sb, reports, options);
        Correctness(sb, reports);
        Textbook(sb, reports.Where(r => !r.Case.IsScaling).ToList());
        var scaling = reports.Where(r => r.Case.IsScaling).ToList();
        Scaling(sb, scaling);
        Growth(sb, scaling);
        Slow(sb, reports);
        if (options.Details)
        {
            Details(sb, reports);
        }

        return sb.ToString();
    }

    private static void Header(StringBuilder sb, IReadOnlyList<CaseReport> reports, ReportOptions options)
    {
        var timing = options.Timing;
        sb.AppendLine("# Scalar differentiation: correctness and timing").AppendLine();
        sb.AppendLine($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {Configuration} build.");
        sb.AppendLine($"- Corpus: `{CorpusFile.RelativePath}`, {reports.Count} cases ({reports.Count(r => !r.Case.IsScaling)} textbook, {reports.Count(r => r.Case.IsScaling)} scaling); selection: {options.Filter}.");
        sb.AppendLine($"- Time: parse → bind → d/dx → print text, one case at a time after a JIT warm-up; median of up to {timing.Repetitions} warm runs per case " +
            $"(fewer when runs are slow: about {timing.BudgetPerCase.TotalSeconds:0.#} s of runs, at least {TimingOptions.MinRepetitions}), measured with Stopwatch. " +
            $"A first run over {timing.Timeout.TotalSeconds:0.#} s is a timeout.");
        sb.AppendLine($"- Check: the engine's answer (`Calculus.Differentiate`) at `at` against the central difference of f (relative error < {CaseCheck.RelativeTolerance:0e0}, " +
            $"or |value| < {CaseCheck.ZeroTolerance:0e0} for a zero derivative) and against forward-mode differentiation of the input; its printed text must parse back to the same expression.");
#if DEBUG
        sb.AppendLine().AppendLine("**Debug build: the times are not representative; run with `-c Release`.**");
#endif

        sb.AppendLine();
    }

    private static void Correctness(StringBuilder sb, IReadOnlyList<CaseReport> reports)
    {
        var failed = reports.Where(r => !r.Check.Passed).ToList();
        sb.AppendLine($"## Correctness: {reports.Count - failed.Count} of {reports.Count} cases pass").AppendLine();
        if (failed.Count == 0)
        {
            sb.AppendLine("Every case passes every check.").AppendLine();
            return;
        }

        var table = new MarkdownTable("case", "expression", "problem");
        foreach (var r in failed)
        {
            foreach (var problem in r.Check.Problems)
            {
                table.Add(r.Case.Id, Format.Cell(r.Case.Expression, 40), problem.Replace("|", "\\|", StringComparison.Ordinal));
            }
        }

        sb.Append(table).AppendLine();
    }

    private static void Textbook(StringBuilder sb, IReadOnlyList<CaseReport> reports)
    {
        if (reports.Count == 0)
        {
            return;
        }

        sb.AppendLine("## Textbook families").AppendLine();
        sb.AppendLine("Median over the family's cases of each case's median time.").AppendLine();
        var table = new MarkdownTable("family", "cases:", "median:", "fastest:", "slowest:", "slowest case", "failed:");
        foreach (var family in reports.GroupBy(r => r.Case.Family))
        {
            var measured = family.Where(r => r.Timing.Status == TimingStatus.Measured).ToList();
            var slowest = measured.MaxBy(r => r.Timing.Median);
            table.Add(
                family.Key,
                family.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
                measured.Count == 0 ? "–" : Format.Time(Median.Of(measured.Select(r => r.Timing.Median))),
                measured.Count == 0 ? "–" : Format.Time(measured.Min(r => r.Timing.Median)),
                slowest is null ? "–" : Format.Time(slowest.Timing.Median),
                slowest?.Case.Id ?? "–",
                family.Count(r => !r.Check.Passed).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var all = reports.Where(r => r.Timing.Status == TimingStatus.Measured).ToList();
        if (all.Count > 0)
        {
            table.Add("**all**", all.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Time(Median.Of(all.Select(r => r.Timing.Median))),
                Format.Time(all.Min(r => r.Timing.Median)), Format.Time(all.Max(r => r.Timing.Median)), all.MaxBy(r => r.Timing.Median)!.Case.Id,
                reports.Count(r => !r.Check.Passed).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        sb.Append(table).AppendLine();
    }

    private static void Scaling(StringBuilder sb, IReadOnlyList<CaseReport> reports)
    {
        if (reports.Count == 0)
        {
            return;
        }

        sb.AppendLine("## Scaling families").AppendLine();
        sb.AppendLine("Per n: median time, its ratio to the previous n, the sizes of the input and of the printed derivative " +
            "(characters, and tree nodes as printed, `Expr.Size`), and derivative size over input size (characters; nodes of the bound input).").AppendLine();
        foreach (var family in reports.GroupBy(r => r.Case.Family))
        {
            sb.AppendLine($"### {family.Key}").AppendLine();
            var table = new MarkdownTable("n:", "time:", "× prev:", "runs:", "input chars:", "derivative chars:", "derivative nodes:", "chars ratio:", "nodes ratio:", "check");
            CaseTiming? previous = null;
            foreach (var r in family)
            {
                var t = r.Timing;
                var measured = t.Status == TimingStatus.Measured;
                table.Add(
                    r.Case.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    measured ? Format.Time(t.Median) : t.Status.ToString().ToLowerInvariant(),
                    measured && previous is { Status: TimingStatus.Measured } ? Format.Ratio(t.Median / previous.Median) : "–",
                    measured ? t.Repetitions.ToString(System.Globalization.CultureInfo.InvariantCulture) : "–",
                    Format.Count(t.InputChars),
                    Format.Count(t.DerivativeChars),
                    Format.Count(t.DerivativeNodes),
                    Format.Ratio(t.CharsRatio),
                    Format.Ratio(t.NodesRatio),
                    r.Check.Passed ? "ok" : "FAIL");
                previous = t;
            }

            sb.Append(table).AppendLine();
        }
    }

    private static void Growth(StringBuilder sb, IReadOnlyList<CaseReport> reports)
    {
        var pairs = reports.GroupBy(r => r.Case.Family)
            .Select(g => (Family: g.Key, Small: g.FirstOrDefault(r => r.Case.Size == 64)?.Timing, Large: g.FirstOrDefault(r => r.Case.Size == 128)?.Timing))
            .Where(p => p.Small is not null && p.Large is not null)
            .ToList();
        if (pairs.Count == 0)
        {
            return;
        }

        sb.AppendLine("## Growth from n = 64 to n = 128").AppendLine();
        sb.AppendLine("Time ratio t(128)/t(64), and the exponent k = log2(ratio) of t ∝ n^k: about 1 is linear, 2 quadratic.").AppendLine();
        var table = new MarkdownTable("family", "time n=64:", "time n=128:", "time ratio:", "k:", "chars ratio:", "nodes ratio:");
        foreach (var (family, small, large) in pairs)
        {
            var both = small!.Status == TimingStatus.Measured && large!.Status == TimingStatus.Measured;
            var ratio = both ? large!.Median / small.Median : (double?)null;
            table.Add(
                family,
                Status(small),
                Status(large!),
                Format.Ratio(ratio),
                Format.Exponent(ratio is double q ? Math.Log2(q) : null),
                Format.Ratio(large!.DerivativeChars / (double?)small.DerivativeChars),
                Format.Ratio(large.DerivativeNodes / (double?)small.DerivativeNodes));
        }

        sb.Append(table).AppendLine();
    }

    private static void Slow(StringBuilder sb, IReadOnlyList<CaseReport> reports)
    {
        var slow = reports.Where(r => r.Timing.Status != TimingStatus.Measured || r.Timing.Median > SlowCase.TotalSeconds).ToList();
        sb.AppendLine($"## Cases over {SlowCase.TotalMilliseconds:0} ms or without a time").AppendLine();
        if (slow.Count == 0)
        {
            sb.AppendLine("None.").AppendLine();
            return;
        }

        var table = new MarkdownTable("case", "time:", "derivative chars:", "note");
        foreach (var r in slow)
        {
            table.Add(r.Case.Id, Status(r.Timing), Format.Count(r.Timing.DerivativeChars), r.Timing.Error ?? "");
        }

        sb.Append(table).AppendLine();
    }

    private static void Details(StringBuilder sb, IReadOnlyList<CaseReport> reports)
    {
        sb.AppendLine("## Every case").AppendLine();
        var table = new MarkdownTable("case", "time:", "value:", "central difference:", "forward mode:", "check", "derivative");
        foreach (var r in reports)
        {
            var c = r.Check;
            table.Add(r.Case.Id, Status(r.Timing), Format.Value(c.Value), Format.Value(c.Difference?.Value), Format.Value(c.Forward?.Slope),
                c.Passed ? "ok" : "FAIL", Format.Cell(c.Derivative, 70));
        }

        sb.Append(table).AppendLine();
    }

    private static string Status(CaseTiming t) =>
        t.Status == TimingStatus.Measured ? Format.Time(t.Median) : t.Status.ToString().ToLowerInvariant();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
