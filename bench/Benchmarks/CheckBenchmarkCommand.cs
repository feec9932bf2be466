using BenchmarkDotNet.Running;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Timing;

namespace CalcApi.Bench.Benchmarks;

/// <summary>The textbook cases <see cref="CheckBenchmarks"/> runs: a few by default, or those the filter selects.</summary>
public static class CheckBenchmarkSelection
{
    /// <summary>One of each kind of rule: a polynomial, a chain, a quotient, a removable singularity, a variable power.</summary>
    public static IReadOnlyList<string> Default { get; } = ["tb-polynomial-02", "tb-chain-04", "tb-quotient-02", "tb-trig-07", "tb-power-01"];

    public static CaseFilter Filter { get; set; } = CaseFilter.Everything;

    public static IEnumerable<string> CaseIds => Filter.IsEverything
        ? Default
        : Filter.Select(CorpusFile.All).Where(c => c.Group == CorpusCase.TextbookGroup).Select(c => c.Id);
}

/// <summary>
/// <c>dotnet run -c Release --project bench -- check [FILTER] [BenchmarkDotNet options]</c>: <see cref="CheckBenchmarks"/>
/// with the short job over a few textbook cases, or the textbook cases the filter selects.
/// </summary>
public static class CheckBenchmarkCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var (filter, rest) = CaseFilter.Parse(args);
        CheckBenchmarkSelection.Filter = filter;
        if (!CheckBenchmarkSelection.CaseIds.Any())
        {
            Console.Error.WriteLine($"No textbook case matches {filter}.");
            return 2;
        }

        JitWarmUp.Run(CorpusFile.All);
        var artifacts = Path.Combine(BenchDirectory.Locate(), "BenchmarkDotNet.Artifacts");
        var summary = BenchmarkRunner.Run<CheckBenchmarks>(ShortRunConfig.Create(artifacts), [.. rest]);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }
}
