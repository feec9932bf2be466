using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>Issue 10 through the engine's front door: a scalar derivative in lowest terms, with the domain of the input kept.</summary>
public class CancelledDerivativeTests
{
    [Theory]
    [InlineData("(x^2 - 1)/(x - 1)", "1", "x - 1 != 0")]
    [InlineData("log((1 + x)/(1 - x))/2", "1/(1 - x^2)", "1 - x != 0; (x + 1)/(1 - x) > 0")]
    [InlineData("(x + 1)/(x - 1)", "-2/(x - 1)^2", "x - 1 != 0")]
    [InlineData("x/(x^2 + 1)", "(1 - x^2)/(x^2 + 1)^2", "")]
    [InlineData("atan(x) + atan(1/x)", "0", "x != 0")]
    [InlineData("exp(x)/x^2", "(x - 2)*exp(x)/x^3", "x != 0")]
    [InlineData("x^3/sqrt(x^2 + 1)", "x^2*(2*x^2 + 3)/(x^2 + 1)^(3/2)", "")]
    [InlineData("x - log(1 + x)", "x/(x + 1)", "x + 1 > 0")]
    public void The_derivative_is_in_lowest_terms_and_its_conditions_keep_the_input_s_domain(string f, string derivative, string conditions)
    {
        var answer = Calculus.Differentiate(new DerivativeQuery(f, "x"), EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        Assert.Equal(derivative, answer.Value.Derivative.Text);
        Assert.Equal(conditions, string.Join("; ", answer.Value.Conditions.Select(c => c.Text)));
    }

    [Theory]
    [InlineData(4, "(12*x^2 - 3)/(x^2 + 1)^(7/2)")]
    [InlineData(6, "(360*x^4 - 540*x^2 + 45)/(x^2 + 1)^(11/2)")]
    public void A_high_derivative_of_a_root_is_one_power_of_the_root_under_a_polynomial(int order, string expected)
    {
        // The root's square is its radicand: without that, (18*x^2*(x^2 + 1) - 15*x^4 - 3*(x^2 + 1)^2)/(x^2 + 1)^(7/2).
        var answer = Calculus.Differentiate(new DerivativeQuery("sqrt(1 + x^2)", "x", order, new Dictionary<string, Value> { ["x"] = 0.7 }), EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        Assert.Equal(expected, answer.Value.Derivative.Text);
        var printed = ExactValues.Scalar(CalcApi.Domain.Tests.Support.TestEngine.Read(expected), new Dictionary<string, Value> { ["x"] = 0.7 });
        Assert.True(printed.IsSuccess, printed.Error?.Detail);
        Assert.Equal(answer.Value.Value!.Value, printed.Value, 12);
    }

    [Fact]
    public void A_derivation_ends_with_the_cancelled_answer()
    {
        var answer = Calculus.Differentiate(new DerivativeQuery("(x^2 - 1)/(x - 1)", "x") { Steps = CalcApi.Domain.Steps.StepDetail.Full }, EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        var last = answer.Value.Steps![^1];
        Assert.Equal("simplify", last.Rule);
        Assert.Equal("1", last.Expression.Text);
        Assert.NotEqual("1", answer.Value.Steps[^2].Expression.Text);
    }

    [Fact]
    public void At_a_point_the_cancelled_factor_excluded_the_answer_is_still_a_refusal()
    {
        var answer = Calculus.Differentiate(new DerivativeQuery("(x^2 - 1)/(x - 1)", "x", At: new Dictionary<string, Value> { ["x"] = 1.0 }), EngineLimits.Default);
        Assert.False(answer.IsSuccess);
        Assert.Equal(ErrorKind.OutsideDomain, answer.Error.Kind);

        var near = Calculus.Differentiate(new DerivativeQuery("(x^2 - 1)/(x - 1)", "x", At: new Dictionary<string, Value> { ["x"] = 1.5 }), EngineLimits.Default);
        Assert.True(near.IsSuccess, near.Error?.Detail);
        Assert.Equal(1.0, near.Value.Value!.Value, 12);
    }
}
