using CalcApi.Domain.Engine;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Numbers;
using CalcApi.Domain.Optimization;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Evaluation;

/// <summary>An optimisation run's reported loss and gradient norm keep contract section 5: right at the point reached, or withheld with a reason.</summary>
public class FinalFiguresTests
{
    private static OptimizationResult Run(string loss, Dictionary<string, Value> initial, Dictionary<string, Value>? constants = null,
        double learningRate = 0.01, int maxIterations = 1000)
    {
        var query = new OptimizationQuery(loss, null, constants, initial, new OptimizerSettings(LearningRate: learningRate), maxIterations);
        var result = Calculus.Optimize(query, EngineLimits.Default);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value;
    }

    [Fact]
    public void The_lectures_run_reports_its_own_last_loss_and_the_true_gradient_norm()
    {
        var constants = new Dictionary<string, Value> { ["a"] = Value.Vector([1, 2]), ["b"] = Value.Vector([3, 4, 5]), ["c"] = 2 };
        var result = Run("(a'*W*b - c)^2", new() { ["W"] = Value.FromRows([[0, 0, 0], [0, 0, 0]]) }, constants, learningRate: 0.001);
        // The gradient 2(a'Wb - c)·ab' has the norm 2|a'Wb - c|·‖a‖‖b‖, and a'Wb - c cancels to about 1e-10 at the end.
        var point = new Dictionary<string, Value>(constants) { ["W"] = result.Solution["W"] };
        var residual = PreciseMatrixEvaluator.Evaluate(ExactReference.Read("a'*W*b - c", point), point, 384).Value.Scalar.ToDouble();
        var norm = 2 * Math.Abs(residual) * Math.Sqrt(250);

        Assert.True(result.Withheld is null, string.Join("; ", result.Withheld?.Values ?? []));
        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(result.History[^1].Loss, result.Loss); // 5e-20, proved within 1e-14 as it was
        TestEngine.AssertClose(norm, result.GradientNorm, relative: 1e-12, absolute: 0);
        Assert.True(Math.Abs(result.History[^1].GradientNorm - norm) > 1e-9 * norm,
            $"the run's own gradient norm {result.History[^1].GradientNorm:R} was expected to be off in double precision (exact {norm:R})");
    }

    [Fact]
    public void A_final_loss_that_cancels_in_double_precision_is_reported_exactly()
    {
        // 1e10·(e^x − 1 − x) at x = 1e-6 is 5.0000017e-3; in double precision e^x − 1 − x keeps 3 digits. A step of
        // 1e-30 leaves x where it is, so the point reached is x = 1e-6.
        var result = Run("1e10*(exp(x) - 1 - x)", new() { ["x"] = 1e-6 }, learningRate: 1e-30, maxIterations: 1);
        var x = ((Value)result.Solution["x"]).Scalar;
        var loss = TestEngine.Read("1e10*(exp(x) - 1 - x)");
        var exact = PreciseEvaluator.Evaluate(loss, new Dictionary<string, double> { ["x"] = x }, 512).Value.ToDouble();
        var gradient = PreciseEvaluator.Evaluate(TestEngine.D("1e10*(exp(x) - 1 - x)", "x"), new Dictionary<string, double> { ["x"] = x }, 512).Value.ToDouble();
        Assert.True(Math.Abs(result.History[^1].Loss - exact) > 1e-6 * exact, $"the run's own loss {result.History[^1].Loss:R} was expected to be off ({exact:R})");

        Assert.Null(result.Withheld);
        TestEngine.AssertClose(exact, result.Loss, relative: 1e-12, absolute: 0);
        TestEngine.AssertClose(Math.Abs(gradient), result.GradientNorm, relative: 1e-12, absolute: 0);
    }

    [Fact]
    public void A_final_loss_that_cannot_be_promised_is_withheld_with_a_reason_and_the_run_still_answers()
    {
        // 1/sin(pi) is 8.2e15 in double precision and a pole in truth: the run is fine (its gradient 2x does not see it),
        // its loss has no value to promise.
        var result = Run("x^2 + 1/sin(pi)", new() { ["x"] = 3 }, learningRate: 0.1);

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.True(double.IsNaN(result.Loss));
        Assert.NotNull(result.Withheld);
        Assert.Contains("bits", result.Withheld["loss"], StringComparison.Ordinal);
        Assert.False(result.Withheld.ContainsKey("gradientNorm"));
        Assert.True(result.GradientNorm < 1e-8);
    }

    [Fact]
    public void A_matrix_losss_final_figures_are_checked_too()
    {
        // sum(W*a) at W·a = (1e16 + 1 − 1e16): the run's loss is 0 plus the quadratic; the true one is 1 more.
        var result = Run("sum(M*a) + norm(W)^2",
            new() { ["W"] = Value.FromRows([[1, 1], [1, 1]]) },
            new() { ["M"] = Value.FromRows([[1e16, 1, -1e16]]), ["a"] = Value.Vector([1, 1, 1]) },
            learningRate: 0.1);

        Assert.Null(result.Withheld);
        Assert.Equal(StopReason.Tolerance, result.StopReason);
        var solution = ((Value)result.Solution["W"]).Matrix!;
        var exact = 1 + solution.FrobeniusNorm() * solution.FrobeniusNorm();
        Assert.NotEqual(exact, result.History[^1].Loss);
        TestEngine.AssertClose(exact, result.Loss, relative: 1e-12, absolute: 1e-14);
    }
}
