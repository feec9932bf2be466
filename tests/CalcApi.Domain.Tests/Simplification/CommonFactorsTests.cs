using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Simplification;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>
/// Common factors taken out of sums (issue 10), and the answer's form chosen by operations: where it gets shorter, and
/// always the same value and the same domain as the canonical form.
/// </summary>
public class CommonFactorsTests
{
    private static Expr Read(string text) =>
        Calculus.Read(text, EngineLimits.Default, new Dictionary<string, VariableDeclaration>()).Value.Expression;

    [Theory]
    [InlineData("exp(x)*cos(x) - exp(x)*sin(x)", "(cos(x) - sin(x))*exp(x)")]
    [InlineData("x^2*exp(x) + 2*x*exp(x)", "x*(x + 2)*exp(x)")]
    [InlineData("2*cos(x)^2 - 2*sin(x)^2", "2*cos(2*x)")]
    [InlineData("x*y*exp(x*y) + exp(x*y)", "(x*y + 1)*exp(x*y)")]
    [InlineData("-3*x^2 - 6*x", "-3*x*(x + 2)")]
    [InlineData("x^x*ln(x) + x^x", "(ln(x) + 1)*x^x")]
    [InlineData("x^(x + 1)*ln(x) + x^x", "(x*ln(x) + 1)*x^x")]
    [InlineData("1/x + 1/x^2", "(x + 1)/x^2")]
    [InlineData("x^(1/2) + x^(3/2)", "sqrt(x)*(x + 1)")]
    [InlineData("sinh(x)/cosh(x)", "tanh(x)")]
    [InlineData("2*sin(x)/cos(x)", "2*tan(x)")]
    [InlineData("cos(2*x)^2/sin(2*x)^2 + 1", "cot(2*x)^2 + 1")]
    [InlineData("x*sin(x)^3/cos(x)^3", "x*tan(x)^3")]
    [InlineData("1/sqrt(x^2 + 1) - x^2/(x^2 + 1)^(3/2)", "1/(x^2 + 1)^(3/2)")]
    [InlineData("x^(2*x + x^x - 2)*ln(x) + x^(x + x^x - 1)", "(x + ln(x)*x^x)*x^(x + x^x - 2)")]
    [InlineData("x^(2*x)*y + x^(x + 1)", "(x + y*x^x)*x^x")]
    [InlineData("x^(x + 1) + x^2", "x*(x + x^x)")]
    public void A_common_factor_is_taken_out_where_it_shortens_the_answer(string text, string factored)
    {
        var e = Read(text);

        var simplest = CalcApi.Domain.Simplification.Forms.Simplest(e);

        Assert.Equal(factored, TextPrinter.Print(simplest));
        Assert.True(Operations.Of(simplest) < Operations.Of(e));
    }

    [Theory]
    [InlineData("x + 1")]
    [InlineData("1 - x^2/4")]
    [InlineData("sin(x) + cos(x)")]
    [InlineData("sin(x)^2/cos(x)")]
    [InlineData("sin(x)/cos(y)")]
    [InlineData("(x^2 + 1)^y*sin(x) + (x^2 + 1)^(2*y)*cos(x) + 1")] // a term without the base: nothing in common
    public void A_sum_without_a_shorter_factored_form_is_left_as_it_is(string text)
    {
        var e = Read(text);

        Assert.Same(e, CalcApi.Domain.Simplification.Forms.Simplest(e));
    }

    [Theory]
    [InlineData("x^2", 1)]
    [InlineData("-sin(x)", 2)]
    [InlineData("(x^2 - 1)/(x - 1)", 4)]
    [InlineData("2*x/(x^2 + 1) - 2*x*(x^2 - 1)/(x^2 + 1)^2", 13)]
    [InlineData("x^2/4 + 3*x/4", 5)]
    [InlineData("1/(2*sqrt(x))", 3)]
    public void Operations_read_off_the_expression_agree_with_the_printed_count(string text, int printed)
    {
        var e = Read(text);

        Assert.Equal(printed, OperationCount.Of(Parser.Parse(TextPrinter.Print(e)).Value));
        Assert.Equal(printed, Operations.Of(e));
    }

    [Theory]
    [InlineData("exp(sin(x))", 8)]
    [InlineData("x^x", 6)]
    [InlineData("sin(x)*exp(x^2)/(1 + x^2)", 3)]
    [InlineData("x^2*exp(-x)*log(x)", 4)]
    [InlineData("sqrt(x)*log(x)", 5)]
    public void The_answers_form_has_the_value_and_the_domain_of_the_canonical_form(string text, int order)
    {
        var f = Read(text);
        var canonical = Differentiator.Differentiate(f, "x", order);
        var answer = CalcApi.Domain.Simplification.Forms.Simplest(canonical);

        Assert.True(Operations.Of(answer) <= Operations.Of(canonical));
        foreach (var x in new[] { -2.5, -1, -0.3, 0, 0.4, 1, 1.7, 3.2 })
        {
            var point = new Dictionary<string, double> { ["x"] = x };
            var expected = Evaluator.Evaluate(canonical, point);
            var actual = Evaluator.Evaluate(answer, point);
            Assert.Equal(expected.IsSuccess, actual.IsSuccess);
            if (expected.IsSuccess)
            {
                Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), $"at {x}: {expected.Value} vs {actual.Value}");
            }
        }
    }
}
