using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Tests.SecondOrder;

public class JacobianTests
{
    [Fact]
    public void Row_i_column_j_is_the_derivative_of_function_i_by_variable_j()
    {
        var answer = Answer(new JacobianQuery(["x*y", "x + y", "sin(x)"], ["y", "x"]));

        Assert.Equal([["x", "y"], ["1", "1"], ["0", "cos(x)"]], answer.Jacobian.Select(r => r.Select(e => e.Derivative.Text).ToArray()).ToArray());
    }

    [Fact]
    public void In_denominator_layout_row_j_column_i_is_the_derivative_of_function_i_by_variable_j()
    {
        var answer = Answer(new JacobianQuery(["x*y", "x + y", "sin(x)"], ["y", "x"]) { Layout = GradientLayout.Denominator });

        Assert.Equal(GradientLayout.Denominator, answer.Layout);
        Assert.Equal([["x", "1", "0"], ["y", "1", "cos(x)"]], answer.Jacobian.Select(r => r.Select(e => e.Derivative.Text).ToArray()).ToArray());
    }

    [Fact]
    public void Each_row_keeps_the_log_spelling_of_its_own_function()
    {
        var answer = Answer(new JacobianQuery(["ln(x)*y", "log(y)"], ["x", "y"]));

        Assert.Equal("ln(x)", answer.Jacobian[0][1].Derivative.Text);
        Assert.Contains("x > 0", answer.Jacobian[0][0].Conditions.Select(c => c.Text));
    }

    [Fact]
    public void Values_at_a_point_are_the_gradient_values_of_each_function()
    {
        var at = new Dictionary<string, Value> { ["r"] = 2, ["t"] = 0.7 };
        var answer = Answer(new JacobianQuery(["r*cos(t)", "r*sin(t)"], ["r", "t"], at));

        var j = answer.Jacobian.Select(r => r.Select(e => e.Value!.Value).ToArray()).ToArray();
        Assert.Equal(2, (j[0][0] * j[1][1]) - (j[0][1] * j[1][0]), 12);
    }

    [Theory]
    [InlineData(new[] { "x", "x +" }, "expressions[1]", ErrorKind.Syntax)]
    [InlineData(new[] { "x", "foo(x)" }, "expressions[1]", ErrorKind.Semantic)]
    [InlineData(new string[0], "expressions", ErrorKind.InvalidArgument)]
    public void A_bad_function_is_refused_naming_its_place(string[] expressions, string field, ErrorKind kind)
    {
        var result = Calculus.Jacobian(new JacobianQuery(expressions), EngineLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal(field, result.Error.Field);
        Assert.Equal(kind, result.Error.Kind);
    }

    [Fact]
    public void A_jacobian_with_more_entries_than_max_matrix_entries_is_refused_naming_the_limit()
    {
        var result = Calculus.Jacobian(new JacobianQuery(["x", "y", "x*y"], ["x", "y"]), EngineLimits.Default with { MaxMatrixEntries = 5 });

        Assert.False(result.IsSuccess);
        Assert.Equal("maxMatrixEntries", result.Error.Limit);
    }

    private static JacobianAnswer Answer(JacobianQuery query)
    {
        var result = Calculus.Jacobian(query, EngineLimits.Default);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value;
    }
}
