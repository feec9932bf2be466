using System.Net;
using System.Text.Json;
using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// diff(f, x) and diff(f, x, n) written in an expression (contract section 1), through HTTP: read as the derivative
/// they stand for on every endpoint, and each malformed one a 422 that points at the offending argument.
/// </summary>
public sealed class DiffInputTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Differentiate_reads_diff_as_the_derivative_and_echoes_the_evaluated_expression()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "diff(x^3, x) + 1", "variable": "x", "at": { "x": 0.7 } }""")).ReadOkAsync();

        Assert.Equal("3*x^2 + 1", answer.GetProperty("expression").GetString());
        Assert.Equal("6*x", answer.GetProperty("derivative").GetString());
        Differences.Close(Differences.Second(x => (x * x * x) + x, 0.7), answer.GetProperty("value").GetDouble(), "d/dx (diff(x^3, x) + 1)", 1e-6);
    }

    [Fact]
    public async Task A_nested_diff_of_order_n_is_read_before_the_request_differentiates_it()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "diff(diff(x^3*sin(y), x, 2), y)", "variable": "x", "at": { "x": 1.1, "y": 0.4 } }""")).ReadOkAsync();

        // d²/dx² then d/dy of x^3 sin(y) is 6x cos(y), whose derivative by x is 6 cos(y).
        Assert.Equal("6*x*cos(y)", answer.GetProperty("expression").GetString());
        Assert.Equal("6*cos(y)", answer.GetProperty("derivative").GetString());
        Assert.Equal(6 * Math.Cos(0.4), answer.GetProperty("value").GetDouble(), 12);
    }

    [Fact]
    public async Task Check_judges_an_answer_written_with_diff_equivalent()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Check,
            """{ "task": "differentiate", "expression": "sin(x)", "variable": "x", "answer": "diff(sin(x), x)" }""")).ReadOkAsync();

        Assert.Equal("equivalent", answer.GetProperty("verdict").GetString());
        Assert.True(answer.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task Check_says_where_a_malformed_diff_in_an_answer_is()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Check,
            """{ "task": "differentiate", "expression": "sin(x)", "variable": "x", "answer": "diff(sin(x), 2)" }""")).ReadOkAsync();

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Equal(13, answer.GetProperty("error").GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Optimize_minimises_a_loss_written_with_diff()
    {
        // diff((x - 3)^3, x)/3 is (x - 3)^2: its minimiser is x = 3.
        var answer = await (await _client.PostJsonAsync(Routes.Optimize,
            """{ "loss": "diff((x - 3)^3, x)/3 + y^2", "initial": { "x": 0, "y": 1 }, "optimizer": { "method": "gd", "learningRate": 0.1 }, "maxIterations": 5000, "tolerance": 1e-10 }"""))
            .ReadOkAsync();

        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.Equal(3, answer.GetProperty("solution").GetProperty("x").GetDouble(), 8);
        Assert.Equal(0, answer.GetProperty("solution").GetProperty("y").GetDouble(), 8);
        Assert.Equal(0, answer.GetProperty("loss").GetDouble(), 12);
    }

    [Fact]
    public async Task The_conditions_of_diff_of_a_log_are_the_logs_domain()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "diff(log(x), x)", "variable": "x" }""")).ReadOkAsync();

        Assert.Equal("1/x", answer.GetProperty("expression").GetString());
        var conditions = answer.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("text").GetString()).ToList();
        Assert.Contains("x > 0", conditions);
        Assert.DoesNotContain("x != 0", conditions);
    }

    [Fact]
    public async Task A_point_outside_the_operands_domain_is_refused()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "diff(log(x), x)", "variable": "x", "at": { "x": -1 } }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
    }

    public static TheoryData<string, string, string> EveryEndpoint { get; } = new()
    {
        { Routes.Gradient, """{ "expression": "diff(x^3*y, x)", "at": { "x": 2, "y": 5 } }""", "gradient" },
        { Routes.Hessian, """{ "expression": "diff(x^3*y, x)", "variables": ["x", "y"], "at": { "x": 2, "y": 5 } }""", "hessian" },
        { Routes.MatrixGradient, """{ "expression": "diff(t^2*a'*W*b, t)", "variables": { "a": "vector", "b": "vector", "W": "matrix" }, "wrt": "W" }""", "gradients" },
        { Routes.Export, """{ "expression": "diff(x^3, x)*y", "variables": { "x": "scalar", "y": "scalar" }, "wrt": ["x", "y"], "language": "numpy" }""", "code" },
        { Routes.Landscape, """{ "loss": "diff(x^3, x) + y^2", "initial": { "x": 1, "y": 1 }, "xRange": [-1, 1], "yRange": [-1, 1], "resolution": 3 }""", "values" },
    };

    [Theory]
    [MemberData(nameof(EveryEndpoint))]
    public async Task Every_endpoint_reads_diff_in_its_expression(string route, string body, string field)
    {
        var answer = await (await _client.PostJsonAsync(route, body)).ReadOkAsync();

        Assert.True(answer.TryGetProperty(field, out _), answer.ToString());
    }

    [Fact]
    public async Task The_gradient_of_a_diff_has_the_central_differences_of_its_operand_differenced_again()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Gradient, """{ "expression": "diff(x^3*y, x)", "at": { "x": 2, "y": 5 } }""")).ReadOkAsync();

        static double F(double[] p) => p[0] * p[0] * p[0] * p[1];
        double DiffX(double[] p) => Differences.Partial(F, p, 0);
        var gradient = answer.GetProperty("gradient");
        Differences.Close(Differences.Partial(DiffX, [2, 5], 0), gradient.GetProperty("x").GetProperty("value").GetDouble(), "d/dx diff(x^3*y, x)", 1e-5);
        Differences.Close(Differences.Partial(DiffX, [2, 5], 1), gradient.GetProperty("y").GetProperty("value").GetDouble(), "d/dy diff(x^3*y, x)", 1e-5);
    }

    public static TheoryData<string, string, int, string> Malformed { get; } = new()
    {
        { Routes.Differentiate, """{ "expression": "diff(x^2)" }""", 0, "Wrong number of arguments" },
        { Routes.Differentiate, """{ "expression": "diff(x^2, x, 2, 3)", "variable": "x" }""", 16, "Wrong number of arguments" },
        { Routes.Differentiate, """{ "expression": "diff(x^2, 2*x)", "variable": "x" }""", 10, "Invalid variable" },
        { Routes.Differentiate, """{ "expression": "diff(x^3, x, 1.5)", "variable": "x" }""", 13, "Invalid order" },
        { Routes.Differentiate, """{ "expression": "diff(x^3, x, 0)", "variable": "x" }""", 13, "Invalid order" },
        { Routes.Differentiate, """{ "expression": "diff(x^3, x, 11)", "variable": "x" }""", 13, "Limit exceeded: maxOrder" },
        { Routes.Differentiate, """{ "expression": "t + diff(a, t)", "variable": "t", "at": { "t": 1, "a": [1, 2] } }""", 9, "Not a scalar function" },
        { Routes.Differentiate, """{ "expression": "t*diff(a'*a, a)", "variable": "t", "at": { "t": 1, "a": [1, 2] } }""", 13, "Invalid variable" },
        { Routes.Gradient, """{ "expression": "diff(x*y, x, y)" }""", 13, "Invalid order" },
        { Routes.MatrixGradient, """{ "expression": "diff(tr(W), W)", "variables": { "W": "matrix" } }""", 12, "Invalid variable" },
        { Routes.Optimize, """{ "loss": "x^2 + diff(x^2, x, 0)", "initial": { "x": 1 } }""", 19, "Invalid order" },
        { Routes.Differentiate, """{ "expression": "1 + diff(sin(sin(sin(sin(sin(sin(sin(sin(x)))))))), x, 10)", "variable": "x" }""", 4, "Limit exceeded: maxResultNodes" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_malformed_diff_is_a_422_at_the_offending_argument(string route, string body, int position, string title)
    {
        var problem = await (await _client.PostJsonAsync(route, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.Contains($"position {position}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vector_operand_is_pointed_to_the_matrix_gradient()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "diff(a, t)", "variable": "t", "at": { "t": 1, "a": [1, 2] } }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("matrix-gradient", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("diff(a, t)", problem.GetProperty("expression").GetString());
    }

    [Theory]
    [InlineData("diff(x^2, x)", true)]
    [InlineData("2*diff (x^2, x)", true)]
    [InlineData("x^2 + xdiff", false)]
    public void An_expression_that_writes_diff_is_scheduled_as_heavy(string expression, bool heavy)
    {
        Assert.Equal(heavy, CalculationCost.IsHeavy(new DifferentiateRequest { Expression = expression }));
    }
}
