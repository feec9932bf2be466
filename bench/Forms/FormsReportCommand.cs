namespace CalcApi.Bench.Forms;

/// <summary>
/// <c>dotnet run -c Release --project bench -- forms</c>: the size of the engine's printed derivatives against SymPy's
/// <c>simplify</c> (issue 10), in operations, over the scalar corpus and the high-order cases. Prints the report and
/// writes it to <c>bench/results/forms.md</c>. A benchmark, not a test: it exits with 0 whatever the figures, and with
/// 1 only when the engine refuses a case.
/// </summary>
public static class FormsReportCommand
{
    public const string ResultsFile = "results/forms.md";

    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count > 0)
        {
            throw new ArgumentException($"forms takes no options, not '{args[0]}'.");
        }

        var results = FormsData.Load().Select(p => FormsComparison.Measure(p.Case, p.Sympy)).ToList();
        var markdown = FormsReportWriter.Write(results);
        Console.Write(markdown);
        var path = Path.Combine(BenchDirectory.Locate(), ResultsFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, markdown);
        Console.Error.WriteLine($"Written to {path}");
        return results.Any(r => r.Error is not null) ? 1 : 0;
    }
}
