using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>Each rule by form, and every derivative also against central finite differences.</summary>
public class DifferentiationRuleTests
{
    [Theory]
    // the lecture's results, as the lecture writes them
    [InlineData("x^2", "x", "2*x")]
    [InlineData("x^n", "x", "n*x^(n - 1)")]
    [InlineData("x^7", "x", "7*x^6")]
    [InlineData("a*sin(x) + b*exp(x)", "x", "a*cos(x) + b*exp(x)")]
    [InlineData("exp(cos(x^2))", "x", "-2*x*sin(x^2)*exp(cos(x^2))")]
    [InlineData("e^(cos(x^2))", "x", "-2*x*sin(x^2)*e^(cos(x^2))")]
    [InlineData("e^x", "x", "e^x")]
    [InlineData("exp(c*x)", "x", "c*exp(c*x)")]
    [InlineData("exp(x^3 + 2*x)", "x", "(3*x^2 + 2)*exp(x^3 + 2*x)")]
    [InlineData("a^x", "x", "ln(a)*a^x")]
    [InlineData("ln(y)", "y", "1/y")]
    [InlineData("log(y)", "y", "1/y")]
    [InlineData("asin(y)", "y", "1/sqrt(1 - y^2)")]
    [InlineData("sqrt(y)", "y", "1/(2*sqrt(y))")]
    // rules one by one
    [InlineData("x^3", "x", "3*x^2")]
    [InlineData("5", "x", "0")]
    [InlineData("y", "x", "0")]
    [InlineData("x", "x", "1")]
    [InlineData("x^-2", "x", "-2/x^3")]
    [InlineData("1/x", "x", "-1/x^2")]
    [InlineData("x^(1/3)", "x", "1/(3*x^(2/3))")]
    [InlineData("sin(x)", "x", "cos(x)")]
    [InlineData("cos(x)", "x", "-sin(x)")]
    [InlineData("tan(x)", "x", "1/cos(x)^2")]
    [InlineData("sinh(x)", "x", "cosh(x)")]
    [InlineData("cosh(x)", "x", "sinh(x)")]
    [InlineData("tanh(x)", "x", "1 - tanh(x)^2")]
    [InlineData("acos(x)", "x", "-1/sqrt(1 - x^2)")]
    [InlineData("atan(x)", "x", "1/(x^2 + 1)")]
    [InlineData("abs(x)", "x", "x/abs(x)")]
    [InlineData("sigmoid(x)", "x", "(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("softplus(x)", "x", "sigmoid(x)")]
    [InlineData("log1p(x)", "x", "1/(x + 1)")]
    [InlineData("x^x", "x", "(ln(x) + 1)*x^x")]
    [InlineData("2^x", "x", "ln(2)*2^x")]
    [InlineData("x*sin(x)", "x", "x*cos(x) + sin(x)")]
    [InlineData("sin(x)^2 + cos(x)^2", "x", "0")]
    [InlineData("cosh(x)^2 - sinh(x)^2", "x", "0")]
    [InlineData("pi^2 + e", "x", "0")]
    [InlineData("2x + 3x", "x", "5")]
    [InlineData("-x^2", "x", "-2*x")]
    [InlineData("(x+1)(x-1)", "x", "2*x")]
    public void A_first_derivative_comes_out_in_the_form_a_teacher_writes(string expression, string variable, string expected)
    {
        var derivative = TestEngine.D(expression, variable);
        Assert.Equal(expected, derivative.ToString());
        Assert.Equal(TestEngine.Read(expected), derivative);
    }

    [Theory]
    [InlineData("x^2*sin(x)", 1.2)]
    [InlineData("exp(x)*ln(x)", 1.5)]
    [InlineData("exp(cos(x^2))", 0.5)]
    [InlineData("x^x^x", 1.3)]
    [InlineData("(1 + 1/x)^x", 2.0)]
    [InlineData("sin(cos(tan(x)))", 0.3)]
    [InlineData("sqrt(sin(x))", 0.8)]
    [InlineData("x^(1/3)", -2.0)]
    [InlineData("abs(x^3 - 2)", 0.7)]
    [InlineData("log1p(x^2)/softplus(x)", 0.4)]
    public void A_derivative_matches_central_differences(string expression, double x)
    {
        var f = TestEngine.Read(expression);
        var point = new Dictionary<string, double> { ["x"] = x };
        var reference = TestEngine.CentralDifference(f, "x", point);
        Assert.NotNull(reference);
        TestEngine.AssertClose(reference.Value, TestEngine.Eval(TestEngine.D(expression, "x"), point), relative: 1e-6);
    }

    [Theory]
    [InlineData("exp(cos(x^2))", 2, 0.5, -3.695726182178471)]
    [InlineData("x^5", 3, 2.0, 240.0)]
    [InlineData("sin(x)", 4, 0.7, 0.644217687237691)]
    [InlineData("x^3", 4, 1.0, 0.0)]
    public void Higher_orders_repeat_the_rules(string expression, int order, double x, double expected)
    {
        var derivative = TestEngine.D(expression, "x", order);
        TestEngine.AssertClose(expected, TestEngine.Eval(derivative, new Dictionary<string, double> { ["x"] = x }));
    }

    [Fact]
    public void The_second_derivative_is_the_derivative_of_the_first_by_finite_differences()
    {
        var first = TestEngine.D("exp(cos(x^2))", "x");
        var second = TestEngine.D("exp(cos(x^2))", "x", 2);
        var point = new Dictionary<string, double> { ["x"] = 0.9 };
        TestEngine.AssertClose(TestEngine.CentralDifference(first, "x", point)!.Value, TestEngine.Eval(second, point));
    }

    [Fact]
    public void A_partial_derivative_holds_other_names_constant()
    {
        Assert.Equal("2*x*y", TestEngine.D("x^2*y + sin(y)", "x").ToString());
        Assert.Equal("x^2 + cos(y)", TestEngine.D("x^2*y + sin(y)", "y").ToString());
    }

    [Fact]
    public void Euler_e_declared_as_a_variable_is_differentiated_like_any_name()
    {
        var f = TestEngine.Read("e^2", "e");
        Assert.Equal("2*e", CalcApi.Domain.Differentiation.Differentiator.Differentiate(f, "e").ToString());
    }
}
