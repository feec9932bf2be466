using BenchmarkDotNet.Attributes;
using CalcApi.Bench.Optimizer;
using CalcApi.Domain.Optimization;

namespace CalcApi.Bench.Benchmarks;

/// <summary>
/// Gradient descent on one loss, three ways, for the same number of iterations from the same start
/// (the problem's <see cref="OptimizerProblem.Iterations"/>): <see cref="Hand"/>, the hand-written loop
/// (the baseline); <see cref="Engine"/>, the engine's compiled program driven by <see cref="DescentRun"/>;
/// and <see cref="Execute"/>, <see cref="PreparedRun.Execute"/>, the whole run as the API does it.
/// Ratio is each over the hand-written loop, per problem.
/// </summary>
public class OptimizerBenchmarks
{
    private OptimizerProblem _problem = null!;
    private IDescent _hand = null!;
    private EngineDescent _engine = null!;
    private PreparedRun _prepared = null!;

    [ParamsSource(nameof(ProblemIds))]
    public string Problem { get; set; } = "";

    public static IEnumerable<string> ProblemIds => OptimizerSelection.Problems.Select(p => p.Id);

    /// <summary>Builds both sides and refuses to time them unless they compute the same descent.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = OptimizerProblem.Get(Problem);
        _hand = _problem.HandWritten();
        _engine = EngineDescent.Create(_problem);
        var check = OptimizerCheck.Run(_problem, _hand, _engine);
        if (!check.Passed)
        {
            throw new InvalidOperationException($"{Problem}: the engine and the hand-written loop disagree: {check.Describe()}");
        }
    }

    [Benchmark(Baseline = true)]
    public double Hand()
    {
        _hand.Reset();
        return _hand.Run(_problem.Iterations);
    }

    [Benchmark]
    public double Engine()
    {
        _engine.Reset();
        return _engine.Run(_problem.Iterations);
    }

    /// <summary>Parse, derive and compile again for every Execute, outside the timed region (the job runs one operation per iteration).</summary>
    [IterationSetup(Target = nameof(Execute))]
    public void PrepareExecute() => _prepared = EngineDescent.Prepare(_problem, _problem.Iterations);

    [Benchmark]
    public double Execute() => EngineDescent.Execute(_prepared, _problem).Loss;
}
