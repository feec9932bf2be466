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

    [Theory]
    [InlineData(OptimizerMethod.Adam)]
    [InlineData(OptimizerMethod.Gd)]
    public void An_iteration_allocates_nothing(OptimizerMethod method)
    {
        var prepared = Calculus.PrepareOptimization(
            Quadratic(new OptimizerSettings(method, 1e-6), maxIterations: 10), EngineLimits.Default).Value;
        var program = (CalcApi.Domain.Compilation.CompiledProgram)typeof(PreparedRun).GetField("_program", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(prepared)!;
        var run = new DescentRun(program, ["x"], new OptimizerSettings(method, 1e-6));
        long Allocated(int iterations)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run.Run(iterations, 0, TimeSpan.FromMinutes(1), CancellationToken.None, _ => false, _ => { });
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // First past the point where the program (or gd's whole step) is compiled into straight-line code (a one-off compilation, as
        // preparing is), then two runs on the same program: what a run allocates once (its clock) cancels, and what is
        // left is what 200,000 more iterations allocate.
        Allocated(CalcApi.Domain.Compilation.CompiledProgram.UnrollAfterRuns + 10);
        // gd's fixed step fuses into one compiled method instead of unrolling the program alone.
        Assert.True(method == OptimizerMethod.Gd ? program.HasFusedDescent : program.IsUnrolled);
        // One long run first: the runtime recompiles the hot loop once it is long-running (on-stack replacement), which allocates once.
        Allocated(200_010);
        var difference = Allocated(200_010) - Allocated(10);
        Assert.InRange(difference, -8, 8);
    }

    [Fact]
    public void Past_the_unrolling_a_fused_gd_step_follows_the_same_path_as_a_plain_loop_and_stops_at_the_same_iteration()
    {
        // η = 2e-4 on x'Mx + a'x: about 40,000 steps to 1e-10, so the run crosses the point where its step is fused into one compiled method.
        const double eta = 2e-4;
        var result = Calculus.Optimize(Quadratic(new OptimizerSettings(OptimizerMethod.Gd, eta), maxIterations: 100_000), EngineLimits.Default).Value;

        var m = QuadraticConstants["M"].Matrix!;
        var a = QuadraticConstants["a"].Matrix!.Column(0);
        double x0 = 0, x1 = 0;
        var iterations = 0;
        for (; ; iterations++)
        {
            // ∇ = (M + M')x + a
            var g0 = (2 * m[0, 0] * x0) + ((m[0, 1] + m[1, 0]) * x1) + a[0];
            var g1 = ((m[0, 1] + m[1, 0]) * x0) + (2 * m[1, 1] * x1) + a[1];
            if (Math.Sqrt((g0 * g0) + (g1 * g1)) < 1e-10)
            {
                break;
            }

            (x0, x1) = (x0 - (eta * g0), x1 - (eta * g1));
        }

        Assert.InRange(iterations, CalcApi.Domain.Compilation.CompiledProgram.UnrollAfterRuns + 1000, 100_000);
        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.InRange(result.Iterations, iterations - 1, iterations + 1);
        var x = result.Solution["x"].Matrix!;
        Assert.Equal(x0, x[0, 0], 1e-12);
        Assert.Equal(x1, x[1, 0], 1e-12);
        Assert.True(result.GradientNorm < 1e-10);
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
