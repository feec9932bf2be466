using CalcApi.Domain.Errors;
using CalcApi.Domain.Syntax;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Syntax;

public class ParserTests
{
    [Theory]
    [InlineData("2^3^2", "512")]
    [InlineData("1/3 + 1/6", "1/2")]
    [InlineData("0.5", "1/2")]
    [InlineData("1e-3", "1/1000")]
    [InlineData(".25", "1/4")]
    [InlineData("2.5e2", "250")]
    [InlineData("-x^2", "-x^2")]
    [InlineData("-2^2", "-4")]
    [InlineData("x^-2", "1/x^2")]
    [InlineData("2x", "2*x")]
    [InlineData("2x^2", "2*x^2")]
    [InlineData("3(x+1)", "3*(x + 1)")]
    [InlineData("2 sin(x)", "2*sin(x)")]
    [InlineData("(x+1)(x-1)", "(x - 1)*(x + 1)")]
    [InlineData("2 sin(x) cos(x)", "2*cos(x)*sin(x)")]
    [InlineData("x_1 + sigma", "sigma + x_1")]
    [InlineData("a - b - c", "a - b - c")]
    [InlineData("a/b/c", "a/(b*c)")]
    [InlineData("x'", "x")]
    [InlineData("x^T", "x")]
    [InlineData("sqrt(x)", "sqrt(x)")]
    [InlineData("ln(x) + log(x)", "2*ln(x)")]
    [InlineData("  x   +   1  ", "x + 1")]
    [InlineData("x − 1", "x - 1")]
    public void Text_is_read_with_the_contracts_precedence(string input, string expected) =>
        Assert.Equal(expected, TestEngine.Read(input).ToString());

    [Theory]
    [InlineData("x +", 3, "Expected a number, a name or '('")]
    [InlineData("(x + 1", 6, "')' to close the '(' opened at 0")]
    [InlineData("x + 1)", 5, "this ')' has no matching '('")]
    [InlineData("x # 2", 2, "Unexpected character '#'")]
    [InlineData("x y", 2, "implicit product is only allowed after a number or a closing parenthesis")]
    [InlineData("2 3", 2, "an operator before '3'")]
    [InlineData("", 0, "empty")]
    [InlineData("sin(x,", 6, "Expected a number, a name or '('")]
    [InlineData("*x", 0, "Expected a number, a name or '('")]
    public void A_malformed_expression_is_an_error_with_its_position(string input, int position, string message)
    {
        var result = Parser.Parse(input);
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Syntax, result.Error.Kind);
        Assert.Equal(position, result.Error.Position);
        Assert.Contains(message, result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_by_name_without_overflowing_the_stack()
    {
        var text = new string('(', 100_000) + "x" + new string(')', 100_000);
        var result = Parser.Parse(text, EngineLimits.Default with { MaxExpressionLength = 1_000_000 });
        Assert.False(result.IsSuccess);
        Assert.Equal("maxNestingDepth", result.Error.Limit);
        Assert.Equal(200, result.Error.Max);
        Assert.Equal(200, result.Error.Position);
    }

    [Theory]
    [InlineData("x^", 5_000)]
    [InlineData("sin(", 50_000)]
    public void Every_kind_of_nesting_counts_towards_the_depth_limit(string unit, int times)
    {
        var text = string.Concat(Enumerable.Repeat(unit, times)) + "x";
        var result = Parser.Parse(text, EngineLimits.Default with { MaxExpressionLength = 1_000_000 });
        Assert.False(result.IsSuccess);
        Assert.Equal("maxNestingDepth", result.Error.Limit);
    }

    [Fact]
    public void A_long_run_of_signs_nests_nothing()
    {
        var text = string.Concat(Enumerable.Repeat("-", 9_999)) + "x";
        Assert.Equal("-x", TestEngine.Read(text).ToString());
    }

    [Fact]
    public void A_long_flat_sum_is_fine_within_the_length_limit()
    {
        var text = string.Join(" + ", Enumerable.Range(1, 1000).Select(i => $"x^{i}"));
        Assert.True(text.Length < 10_000);
        Assert.True(Parser.Parse(text).IsSuccess);
    }

    [Fact]
    public void An_expression_over_the_length_limit_is_refused_by_name()
    {
        var result = Parser.Parse(new string('x', 10_001));
        Assert.Equal("maxExpressionLength", result.Error!.Limit);
        Assert.Equal(10_000, result.Error.Max);
    }

    [Fact]
    public void A_huge_number_literal_is_refused_by_name()
    {
        Assert.Equal("maxNumberLength", Parser.Parse("1e999999").Error!.Limit);
        Assert.Equal("maxNumberLength", Parser.Parse(new string('9', 1_300)).Error!.Limit);
    }

    [Fact]
    public void Free_names_come_in_order_of_first_appearance()
    {
        var syntax = Parser.Parse("y*sin(x) + y^z + pi").Value;
        Assert.Equal(["y", "x", "z", "pi"], SyntaxNames.FreeNames(syntax));
    }
}
