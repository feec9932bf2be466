namespace CalcApi.Bench.Optimizer;

/// <summary>
/// The problems <c>OptimizerBenchmarks</c> is parameterised over. Set from the command line before
/// BenchmarkDotNet starts; the in-process toolchain reads it in the same process.
/// </summary>
public static class OptimizerSelection
{
    public static IReadOnlyList<OptimizerProblem> Problems { get; set; } = OptimizerProblem.All;
}
