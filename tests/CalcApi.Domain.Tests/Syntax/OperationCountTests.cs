using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Tests.Syntax;

/// <summary>The operation count issue 10 sizes answers by: the operations a teacher counts in what was written.</summary>
public class OperationCountTests
{
    [Theory]
    [InlineData("x", 0)]
    [InlineData("42", 0)]
    [InlineData("1e-3", 0)]
    [InlineData("x^2", 1)]
    [InlineData("2*x", 1)]
    [InlineData("2x", 1)]
    [InlineData("x/2", 1)]
    [InlineData("-x", 1)]
    [InlineData("-sin(x)", 2)]
    [InlineData("sin(x)", 1)]
    [InlineData("sqrt(x)", 1)]
    [InlineData("x^(1/2)", 2)]
    [InlineData("x^-2", 2)]
    [InlineData("a + b + c", 2)]
    [InlineData("a*b*c*d", 3)]
    [InlineData("(x^2 - 1)/(x - 1)", 4)]
    [InlineData("exp(sin(x))*(cos(x)^2 - sin(x))", 7)]
    [InlineData("2*x/(x - 1) - (x^2 - 1)/(x - 1)^2", 9)]
    [InlineData("x^x*(log(x) + 1)", 4)]
    [InlineData("10*x^9/3 + x/500 + 1/2", 7)]
    [InlineData("max(x, y)", 1)]
    [InlineData("atan2(y, x + 1)", 2)]
    public void Each_operator_call_and_unary_minus_counts_one(string text, int expected) =>
        Assert.Equal(expected, Count(text));

    [Theory]
    [InlineData("a - b", 1)]
    [InlineData("a + -b", 1)]
    [InlineData("-b + a", 1)]
    [InlineData("-2*x + exp(x)", 3)]
    [InlineData("exp(x) - 2*x", 3)]
    [InlineData("-x^2/3 + y", 3)]
    [InlineData("-a - b", 2)]
    [InlineData("-a + -b", 2)]
    [InlineData("a - -b", 2)]
    [InlineData("-(a + b)", 2)]
    public void A_terms_leading_minus_is_its_sums_operator_whatever_the_order(string text, int expected) =>
        Assert.Equal(expected, Count(text));

    [Theory]
    [InlineData("A'", 1)]
    [InlineData("A^T*B", 2)]
    [InlineData("x .* y", 1)]
    [InlineData("x ./ y", 1)]
    [InlineData("x .^ 2", 1)]
    [InlineData("tr(A'*B)", 3)]
    public void Matrix_operators_count_as_their_scalar_kin(string text, int expected) =>
        Assert.Equal(expected, Count(text));

    [Fact]
    public void Spelling_does_not_count_only_operations_do()
    {
        Assert.Equal(Count("x + 1"), Count("a_very_long_name + 123456.789"));
        Assert.Equal(Count("((x))"), Count("x"));
    }

    [Fact]
    public void A_deep_tree_is_counted_without_recursion()
    {
        // Deeper than the parser would ever build (it stops at maxNestingDepth), built by hand.
        const int depth = 100_000;
        SyntaxNode node = new NameSyntax(0, "x");
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new CallSyntax(0, "sin", [node]) : new NegateSyntax(0, node);
        }

        Assert.Equal(depth, OperationCount.Of(node));
    }

    [Fact]
    public void Every_kind_of_syntax_node_is_counted()
    {
        // One text that writes every node the parser builds; a new node type must be added here and to the count.
        var syntax = Parser.Parse("-(a + 2)*b/c .* d ./ e .^ 2 + sin(x) + A'*B^T");
        Assert.True(syntax.IsSuccess, syntax.Error?.Detail);
        var written = SyntaxNames.Nodes(syntax.Value).Select(n => n.GetType()).ToHashSet();
        var all = typeof(SyntaxNode).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(SyntaxNode)) && !t.IsAbstract).ToHashSet();
        Assert.Equal(all.OrderBy(t => t.Name).Select(t => t.Name), written.OrderBy(t => t.Name).Select(t => t.Name));
        Assert.Equal(12, OperationCount.Of(syntax.Value));
    }

    private static int Count(string text)
    {
        var syntax = Parser.Parse(text);
        Assert.True(syntax.IsSuccess, syntax.Error?.Detail);
        return OperationCount.Of(syntax.Value);
    }
}
