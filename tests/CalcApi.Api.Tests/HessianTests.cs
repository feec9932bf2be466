using System.Globalization;
using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

public sealed class HessianTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_contract_example_answers_every_second_partial_with_its_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Hessian,
            """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1, "y": 2 } }""")).ReadOkAsync();

        Assert.Equal(["x", "y"], answer.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        var h = Rows(answer);
        Assert.Equal("2*y", h[0][0].GetProperty("expression").GetString());
        Assert.Equal("2*x", h[0][1].GetProperty("expression").GetString());
        Assert.Equal("-sin(y)", h[1][1].GetProperty("expression").GetString());
        Assert.StartsWith("<math", h[0][0].GetProperty("mathml").GetString());
        Assert.False(string.IsNullOrEmpty(h[1][1].GetProperty("latex").GetString()));
        Approx.Equal(4, h[0][0].GetProperty("value").GetDouble(), "d2/dx2");
        Approx.Equal(2, h[0][1].GetProperty("value").GetDouble(), "d2/dxdy");
        Approx.Equal(-Math.Sin(2), h[1][1].GetProperty("value").GetDouble(), "d2/dy2");
    }

    [Theory]
    [InlineData("x^2*y + sin(y)", "x,y", "1.5,-0.7")]
    [InlineData("exp(x*y)*cos(z) + log(x^2 + y^2 + z^2)", "x,y,z", "0.3,0.8,-1.1")]
    [InlineData("atan(x/y) + x^3*y^2*z", "z,x,y", "0.9,1.3,2.1")]
    [InlineData("sqrt(1 + x^2*y^4) - tanh(x - y)", "y,x", "0.4,-0.6")]
    public async Task Every_entry_is_symmetric_and_matches_central_differences_of_the_gradient(string expression, string names, string point)
    {
        var variables = names.Split(',');
        var at = point.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var answer = await (await _client.PostJsonAsync(Routes.Hessian, Body(expression, variables, at))).ReadOkAsync();

        var h = Rows(answer);
        const double step = 1e-5;
        for (var j = 0; j < variables.Length; j++)
        {
            var up = await GradientAsync(expression, variables, Moved(at, j, step));
            var down = await GradientAsync(expression, variables, Moved(at, j, -step));
            for (var i = 0; i < variables.Length; i++)
            {
                Assert.Equal(h[i][j].GetProperty("expression").GetString(), h[j][i].GetProperty("expression").GetString());
                var difference = (up[i] - down[i]) / (2 * step);
                var value = h[i][j].GetProperty("value").GetDouble();
                Assert.True(Math.Abs(value - difference) <= 1e-5 * (1 + Math.Abs(value)), $"H[{i}][{j}] of {expression}: {value} against the difference {difference}");
            }
        }
    }

    [Fact]
    public async Task Variables_default_to_every_free_name_in_order_of_first_appearance_and_no_value_without_a_point()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Hessian, """{ "expression": "sin(b)*a + c*a^2" }""")).ReadOkAsync();

        Assert.Equal(["b", "a", "c"], answer.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        Assert.All(Rows(answer).SelectMany(r => r), e => Assert.False(e.TryGetProperty("value", out _)));
        Assert.Equal("2*a", Rows(answer)[1][2].GetProperty("expression").GetString());
    }

    [Fact]
    public async Task Entries_carry_the_conditions_of_the_function_as_written()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Hessian, """{ "expression": "log(x)*y", "variables": ["x", "y"] }""")).ReadOkAsync();

        Assert.All(Rows(answer).SelectMany(r => r), e =>
            Assert.Contains("x > 0", e.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("text").GetString())));
    }

    [Fact]
    public async Task A_point_outside_the_domain_of_the_function_is_a_422_outside_domain()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Hessian, """{ "expression": "log(x)*y", "at": { "x": -1, "y": 2 } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task More_variables_than_max_variables_is_a_422_naming_the_limit()
    {
        var names = string.Join(", ", Enumerable.Range(0, 101).Select(i => $"\"x{i}\""));
        var problem = await (await _client.PostJsonAsync(Routes.Hessian, $$"""{ "expression": "x0", "variables": [{{names}}] }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxVariables", problem.GetProperty("limit").GetString());
    }

    [Fact]
    public async Task A_hessian_past_max_matrix_entries_is_a_422_naming_the_limit()
    {
        using var small = factory.WithSettings(("Limits:MaxMatrixEntries", "8"));
        using var client = small.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Hessian, """{ "expression": "x*y*z", "variables": ["x", "y", "z"] }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxMatrixEntries", problem.GetProperty("limit").GetString());
        Assert.Contains("3 × 3 = 9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_scalar_expression_is_a_422_that_says_so()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Hessian, """{ "expression": "x", "at": { "x": [1, 2] } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("scalar", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contract_example_with_respect_to_a_vector_answers_a_plus_a_transposed_with_its_shape_and_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Hessian,
            """{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "x", "at": { "x": [1, 2], "A": [[1, 2], [3, 4]] } }""")).ReadOkAsync();

        var hessian = answer.GetProperty("hessian");
        Assert.Equal("A + A'", hessian.GetProperty("expression").GetString());
        Assert.Equal("A + A^\\top", hessian.GetProperty("latex").GetString());
        Assert.Equal([2, 2], hessian.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        Assert.Equal([[2.0, 5], [5, 8]], hessian.GetProperty("value").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()));
    }

    [Fact]
    public async Task Least_squares_gives_two_a_transposed_a_with_symbolic_sizes()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Hessian,
            """{ "expression": "norm(A*x - b)^2", "variables": { "x": "vector", "A": "matrix", "b": "vector" }, "wrt": "x" }""")).ReadOkAsync();

        var hessian = answer.GetProperty("hessian");
        Assert.Equal("2*A'*A", hessian.GetProperty("expression").GetString());
        Assert.Equal(["len(x)", "len(x)"], hessian.GetProperty("shape").EnumerateArray().Select(d => d.GetString()!));
        Assert.False(hessian.TryGetProperty("value", out _));
    }

    [Theory]
    [InlineData("""{ "expression": "A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "x" }""", "expression")]
    [InlineData("""{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "A" }""", "wrt")]
    [InlineData("""{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": ["x", "A"] }""", "wrt")]
    [InlineData("""{ "expression": "x^2*y", "wrt": "x" }""", "wrt")]
    public async Task A_closed_form_request_that_cannot_be_answered_is_a_422_naming_the_field(string body, string field)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Hessian, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("""{ "expression": "x*y", "variables": "x" }""", HttpStatusCode.BadRequest, "variables")]
    [InlineData("""{ "expression": "x*y", "variables": [1] }""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("""{ "expression": "x*y", "variables": ["x", "x"] }""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("""{ "expression": "x*", "variables": ["x"] }""", HttpStatusCode.BadRequest, null)]
    [InlineData("""{ "expression": "x*y", "at": { "x": "1", "y": 2 } }""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("""{ "expression": "x*pi", "at": { "x": 1, "pi": 2 } }""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("""{ "variables": ["x"] }""", HttpStatusCode.BadRequest, null)]
    public async Task Bad_input_is_a_problem_never_a_500(string body, HttpStatusCode status, string? field)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Hessian, body)).ReadProblemAsync(status);

        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    private async Task<double[]> GradientAsync(string expression, string[] variables, double[] at)
    {
        var answer = await (await _client.PostJsonAsync(Routes.Gradient, Body(expression, variables, at))).ReadOkAsync();
        return [.. variables.Select(v => answer.GetProperty("gradient").GetProperty(v).GetProperty("value").GetDouble())];
    }

    private static double[] Moved(double[] at, int index, double by)
    {
        var moved = (double[])at.Clone();
        moved[index] += by;
        return moved;
    }

    private static string Body(string expression, string[] variables, double[] at) =>
        JsonSerializer.Serialize(new
        {
            expression,
            variables,
            at = variables.Zip(at).ToDictionary(p => p.First, p => p.Second),
        });

    private static JsonElement[][] Rows(JsonElement answer) =>
        [.. answer.GetProperty("hessian").EnumerateArray().Select(r => r.EnumerateArray().ToArray())];
}
