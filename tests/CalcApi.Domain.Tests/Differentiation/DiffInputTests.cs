using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using static CalcApi.Domain.Tests.Support.TestEngine;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>
/// diff(f, x) and diff(f, x, n) as input (contract section 1): evaluated while binding, to the engine's own
/// derivative of the operand, with the operand's domain kept and every argument checked where it was written.
/// </summary>
public class DiffInputTests
{
    private static readonly Dictionary<string, VariableDeclaration> Vectors = new() { ["a"] = VariableDeclaration.Vector(), ["W"] = VariableDeclaration.Matrix() };

    private static Outcome<BoundExpression> Bind(string text, EngineLimits? limits = null) =>
        Calculus.Read(text, limits ?? EngineLimits.Default, Vectors);

    private static Expr Bound(string text)
    {
        var read = Bind(text);
        Assert.True(read.IsSuccess, read.IsSuccess ? null : read.Error.Detail);
        return read.Value.Expression;
    }

    [Theory]
    [InlineData("diff(x^3, x) + 1", "3*x^2 + 1")]
    [InlineData("diff(sin(x), x)", "cos(x)")]
    [InlineData("diff(x^3, x, 2)", "6*x")]
    [InlineData("diff(x^5, x, 5)", "120")]
    [InlineData("diff(exp(2*x), x, 3)", "8*exp(2*x)")]
    [InlineData("diff(diff(x^2*y, x), y)", "2*x")]
    [InlineData("diff(x^2*y, y) + diff(x^2*y, x)", "x^2 + 2*x*y")]
    [InlineData("sin(diff(x^2, x))", "sin(2*x)")]
    [InlineData("diff(y^2, x)", "0")]
    [InlineData("diff(x^2, x)^2", "4*x^2")]
    [InlineData("2diff(x^2, x)", "4*x")]
    [InlineData("diff(a'*a*t^2, t)", "2*t*a'*a")]
    public void Diff_reads_as_the_derivative_of_its_operand(string text, string expected)
    {
        Assert.Equal(Bound(expected), Bound(text));
    }

    [Theory]
    [InlineData("exp(cos(x^2))", 1)]
    [InlineData("x^x", 2)]
    [InlineData("sin(x)*exp(x^2)/(1 + x^2)", 3)]
    [InlineData("log(1 + x^2)*atan(x)", 4)]
    public void Diff_of_order_n_is_the_engines_nth_derivative(string f, int order)
    {
        Assert.Equal(Differentiator.Differentiate(Bound(f), "x", order), Bound($"diff({f}, x, {order})"));
    }

    [Theory]
    [InlineData("exp(cos(x^2))", 0.5)]
    [InlineData("x^x", 1.3)]
    [InlineData("log(x)*sqrt(x)", 2.0)]
    [InlineData("atan(x)/(1 + x^2)", -0.7)]
    public void The_value_of_diff_is_the_central_difference_of_its_operand(string f, double x)
    {
        var point = new Dictionary<string, double> { ["x"] = x };
        var expected = CentralDifference(Bound(f), "x", point);

        Assert.NotNull(expected);
        AssertClose(expected.Value, Eval(Bound($"diff({f}, x)"), point));
    }

    [Fact]
    public void A_nested_diff_is_the_mixed_partial_by_central_differences()
    {
        var point = new Dictionary<string, double> { ["x"] = 0.8, ["y"] = -0.3 };
        var dx = Bound("diff(sin(x*y) + x^3*y^2, x)");
        var expected = CentralDifference(dx, "y", point);

        Assert.NotNull(expected);
        AssertClose(expected.Value, Eval(Bound("diff(diff(sin(x*y) + x^3*y^2, x), y)"), point));
    }

    [Theory]
    [InlineData("diff(x^2)", 0, "Wrong number of arguments")]
    [InlineData("1 + diff()", 4, "Wrong number of arguments")]
    [InlineData("diff(x^2, x, 2, 3)", 16, "Wrong number of arguments")]
    [InlineData("diff(x^2, 2*x)", 10, "Invalid variable")]
    [InlineData("diff(x^2, sin(x))", 10, "Invalid variable")]
    [InlineData("diff(x^2, pi)", 10, "Invalid variable")]
    [InlineData("diff(a'*a, a)", 11, "Invalid variable")]
    [InlineData("diff(tr(W), W)", 12, "Invalid variable")]
    [InlineData("diff(x^3, x, 1.5)", 13, "Invalid order")]
    [InlineData("diff(x^3, x, 0)", 13, "Invalid order")]
    [InlineData("diff(x^3, x, -1)", 13, "Invalid order")]
    [InlineData("diff(x^3, x, n)", 13, "Invalid order")]
    [InlineData("diff(x^3, x, 1 + 1)", 13, "Invalid order")]
    [InlineData("diff(x^3, x, 11)", 13, "Limit exceeded: maxOrder")]
    [InlineData("diff(x^3, x, 99999999999999999999)", 13, "Limit exceeded: maxOrder")]
    [InlineData("x + diff(a, x)", 9, "Not a scalar function")]
    [InlineData("diff(W*a, x)", 5, "Not a scalar function")]
    public void Each_malformed_diff_is_refused_at_the_offending_argument(string text, int position, string title)
    {
        var read = Bind(text);

        Assert.False(read.IsSuccess);
        Assert.Equal(title, read.Error.Title);
        Assert.Equal(position, read.Error.Position);
        Assert.Contains($"position {position}", read.Error.Detail, StringComparison.Ordinal);
        Assert.NotEqual(ErrorKind.Syntax, read.Error.Kind);
    }

    [Fact]
    public void An_order_past_the_servers_limit_names_maxOrder_as_the_order_field_does()
    {
        var limits = EngineLimits.Default with { MaxOrder = 3 };

        var read = Bind("diff(x^5, x, 4)", limits);
        var asked = Calculus.Differentiate(new DerivativeQuery("x^5", "x", 4), limits);

        Assert.False(read.IsSuccess);
        Assert.False(asked.IsSuccess);
        Assert.Equal(asked.Error.Title, read.Error.Title);
        Assert.Equal("maxOrder", read.Error.Limit);
        Assert.Equal(3, read.Error.Max);
        Assert.True(Bind("diff(x^5, x, 3)", limits).IsSuccess);
    }

    [Fact]
    public void A_vector_operand_points_to_the_matrix_gradient()
    {
        var read = Bind("diff(a, t)");

        Assert.False(read.IsSuccess);
        Assert.Contains("matrix-gradient", read.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 10)]
    [InlineData(9, 10)]
    public void An_operand_whose_derivative_is_too_large_is_the_same_limit_error_at_the_diff(int depth, int order)
    {
        var f = string.Concat(Enumerable.Repeat("sin(", depth)) + "x" + new string(')', depth);
        var asked = Calculus.Differentiate(new DerivativeQuery(f, "x", order), EngineLimits.Default);

        var read = Bind($"1 + diff({f}, x, {order})");

        Assert.False(asked.IsSuccess);
        Assert.False(read.IsSuccess);
        Assert.Equal(asked.Error.Limit, read.Error.Limit);
        Assert.Equal("maxResultNodes", read.Error.Limit);
        Assert.Equal($"diff at position 4: {asked.Error.Detail}", read.Error.Detail);
        Assert.Equal(4, read.Error.Position);
    }

    [Fact]
    public void An_operand_whose_derivative_outgrows_the_work_budget_is_refused_by_it()
    {
        // Calculus.Read has no work budget; the use cases bind inside theirs.
        var limits = EngineLimits.Default with { MaxWorkNodes = 2_000 };
        var asked = Calculus.Differentiate(new DerivativeQuery("exp(cos(x^2))", "x", 8), limits);

        var answer = Calculus.Differentiate(new DerivativeQuery("diff(exp(cos(x^2)), x, 8)", "x"), limits);

        Assert.False(asked.IsSuccess);
        Assert.Equal("maxWorkNodes", asked.Error.Limit);
        Assert.False(answer.IsSuccess);
        Assert.Equal("maxWorkNodes", answer.Error.Limit);
        Assert.Equal(0, answer.Error.Position);
    }

    [Fact]
    public void Diff_of_a_log_keeps_the_logs_domain_not_only_its_derivatives()
    {
        var answer = Calculus.Differentiate(new DerivativeQuery("diff(log(x), x)", "x"), EngineLimits.Default);

        Assert.True(answer.IsSuccess, answer.IsSuccess ? null : answer.Error.Detail);
        Assert.Equal(TextPrinter.Print(Bound("1/x")), answer.Value.Expression.Text);
        Assert.Contains("x > 0", answer.Value.Conditions.Select(c => c.Text));
        Assert.DoesNotContain("x != 0", answer.Value.Conditions.Select(c => c.Text));
    }

    [Theory]
    [InlineData("diff(log(x), x)", -1.0)]
    [InlineData("diff(sqrt(x), x)", 0.0)]
    [InlineData("diff(sqrt(x)^2, x)", -1.0)]
    public void A_point_outside_the_operands_domain_is_outside_the_expressions(string text, double x)
    {
        var answer = Calculus.Differentiate(new DerivativeQuery(text, "x", At: new Dictionary<string, Value> { ["x"] = Value.Of(x) }), EngineLimits.Default);

        Assert.False(answer.IsSuccess);
        Assert.Equal(ErrorKind.OutsideDomain, answer.Error.Kind);
    }

    [Fact]
    public void Diff_of_an_absolute_value_carries_the_derivatives_own_condition()
    {
        var answer = Calculus.Differentiate(new DerivativeQuery("diff(abs(x), x) + x", "x"), EngineLimits.Default);

        Assert.True(answer.IsSuccess, answer.IsSuccess ? null : answer.Error.Detail);
        Assert.Contains("x != 0", answer.Value.Conditions.Select(c => c.Text));
    }

    [Fact]
    public void Diff_is_named_among_the_known_functions()
    {
        var read = Bind("cosine(x)");

        Assert.False(read.IsSuccess);
        Assert.Contains("diff", read.Error.Detail, StringComparison.Ordinal);
    }
}
