using CalcApi.Domain.Expressions;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Expressions;

/// <summary>The smart constructors bring every expression to the form a teacher writes.</summary>
public class CanonicalFormTests
{
    [Theory]
    [InlineData("x*x", "x^2")]
    [InlineData("x*x^2*x^-1", "x^2")]
    [InlineData("2x + 3x", "5*x")]
    [InlineData("x + y - x", "y")]
    [InlineData("1*x + 0", "x")]
    [InlineData("x^1", "x")]
    [InlineData("x^0", "1")]
    [InlineData("--x", "x")]
    [InlineData("x - (x + 1)", "-1")]
    [InlineData("2*(x + 1)", "2*(x + 1)")]
    [InlineData("2*(x + 1) + 1", "2*x + 3")]
    [InlineData("(2*x)^2", "4*x^2")]
    [InlineData("(x^2)^3", "x^6")]
    [InlineData("sqrt(x^2)", "sqrt(x^2)")]
    [InlineData("(x^(1/2))^2", "x")]
    [InlineData("sqrt(4)", "2")]
    [InlineData("8^(1/3)", "2")]
    [InlineData("sqrt(2)*sqrt(2)", "2")]
    [InlineData("sqrt(8)", "sqrt(8)")]
    [InlineData("ln(e^x)", "x")]
    [InlineData("ln(exp(x))", "x")]
    [InlineData("exp(ln(x))", "exp(ln(x))")]
    [InlineData("ln(e)", "1")]
    [InlineData("exp(0)", "1")]
    [InlineData("sin(0)", "0")]
    [InlineData("cos(0)", "1")]
    [InlineData("ln(1)", "0")]
    [InlineData("abs(-3)", "3")]
    [InlineData("acos(0)", "pi/2")]
    [InlineData("x^3 + x + x^2 + 1", "x^3 + x^2 + x + 1")]
    [InlineData("1 - y^2", "1 - y^2")]
    [InlineData("b*a", "a*b")]
    [InlineData("0*sin(x)", "0")]
    [InlineData("x/x", "1")]
    [InlineData("2^10", "1024")]
    [InlineData("(2/3)^-2", "9/4")]
    public void The_canonical_form_is_what_a_teacher_writes(string input, string expected) =>
        Assert.Equal(expected, TestEngine.Read(input).ToString());

    [Fact]
    public void Equal_expressions_built_differently_are_equal_and_hash_alike()
    {
        var a = TestEngine.Read("x*y + sin(x)^2");
        var b = TestEngine.Read("sin(x)*sin(x) + y*x");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void An_exact_power_too_large_to_build_stays_symbolic()
    {
        var e = TestEngine.Read("2^(10^9)");
        Assert.Equal("2^1000000000", e.ToString());
        Assert.IsType<Power>(e);
    }

    [Fact]
    public void The_order_is_total_and_consistent_with_equality()
    {
        var generator = new ExpressionGenerator(seed: 3);
        var items = Enumerable.Range(0, 200).Select(_ => TestEngine.Read(generator.Next(3))).ToList();
        foreach (var a in items)
        {
            foreach (var b in items.Take(50))
            {
                var ab = Order.Structural(a, b);
                Assert.Equal(Math.Sign(ab), -Math.Sign(Order.Structural(b, a)));
                Assert.Equal(ab == 0, a.Equals(b));
            }
        }
    }

    [Fact]
    public void Every_node_type_goes_through_every_operation()
    {
        // Number, Constant, Symbol, Sum, Product, Power and Call all appear in this expression.
        var e = TestEngine.Read("3 + pi*x + x^y + sin(x)*y");
        var kinds = Descendants(e).Select(n => n.GetType()).ToHashSet();
        Assert.Equal(7, kinds.Count);
        var derivative = CalcApi.Domain.Differentiation.Differentiator.Differentiate(e, "x");
        var point = new Dictionary<string, double> { ["x"] = 0.5, ["y"] = 1.5 };
        Assert.True(CalcApi.Domain.Evaluation.Evaluator.Evaluate(derivative, point).IsSuccess);
        foreach (var node in Descendants(e))
        {
            Assert.Equal(node, TestEngine.Read(CalcApi.Domain.Printing.TextPrinter.Print(node)));
            Assert.NotEmpty(CalcApi.Domain.Printing.LatexPrinter.Print(node));
            Assert.NotEmpty(CalcApi.Domain.Printing.MathMLPrinter.Print(node));
            Assert.True(CalcApi.Domain.Evaluation.Evaluator.Evaluate(node, point).IsSuccess);
            _ = Order.Structural(node, e);
        }
    }

    private static IEnumerable<Expr> Descendants(Expr e) => [e, .. e.Children.SelectMany(Descendants)];
}
