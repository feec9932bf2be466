using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Tests.Optimization;

/// <summary>A run whose iterate leaves the loss's domain stops there, answering with the last iterate where the loss was defined.</summary>
public class OutsideDomainTests
{
    private static OptimizationQuery XMinusLogX(double start, double learningRate) =>
        new("x - log(x)", null, null, new Dictionary<string, Value> { ["x"] = start }, new OptimizerSettings(OptimizerMethod.Gd, learningRate), 100, 1e-10);

    [Fact]
    public void A_step_to_a_negative_x_under_a_log_stops_with_outside_domain_at_the_last_defined_iterate()
    {
        // x₁ = 10 − 6(1 − 1/10) = 4.6; x₂ = 4.6 − 6(1 − 1/4.6) ≈ −0.096, where log is undefined.
        var result = Calculus.Optimize(XMinusLogX(10, 6), EngineLimits.Default).Value;

        Assert.Equal(StopReason.OutsideDomain, result.StopReason);
        Assert.False(result.Converged);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(4.6, result.Solution["x"].Scalar, 1e-12);
        Assert.Equal(4.6 - Math.Log(4.6), result.Loss, 1e-12);
        Assert.Equal(1, result.History[^1].Iteration);
        Assert.True(double.IsFinite(result.History[^1].Loss));
    }

    [Fact]
    public void A_run_that_grows_without_bound_inside_the_domain_still_diverges()
    {
        var query = new OptimizationQuery("x^2", null, null, new Dictionary<string, Value> { ["x"] = 1.0 }, new OptimizerSettings(OptimizerMethod.Gd, 1.5), 10_000, 1e-10);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.Equal(StopReason.Diverged, result.StopReason);
    }

    [Fact]
    public void A_step_that_overflows_to_infinity_has_diverged_rather_than_left_the_domain()
    {
        var query = new OptimizationQuery("4*x", null, null, new Dictionary<string, Value> { ["x"] = -1.0 }, new OptimizerSettings(OptimizerMethod.Gd, 1e308), 100, 0);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.Equal(StopReason.Diverged, result.StopReason);
    }

    [Fact]
    public void A_loss_undefined_at_the_initial_point_is_refused()
    {
        var result = Calculus.Optimize(XMinusLogX(-1, 0.1), EngineLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.OutsideDomain, result.Error.Kind);
    }
}
