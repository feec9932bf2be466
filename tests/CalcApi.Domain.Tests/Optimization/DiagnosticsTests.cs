using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Tests.Optimization;

/// <summary>The curvature at the initial point: exact on quadratics, and its 2/L predicts whether fixed-step gradient descent diverges.</summary>
public class DiagnosticsTests
{
    /// <summary>The playground's quadratic presets: the loss, its constants and its start.</summary>
    public static TheoryData<string, string> QuadraticPresets => new()
    {
        { "quadratic", "x'*M*x + a'*x" },
        { "leastsquares", "norm(A*w - b)^2" },
        { "lecture", "(a'*W*b - c)^2" },
    };

    private static OptimizationQuery Preset(string name, OptimizerSettings settings) => name switch
    {
        "quadratic" => new("x'*M*x + a'*x", null,
            new Dictionary<string, Value> { ["M"] = Value.FromRows([[3, 0.5], [0.5, 2]]), ["a"] = Value.Vector([1.0, -2.0]) },
            new Dictionary<string, Value> { ["x"] = Value.Vector([0.0, 0.0]) }, settings, 50_000, 1e-8),
        "leastsquares" => new("norm(A*w - b)^2", null,
            new Dictionary<string, Value>
            {
                ["A"] = Value.FromRows([[1, 0.5], [1, 1.5], [1, 2.5], [1, 3.5], [1, 4.5]]),
                ["b"] = Value.Vector([1.1, 1.9, 3.2, 3.9, 5.1]),
            },
            new Dictionary<string, Value> { ["w"] = Value.Vector([0.0, 0.0]) }, settings, 50_000, 1e-8),
        _ => new("(a'*W*b - c)^2", null,
            new Dictionary<string, Value> { ["a"] = Value.Vector([1.0, 2.0]), ["b"] = Value.Vector([3.0, -1.0, 0.5]), ["c"] = 1.5 },
            new Dictionary<string, Value> { ["W"] = Value.FromRows([[0, 0, 0], [0, 0, 0]]) }, settings, 50_000, 1e-8),
    };

    private static RunDiagnostics Diagnostics(string preset, double learningRate = 0.01) =>
        Calculus.Optimize(Preset(preset, new OptimizerSettings(OptimizerMethod.Gd, learningRate)), EngineLimits.Default).Value.Diagnostics!;

    [Theory]
    [MemberData(nameof(QuadraticPresets))]
    public void Just_above_2_over_L_gd_diverges_and_just_below_it_converges_as_the_diagnostics_say(string preset, string loss)
    {
        var bound = Diagnostics(preset).StableStepBound!.Value;

        var above = Calculus.Optimize(Preset(preset, new OptimizerSettings(OptimizerMethod.Gd, 1.02 * bound)), EngineLimits.Default).Value;
        var below = Calculus.Optimize(Preset(preset, new OptimizerSettings(OptimizerMethod.Gd, 0.98 * bound)), EngineLimits.Default).Value;

        Assert.Contains(above.Diagnostics!.Notes, n => n.Contains("is above 2/L", StringComparison.Ordinal) && n.Contains("diverge", StringComparison.Ordinal));
        Assert.Equal(StopReason.Diverged, above.StopReason);
        Assert.Contains(below.Diagnostics!.Notes, n => n.Contains("is below 2/L", StringComparison.Ordinal));
        Assert.Equal(StopReason.Tolerance, below.StopReason);
        Assert.NotEmpty(loss);
    }

    [Fact]
    public void A_quadratic_s_figures_are_its_hessian_s_exact_eigenvalues()
    {
        // The Hessian of x'Mx + a'x is 2M; M = [[3, 0.5], [0.5, 2]] has eigenvalues 2.5 ± √0.5.
        var d = Diagnostics("quadratic");

        Assert.Equal(5 + Math.Sqrt(2), d.Lipschitz!.Value, 1e-9);
        Assert.Equal(5 - Math.Sqrt(2), d.StrongConvexity!.Value, 1e-9);
        Assert.Equal((5 + Math.Sqrt(2)) / (5 - Math.Sqrt(2)), d.ConditionNumber!.Value, 1e-9);
        Assert.Equal(2 / (5 + Math.Sqrt(2)), d.StableStepBound!.Value, 1e-12);
        Assert.False(d.Estimated);
    }

    [Fact]
    public void A_rank_one_quadratic_is_flat_along_some_direction_and_has_no_condition_number()
    {
        // (a'Wb - c)^2 has Hessian 2 vec(ab') vec(ab')': L = 2‖a‖²‖b‖², every other eigenvalue 0.
        var d = Diagnostics("lecture");

        Assert.Equal(2 * 5 * 10.25, d.Lipschitz!.Value, 1e-8);
        Assert.Null(d.ConditionNumber);
        Assert.Contains(d.Notes, n => n.StartsWith("μ = 0", StringComparison.Ordinal));
    }

    [Fact]
    public void A_saddle_is_not_convex_and_says_so()
    {
        var query = new OptimizationQuery("x^2 - y^2 + x*y", null, null, new Dictionary<string, Value> { ["x"] = 1.0, ["y"] = 1.0 },
            new OptimizerSettings(OptimizerMethod.Gd, 0.1), 10, 1e-8);

        var d = Calculus.Optimize(query, EngineLimits.Default).Value.Diagnostics!;

        // Hessian [[2, 1], [1, -2]]: eigenvalues ±√5.
        Assert.Equal(-Math.Sqrt(5), d.StrongConvexity!.Value, 1e-8);
        Assert.Null(d.ConditionNumber);
        Assert.Contains(d.Notes, n => n.StartsWith("Not convex here", StringComparison.Ordinal));
    }

    [Fact]
    public void An_ill_conditioned_quadratic_suggests_another_method()
    {
        var query = new OptimizationQuery("x^2 + 10000*y^2", null, null, new Dictionary<string, Value> { ["x"] = 1.0, ["y"] = 1.0 },
            new OptimizerSettings(OptimizerMethod.Gd, 1e-5), 10, 1e-8);

        var d = Calculus.Optimize(query, EngineLimits.Default).Value.Diagnostics!;

        Assert.Equal(1e4, d.ConditionNumber!.Value, 1e-4);
        Assert.Contains(d.Notes, n => n.StartsWith("κ = 1e4", StringComparison.Ordinal) && n.Contains("lbfgs", StringComparison.Ordinal));
    }

    [Fact]
    public void Beyond_max_matrix_entries_the_figures_are_estimated_by_power_iteration()
    {
        // 40 unknowns: the 40×40 Hessian (1,600 entries) exceeds a limit of 1,000, so power iteration estimates L = 2·40 and μ = 2·1.
        var d = Enumerable.Range(1, 40).Select(i => (double)i).ToArray();
        var query = new OptimizationQuery("x'*diag(d)*x", null, new Dictionary<string, Value> { ["d"] = Value.Vector(d) },
            new Dictionary<string, Value> { ["x"] = Value.Vector(Enumerable.Repeat(1.0, 40).ToArray()) },
            new OptimizerSettings(OptimizerMethod.Gd, 0.01), 10, 1e-8);

        var diagnostics = Calculus.Optimize(query, EngineLimits.Default with { MaxMatrixEntries = 1000 }).Value.Diagnostics!;

        Assert.True(diagnostics.Estimated);
        Assert.Equal(80, diagnostics.Lipschitz!.Value, 80 * 0.02);
        Assert.Equal(2, diagnostics.StrongConvexity!.Value, 2 * 0.1);
        Assert.Contains(diagnostics.Notes, n => n.Contains("power iteration", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("quadratic", 0.05)]
    [InlineData("quadratic", 0.2)]
    [InlineData("leastsquares", 0.005)]
    [InlineData("quadratic", 0.3)]
    public void On_a_quadratic_the_predicted_rate_of_fixed_step_gd_is_the_observed_one(string preset, double learningRate)
    {
        var result = Calculus.Optimize(Preset(preset, new OptimizerSettings(OptimizerMethod.Gd, learningRate)), EngineLimits.Default).Value;
        var d = result.Diagnostics!;

        // max(|1 − ηL|, |1 − ημ|), from the exact eigenvalues.
        var expected = Math.Max(Math.Abs(1 - (learningRate * d.Lipschitz!.Value)), Math.Abs(1 - (learningRate * d.StrongConvexity!.Value)));
        Assert.Equal(expected, d.PredictedRate!.Value, 1e-9);
        Assert.NotNull(d.ObservedRate);
        Assert.Equal(d.PredictedRate.Value, d.ObservedRate!.Value, 2e-3);
        Assert.Contains(d.Notes, n => n.StartsWith("Observed:", StringComparison.Ordinal));
        Assert.Equal(expected < 1 ? StopReason.Tolerance : StopReason.Diverged, result.StopReason);
    }

    [Fact]
    public void On_a_quadratic_the_predicted_rate_of_momentum_is_the_heavy_ball_s_and_the_run_shows_it()
    {
        var settings = new OptimizerSettings(OptimizerMethod.Momentum, 0.02, Momentum: 0.5);
        var result = Calculus.Optimize(Preset("leastsquares", settings), EngineLimits.Default).Value;
        var d = result.Diagnostics!;

        Assert.NotNull(d.PredictedRate);
        Assert.InRange(d.PredictedRate!.Value, 0, 0.999);
        Assert.Equal(d.PredictedRate.Value, d.ObservedRate!.Value, 0.02);
    }

    [Theory]
    [InlineData("(1 - x)^2 + 100*(y - x^2)^2", OptimizerMethod.Gd)]
    [InlineData("x^2 + y^2", OptimizerMethod.Adam)]
    [InlineData("x^2 + y^2", OptimizerMethod.Lbfgs)]
    public void No_rate_is_predicted_where_the_loss_is_not_quadratic_or_the_method_has_no_fixed_contraction(string loss, OptimizerMethod method)
    {
        var query = new OptimizationQuery(loss, null, null, new Dictionary<string, Value> { ["x"] = -1.2, ["y"] = 1.0 }, new OptimizerSettings(method, 0.001), 100, 1e-8);

        var d = Calculus.Optimize(query, EngineLimits.Default).Value.Diagnostics!;

        Assert.Null(d.PredictedRate);
        Assert.Null(d.ObservedRate);
    }
}
