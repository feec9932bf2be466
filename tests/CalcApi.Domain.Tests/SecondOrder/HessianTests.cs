using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Tests.SecondOrder;

public class HessianTests
{
    /// <summary>Function, variables, then the upper triangle row by row (H11, H12, ..., H22, ...), as the engine prints it.</summary>
    [Theory]
    [InlineData("x^2*y + sin(y)", "x,y", "2*y | 2*x | -sin(y)")]
    [InlineData("x*y*z", "x,y,z", "0 | z | y | 0 | x | 0")]
    [InlineData("exp(x + 2*y)", "x,y", "exp(x + 2*y) | 2*exp(x + 2*y) | 4*exp(x + 2*y)")]
    [InlineData("x^3", "x", "6*x")]
    public void The_upper_triangle_is_the_second_partials(string expression, string names, string upper)
    {
        var answer = Answer(new HessianQuery(expression, names.Split(',')));

        var n = answer.Variables.Count;
        var printed = Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(i, n - i).Select(j => answer.Hessian[i][j].Derivative.Text));
        Assert.Equal(upper.Split(" | "), printed);
    }

    [Fact]
    public void The_lower_triangle_is_the_upper_entry_itself()
    {
        var answer = Answer(new HessianQuery("sin(x*y) + x^2*z^3 - log(z)", ["x", "y", "z"]));

        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                Assert.Same(answer.Hessian[i][j], answer.Hessian[j][i]);
            }
        }
    }

    [Fact]
    public void Values_at_a_point_match_central_differences_of_the_gradient()
    {
        var at = new Dictionary<string, Value> { ["x"] = 0.7, ["y"] = -1.3 };
        const string f = "atan(x*y) + cosh(x - y)/(1 + y^2)";
        var answer = Answer(new HessianQuery(f, ["x", "y"], at));

        const double h = 1e-5;
        string[] names = ["x", "y"];
        for (var j = 0; j < 2; j++)
        {
            var up = Gradient(f, names, Moved(at, names[j], h));
            var down = Gradient(f, names, Moved(at, names[j], -h));
            for (var i = 0; i < 2; i++)
            {
                var difference = (up[i] - down[i]) / (2 * h);
                var value = answer.Hessian[i][j].Value!.Value;
                Assert.True(Math.Abs(value - difference) < 1e-6 * (1 + Math.Abs(value)), $"H[{i}][{j}] = {value}, difference {difference}");
            }
        }
    }

    [Fact]
    public void A_hessian_with_more_entries_than_max_matrix_entries_is_refused_naming_the_limit()
    {
        var result = Calculus.Hessian(new HessianQuery("x*y*z", ["x", "y", "z"]), EngineLimits.Default with { MaxMatrixEntries = 8 });

        Assert.False(result.IsSuccess);
        Assert.Equal("maxMatrixEntries", result.Error.Limit);
    }

    [Fact]
    public void Entries_that_together_print_past_max_result_nodes_are_refused_naming_the_limit()
    {
        var result = Calculus.Hessian(new HessianQuery("exp(sin(x*y*z))*cos(x + y + z)", ["x", "y", "z"]), EngineLimits.Default with { MaxResultNodes = 200 });

        Assert.False(result.IsSuccess);
        Assert.Equal("maxResultNodes", result.Error.Limit);
    }

    [Fact]
    public void A_vector_valued_function_is_refused_as_not_a_scalar()
    {
        var result = Calculus.Hessian(new HessianQuery("x", ["y"], new Dictionary<string, Value> { ["x"] = Value.Of(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 1), isVector: true), ["y"] = 1 }), EngineLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Semantic, result.Error.Kind);
    }

    private static HessianAnswer Answer(HessianQuery query)
    {
        var result = Calculus.Hessian(query, EngineLimits.Default);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value;
    }

    private static double[] Gradient(string f, string[] names, Dictionary<string, Value> at)
    {
        var result = Calculus.Gradient(new GradientQuery(f, names, at), EngineLimits.Default);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return [.. result.Value.Components.Select(c => c.Value!.Value)];
    }

    private static Dictionary<string, Value> Moved(Dictionary<string, Value> at, string name, double by) =>
        at.ToDictionary(p => p.Key, p => p.Key == name ? Value.Of(p.Value.Scalar + by) : p.Value);
}
