using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Evaluation;

public class EvaluatorTests
{
    [Theory]
    [InlineData("log(x)", -1, "needs a positive argument")]
    [InlineData("sqrt(x)", -4, "even root of a negative number")]
    [InlineData("1/x", 0, "divides by zero")]
    [InlineData("asin(x)", 2, "needs an argument in [-1, 1]")]
    [InlineData("log1p(x)", -1, "greater than -1")]
    [InlineData("x^x", -0.5, "negative base")]
    [InlineData("exp(x)", 1000, "overflows")]
    public void A_point_outside_the_domain_is_an_error_naming_the_sub_expression(string expression, double x, string message)
    {
        var result = Evaluator.Evaluate(TestEngine.Read(expression), new Dictionary<string, double> { ["x"] = x });
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.OutsideDomain, result.Error.Kind);
        Assert.Contains(message, result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_value_is_named()
    {
        var result = Evaluator.Evaluate(TestEngine.Read("x^n"), new Dictionary<string, double> { ["x"] = 2 });
        Assert.Equal(ErrorKind.InvalidArgument, result.Error!.Kind);
        Assert.Contains("'n'", result.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(-8)^(1/3)", -2)]
    [InlineData("x^(2/3)", 4)]
    [InlineData("sigmoid(800)", 1)]
    [InlineData("softplus(800)", 800)]
    [InlineData("softplus(-800)", 0)]
    [InlineData("log1p(1e-20)", 1e-20)]
    [InlineData("pi + e", Math.PI + Math.E)]
    public void Values_are_accurate_where_naive_formulas_are_not(string expression, double expected) =>
        TestEngine.AssertClose(expected, TestEngine.Eval(TestEngine.Read(expression), new Dictionary<string, double> { ["x"] = -8 }), 1e-12, 1e-300);
}
