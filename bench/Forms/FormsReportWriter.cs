using System.Runtime.InteropServices;
using System.Text;
using CalcApi.Bench.Check;
using CalcApi.Bench.Report;

namespace CalcApi.Bench.Forms;

/// <summary>Writes the forms report as Markdown: the shares against issue 10's targets, by group, then the worst cases with both texts.</summary>
public static class FormsReportWriter
{
    /// <summary>Issue 10's ceiling: no answer more than this many times SymPy's operations.</summary>
    public const double Ceiling = 1.5;

    /// <summary>Issue 10's target share of cases no larger than SymPy's.</summary>
    public const double TargetShare = 0.95;

    public static string Write(IReadOnlyList<FormsResult> results)
    {
        var sb = new StringBuilder();
        var sympyVersion = results.Select(r => r.Sympy.Sympy).FirstOrDefault() ?? "?";
        sb.AppendLine("# Answer sizes against SymPy's simplify, in operations").AppendLine();
        sb.AppendLine($"- Run: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.FrameworkDescription}, {Configuration} build.");
        sb.AppendLine($"- Cases: the scalar corpus (`data/scalar-corpus.jsonl`, first derivatives) and the high-order cases " +
            "(`data/high-order-corpus.jsonl`, orders 2 to 10 of products, towers and compositions).");
        sb.AppendLine($"- Engine: the derivative's text as `POST /api/differentiate` answers it (`Calculus.Differentiate`, default limits). " +
            $"SymPy: `simplify(diff(f, x, n))` by SymPy {sympyVersion} with real symbols, printed in our language (`data/sympy-forms.jsonl`, " +
            "written once by `tools/sympy-forms.py`; a case SymPy did not finish in 60 s is left out).");
        sb.AppendLine("- Size: both texts read by our parser and counted with `OperationCount` (each + − * / ^, unary minus, call and " +
            "transpose counts 1; a term's leading minus is its sum's operator; numbers and names count 0). " +
            $"Ratio: engine over SymPy. Targets (issue 10): at least {TargetShare:P0} of cases ≤ SymPy, none over {Ceiling}×.").AppendLine();

        sb.AppendLine("## Summary").AppendLine();
        var summary = new MarkdownTable("cases", "cases:", "compared:", "≤ SymPy:", $"≤ {Ceiling}×:", "median ratio:", "max ratio:");
        foreach (var group in results.GroupBy(r => r.Case.Group))
        {
            Row(summary, group.Key, [.. group]);
        }

        Row(summary, "**all**", results);
        sb.Append(summary).AppendLine();

        var compared = results.Where(r => r.IsCompared).ToList();
        if (compared.Count > 0)
        {
            var atMost = compared.Count(r => r.Ratio <= 1);
            var within = compared.Count(r => r.Ratio <= Ceiling);
            sb.AppendLine($"Against the targets: {atMost} of {compared.Count} compared cases ({Share(atMost, compared.Count)}) are no larger than SymPy's " +
                $"(target {TargetShare:P0}: {(atMost >= TargetShare * compared.Count ? "met" : "not met")}); " +
                $"{compared.Count - within} are over {Ceiling}× (target none: {(within == compared.Count ? "met" : "not met")}).").AppendLine();
        }

        var notCompared = results.Where(r => !r.IsCompared).ToList();
        if (notCompared.Count > 0)
        {
            sb.AppendLine("## Not compared").AppendLine();
            var table = new MarkdownTable("case", "order:", "why");
            foreach (var r in notCompared)
            {
                table.Add(r.Case.Id, r.Case.Order.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Error is { } error ? $"the engine refused: {error}" : $"SymPy: {r.Sympy.Status}");
            }

            sb.Append(table).AppendLine();
        }

        var highOrder = compared.Where(r => r.Case.Group == FormsCase.HighOrderGroup).ToList();
        if (highOrder.Count > 0)
        {
            sb.AppendLine("## High orders: ratio by family and order").AppendLine();
            var orders = highOrder.Select(r => r.Case.Order).Distinct().Order().ToList();
            var byOrder = new MarkdownTable(["family (expression)", .. orders.Select(o => $"{o}:")]);
            foreach (var family in highOrder.GroupBy(r => r.Case.Family))
            {
                byOrder.Add([$"{family.Key} ({Format.Cell(family.First().Case.Expression, 30)})",
                    .. orders.Select(o => family.FirstOrDefault(r => r.Case.Order == o) is { } r ? Ratio(r.Ratio) : "")]);
            }

            sb.Append(byOrder).AppendLine();
        }

        sb.AppendLine("## Every case larger than SymPy's, largest ratio first").AppendLine();
        var worst = new MarkdownTable("case", "order:", "engine ops:", "SymPy ops:", "ratio:", "engine", "SymPy");
        foreach (var r in compared.OrderByDescending(r => r.Ratio).ThenBy(r => r.Case.Id, StringComparer.Ordinal).Where(r => r.Ratio > 1))
        {
            worst.Add(r.Case.Id, r.Case.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Count(r.EngineOperations),
                Format.Count(r.SympyOperations), Ratio(r.Ratio), Format.Cell(r.EngineText, 70), Format.Cell(r.Sympy.Simplified, 70));
        }

        sb.Append(worst);
        return sb.ToString();
    }

    private static void Row(MarkdownTable table, string name, IReadOnlyList<FormsResult> rows)
    {
        var ratios = rows.Where(r => r.IsCompared).Select(r => r.Ratio!.Value).ToList();
        table.Add(name, Format.Count(rows.Count), Format.Count(ratios.Count),
            ratios.Count == 0 ? "–" : $"{ratios.Count(r => r <= 1)} ({Share(ratios.Count(r => r <= 1), ratios.Count)})",
            ratios.Count == 0 ? "–" : $"{ratios.Count(r => r <= Ceiling)} ({Share(ratios.Count(r => r <= Ceiling), ratios.Count)})",
            ratios.Count == 0 ? "–" : Ratio(Percentile.Of(ratios, 0.5)), ratios.Count == 0 ? "–" : Ratio(ratios.Max()));
    }

    private static string Ratio(double? r) => r is double.PositiveInfinity ? "∞" : Format.Ratio(r);

    private static string Share(int count, int of) => of == 0 ? "–" : ((double)count / of).ToString("P0", System.Globalization.CultureInfo.InvariantCulture);

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif
}
