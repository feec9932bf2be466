using BenchmarkDotNet.Running;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Timing;

namespace CalcApi.Bench.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench -- [--group G] [--family F] [--case ID] [BenchmarkDotNet options]</c>:
/// the corpus filters choose the cases; every other option goes to BenchmarkDotNet.
/// </summary>
public static class BenchmarkCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var (filter, rest) = CaseFilter.Parse(args);
        BenchmarkSelection.Filter = filter;
        if (!BenchmarkSelection.CaseIds.Any())
        {
            Console.Error.WriteLine($"No corpus case matches {filter}.");
            return 2;
        }

        // In process, the benchmarks share this process's JIT: without this, whichever case runs first
        // is measured partly on unoptimised code (its pilot and warm-up stages are short).
        JitWarmUp.Run(CorpusFile.All);
        var artifacts = Path.Combine(BenchDirectory.Locate(), "BenchmarkDotNet.Artifacts");
        var summary = BenchmarkRunner.Run<DifferentiationBenchmarks>(ShortRunConfig.Create(artifacts), [.. rest]);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }
}
