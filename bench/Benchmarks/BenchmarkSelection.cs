using CalcApi.Bench.Corpus;

namespace CalcApi.Bench.Benchmarks;

/// <summary>
/// The cases the benchmark class is parameterised over. Set from the command line before
/// BenchmarkDotNet starts; the in-process toolchain reads it in the same process.
/// </summary>
public static class BenchmarkSelection
{
    public static CaseFilter Filter { get; set; } = CaseFilter.Everything;

    public static IEnumerable<string> CaseIds => Filter.Select(CorpusFile.All).Select(c => c.Id);
}
