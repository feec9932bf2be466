using BenchmarkDotNet.Attributes;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Engine;

namespace CalcApi.Bench.Benchmarks;

/// <summary>
/// The full pipeline (parse, bind, d/dx, print) against the baseline of reading and printing the same
/// input, one pair per corpus case, so each result is a ratio: how many times the cost of echoing the
/// input it takes to differentiate it.
/// </summary>
public class DifferentiationBenchmarks
{
    private CorpusCase _case = null!;

    [ParamsSource(nameof(CaseIds))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> CaseIds => BenchmarkSelection.CaseIds;

    [GlobalSetup]
    public void Setup() => _case = CorpusFile.Get(Case);

    [Benchmark(Baseline = true, Description = "Echo: parse+bind+print input")]
    public string Echo() => EnginePipeline.Echo(_case);

    [Benchmark(Description = "Derive: parse+bind+d/dx+print")]
    public string Derive() => EnginePipeline.Differentiate(_case).Text;
}
