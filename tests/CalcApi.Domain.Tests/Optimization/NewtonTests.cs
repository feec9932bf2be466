using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Tests.Optimization;

/// <summary>Newton's method: the exact Hessian where the engine writes it down, differences of the exact gradient elsewhere, and honest fallbacks.</summary>
public class NewtonTests
{
    private static readonly OptimizerSettings Newton = new(OptimizerMethod.Newton);

    private static OptimizationResult Run(string loss, Dictionary<string, Value> initial, Dictionary<string, Value>? constants = null, double tolerance = 1e-10, EngineLimits? limits = null) =>
        Calculus.Optimize(new OptimizationQuery(loss, null, constants, initial, Newton, 1000, tolerance), limits ?? EngineLimits.Default).Value;

    private static bool Says(OptimizationResult result, string words) => result.Diagnostics!.Notes.Any(n => n.Contains(words, StringComparison.Ordinal));

    [Fact]
    public void A_convex_quadratic_in_scalars_is_solved_in_one_iteration_with_the_exact_hessian()
    {
        // ∇f = (6x + 2y − 4, 2x + 2y + 1) = 0 at x = 5/4, y = −7/4.
        var result = Run("3*x^2 + 2*x*y + y^2 - 4*x + y", new() { ["x"] = 5.0, ["y"] = -3.0 });

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1, result.Iterations);
        Assert.Equal(1.25, result.Solution["x"].Scalar, 1e-12);
        Assert.Equal(-1.75, result.Solution["y"].Scalar, 1e-12);
        Assert.True(Says(result, "the second partials"));
        Assert.True(Says(result, "Every step was a full Newton step"));
        Assert.True(Says(result, "Newton's first full step lands on the minimiser"));
    }

    [Fact]
    public void A_convex_quadratic_in_a_vector_uses_the_closed_form_and_takes_one_iteration()
    {
        var constants = new Dictionary<string, Value>
        {
            ["M"] = Value.FromRows([[4, 1, 0], [1, 3, 1], [0, 1, 2]]),
            ["a"] = Value.Vector([1.0, -2.0, 0.5]),
        };
        var result = Run("x'*M*x + a'*x", new() { ["x"] = Value.Vector([10.0, -7.0, 3.0]) }, constants);

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1, result.Iterations);
        var expected = (2 * constants["M"].Matrix!).Solve(constants["a"].Matrix!.Column(0) * -1);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], result.Solution["x"].Matrix![i, 0], 1e-12);
        }

        Assert.True(Says(result, "the closed form M + M'") || Says(result, "the closed form M' + M"), string.Join(" | ", result.Diagnostics!.Notes));
    }

    [Fact]
    public void A_matrix_variable_s_hessian_comes_from_differences_of_the_exact_gradient_and_one_step_still_suffices()
    {
        var constants = new Dictionary<string, Value> { ["B"] = Value.FromRows([[1, 2, 3], [4, 5, 6]]) };
        var result = Run("tr((W - B)'*(W - B)) + sum(W)", new() { ["W"] = Value.FromRows([[0, 0, 0], [0, 0, 0]]) }, constants);

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1, result.Iterations);
        // ∇ = 2(W − B) + 1 = 0: W = B − 1/2.
        Assert.Equal(0.5, result.Solution["W"].Matrix![0, 0], 1e-10);
        Assert.Equal(5.5, result.Solution["W"].Matrix![1, 2], 1e-10);
        Assert.True(Says(result, "central differences of the exact gradient (12 gradient evaluations per iteration)"));
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-10)]
    public void Rosenbrock_from_the_classic_start_converges_in_under_30_iterations(double tolerance)
    {
        var result = Run("(1 - x)^2 + 100*(y - x^2)^2", new() { ["x"] = -1.2, ["y"] = 1.0 }, tolerance: tolerance);

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.InRange(result.Iterations, 2, 29);
        Assert.Equal(1.0, result.Solution["x"].Scalar, 1e-6);
        Assert.Equal(1.0, result.Solution["y"].Scalar, 1e-6);
        // Far from the minimum the full step overshoots: the Armijo search damps some steps.
        Assert.True(Says(result, "The Armijo search shortened"), string.Join(" | ", result.Diagnostics!.Notes));
    }

    [Fact]
    public void A_singular_hessian_falls_back_and_says_so()
    {
        // The Hessian of (x + y − 1)² is [[2, 2], [2, 2]], singular everywhere; every point of x + y = 1 is a minimiser.
        var result = Run("(x + y - 1)^2", new() { ["x"] = 3.0, ["y"] = 4.0 });

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1.0, result.Solution["x"].Scalar + result.Solution["y"].Scalar, 1e-10);
        Assert.True(Says(result, "singular or nearly so at 1 of 1 step"), string.Join(" | ", result.Diagnostics!.Notes));
    }

    [Fact]
    public void An_indefinite_hessian_is_made_a_descent_direction_so_the_run_leaves_the_saddle_s_neighbourhood()
    {
        // At x = 0.1, ∂²f/∂x² = 12x² − 4 < 0: the pure Newton step heads for the local maximum at x = 0.
        var result = Run("x^4 - 2*x^2 + y^2", new() { ["x"] = 0.1, ["y"] = 1.0 });

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1.0, result.Solution["x"].Scalar, 1e-8);
        Assert.Equal(0.0, result.Solution["y"].Scalar, 1e-8);
        Assert.True(Says(result, "not positive definite"), string.Join(" | ", result.Diagnostics!.Notes));
        Assert.True(result.Loss < -0.999);
    }

    [Fact]
    public void A_full_step_that_leaves_the_domain_is_damped_back_into_it()
    {
        // From x = 10 the full step on x − ln x goes to x = −80, outside the domain; backtracking finds a point inside.
        var result = Run("x - log(x)", new() { ["x"] = 10.0 });

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1.0, result.Solution["x"].Scalar, 1e-9);
    }

    [Fact]
    public void A_hessian_past_maxMatrixEntries_is_refused_naming_the_limit_and_the_alternative()
    {
        var limits = EngineLimits.Default with { MaxMatrixEntries = 16 };
        var outcome = Calculus.Optimize(new OptimizationQuery("x'*x", null, null, new Dictionary<string, Value> { ["x"] = Value.Vector([1.0, 2, 3, 4, 5]) }, Newton, 100, 1e-8), limits);

        Assert.False(outcome.IsSuccess);
        Assert.Equal(ErrorKind.LimitExceeded, outcome.Error.Kind);
        Assert.Contains("maxMatrixEntries", outcome.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("5×5", outcome.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("lbfgs", outcome.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Logistic_regression_converges_quadratically_with_the_closed_form_hessian()
    {
        var constants = new Dictionary<string, Value>
        {
            ["X"] = Value.FromRows([[1, 0.5], [1, -1.5], [1, 2.0], [1, -0.3], [1, 1.1], [1, -2.2]]),
            ["y"] = Value.Vector([1.0, 0, 1, 1, 0, 0]),
        };
        var result = Run("sum(log(1 + exp(X*w))) - y'*X*w", new() { ["w"] = Value.Vector([0.0, 0.0]) }, constants);

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.InRange(result.Iterations, 2, 10);
        Assert.True(Says(result, "Newton's Hessian is exact: the closed form"), string.Join(" | ", result.Diagnostics!.Notes));
    }
}
