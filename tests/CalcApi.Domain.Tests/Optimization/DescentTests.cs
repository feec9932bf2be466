using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Tests.Optimization;

/// <summary>Descent runs: convergence, stop rules, the history budget, and no allocation per iteration.</summary>
public class DescentTests
{
    private static readonly Dictionary<string, Value> QuadraticConstants = new()
    {
        ["M"] = Value.FromRows([[3, 0.5], [0.5, 2]]),
        ["a"] = Value.Vector([1.0, -2.0]),
    };

    private static OptimizationQuery Quadratic(OptimizerSettings settings, int maxIterations = 20_000, int historyPoints = 200) =>
        new("x'*M*x + a'*x", null, QuadraticConstants, new Dictionary<string, Value> { ["x"] = Value.Vector([0.0, 0.0]) },
            settings, maxIterations, 1e-10, historyPoints);

    [Theory]
    [InlineData(OptimizerMethod.Gd, 0.1, LineSearch.None)]
    [InlineData(OptimizerMethod.Momentum, 0.05, LineSearch.None)]
    [InlineData(OptimizerMethod.Nesterov, 0.05, LineSearch.None)]
    [InlineData(OptimizerMethod.Adam, 0.05, LineSearch.None)]
    [InlineData(OptimizerMethod.Gd, 1.0, LineSearch.Armijo)]
    [InlineData(OptimizerMethod.Adam, 0.5, LineSearch.Armijo)]
    public void Each_method_finds_the_minimiser_of_a_convex_quadratic(OptimizerMethod method, double learningRate, LineSearch lineSearch)
    {
        var result = Calculus.Optimize(Quadratic(new OptimizerSettings(method, learningRate, LineSearch: lineSearch)), EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        var x = result.Solution["x"].Matrix!;
        Assert.Equal(-0.2608695652173913, x[0, 0], 1e-9);
        Assert.Equal(0.5652173913043478, x[1, 0], 1e-9);
    }

    [Fact]
    public void Rosenbrock_is_solved_by_adam()
    {
        var query = new OptimizationQuery("(1 - x)^2 + 100*(y - x^2)^2", null, null,
            new Dictionary<string, Value> { ["x"] = -1.2, ["y"] = 1.0 }, new OptimizerSettings(OptimizerMethod.Adam, 0.02), 50_000, 1e-6);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1.0, result.Solution["x"].Scalar, 1e-4);
        Assert.Equal(1.0, result.Solution["y"].Scalar, 1e-4);
        Assert.Equal(["x", "y"], result.PathAxes);
    }

    [Fact]
    public void A_long_run_keeps_a_history_within_its_budget_with_first_and_last()
    {
        var result = Calculus.Optimize(Quadratic(new OptimizerSettings(OptimizerMethod.Gd, 0.0005), maxIterations: 10_000, historyPoints: 50), EngineLimits.Default).Value;

        Assert.InRange(result.History.Count, 25, 51);
        Assert.Equal(0, result.History[0].Iteration);
        Assert.Equal(result.Iterations, result.History[^1].Iteration);
        Assert.Equal(result.History.Select(h => h.Iteration).Order(), result.History.Select(h => h.Iteration));
    }

    [Fact]
    public void An_iteration_allocates_nothing()
    {
        long Allocated(int iterations)
        {
            var prepared = Calculus.PrepareOptimization(
                Quadratic(new OptimizerSettings(OptimizerMethod.Adam, 1e-6), maxIterations: iterations), EngineLimits.Default).Value;
            var program = typeof(PreparedRun).GetField("_program", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(prepared);
            var run = new DescentRun((CalcApi.Domain.Compilation.CompiledProgram)program!, ["x"], new OptimizerSettings(OptimizerMethod.Adam, 1e-6));
            var before = GC.GetAllocatedBytesForCurrentThread();
            run.Run(iterations, 0, TimeSpan.FromMinutes(1), CancellationToken.None, _ => false, _ => { });
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // Both runs pass the point where the program unrolls itself into straight-line code (a one-off compilation,
        // as preparing is, whose own allocation varies by a few dozen bytes from one compilation to the next), so
        // what they allocate differs by what 200,000 more iterations allocate: under 0.001 bytes an iteration.
        var unrolling = CalcApi.Domain.Compilation.CompiledProgram.UnrollAfterRuns + 10;
        Allocated(unrolling);
        var difference = Allocated(unrolling + 200_000) - Allocated(unrolling);
        Assert.InRange(difference, -200, 200);
    }

    [Fact]
    public void A_run_whose_client_went_away_stops_with_time_limit()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var prepared = Calculus.PrepareOptimization(Quadratic(new OptimizerSettings(OptimizerMethod.Gd, 1e-9)), EngineLimits.Default).Value;

        var result = prepared.Execute(cancelled.Token);

        Assert.Equal(StopReason.TimeLimit, result.StopReason);
    }

    [Fact]
    public void The_history_sampler_doubles_its_stride_when_full()
    {
        var sampler = new HistorySampler(4);
        for (var i = 0; i <= 20; i++)
        {
            if (sampler.Wants(i))
            {
                sampler.Add(new IterationRecord(i, i, i, 0, null));
            }
        }

        Assert.True(sampler.Points.Count <= 4);
        Assert.Equal(0, sampler.Points[0].Iteration);
        Assert.All(sampler.Points, p => Assert.Equal(0, p.Iteration % sampler.Stride));
    }
}
