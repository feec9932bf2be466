using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

public sealed class JacobianTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_contract_example_answers_a_row_per_function_and_a_column_per_variable()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian,
            """{ "expressions": ["x*y", "x + y"], "variables": ["x", "y"], "at": { "x": 2, "y": 3 } }""")).ReadOkAsync();

        Assert.Equal(["x*y", "x + y"], answer.GetProperty("expressions").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(["x", "y"], answer.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        var j = Rows(answer);
        Assert.Equal(["y", "x", "1", "1"], j.SelectMany(r => r).Select(e => e.GetProperty("expression").GetString()!));
        Assert.Equal([3.0, 2, 1, 1], j.SelectMany(r => r).Select(e => e.GetProperty("value").GetDouble()));
        Assert.StartsWith("<math", j[0][0].GetProperty("mathml").GetString());
    }

    [Fact]
    public async Task A_polar_to_cartesian_jacobian_has_the_determinant_r()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian,
            """{ "expressions": ["r*cos(t)", "r*sin(t)"], "variables": ["r", "t"], "at": { "r": 2, "t": 0.7 } }""")).ReadOkAsync();

        var v = Rows(answer).Select(r => r.Select(e => e.GetProperty("value").GetDouble()).ToArray()).ToArray();
        Approx.Equal(2, (v[0][0] * v[1][1]) - (v[0][1] * v[1][0]), "det J");
        Approx.Equal(Math.Cos(0.7), v[0][0], "dx/dr");
        Approx.Equal(-2 * Math.Sin(0.7), v[0][1], "dx/dt");
    }

    [Fact]
    public async Task Variables_default_to_the_free_names_of_all_functions_in_order_of_first_appearance()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian, """{ "expressions": ["b*a", "c + a", "exp(d)"] }""")).ReadOkAsync();

        Assert.Equal(["b", "a", "c", "d"], answer.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal("0", Rows(answer)[2][0].GetProperty("expression").GetString());
        Assert.All(Rows(answer).SelectMany(r => r), e => Assert.False(e.TryGetProperty("value", out _)));
    }

    [Fact]
    public async Task A_malformed_function_is_a_400_naming_its_place_in_expressions_and_echoing_it()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Jacobian, """{ "expressions": ["x*y", "x +"], "variables": ["x", "y"] }""")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("expressions[1]", problem.GetProperty("field").GetString());
        Assert.Equal("x +", problem.GetProperty("expression").GetString());
        Assert.True(problem.TryGetProperty("position", out _));
    }

    [Fact]
    public async Task A_function_undefined_at_the_point_is_a_422_outside_domain_naming_it()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Jacobian, """{ "expressions": ["x", "sqrt(y)"], "at": { "x": 1, "y": -1 } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
        Assert.Equal("expressions[1]", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_vector_valued_function_in_expressions_is_a_422_naming_its_place()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Jacobian, """{ "expressions": ["x*y", "a"], "at": { "x": 1, "y": 2, "a": [1, 2] } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("expressions[1]", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_contract_example_answers_the_closed_form_with_its_shape_and_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian,
            """{ "expression": "sigmoid(W*x)", "variables": { "W": "matrix", "x": "vector" }, "wrt": "x", "at": { "W": [[1, 0], [0, 2], [1, 1]], "x": [0.5, -1] } }""")).ReadOkAsync();

        var jacobian = answer.GetProperty("jacobian");
        Assert.Equal("diag((1 - sigmoid(W*x)).*sigmoid(W*x))*W", jacobian.GetProperty("expression").GetString());
        Assert.Equal([3, 2], jacobian.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        static double Slope(double z) => Math.Exp(-z) / Math.Pow(1 + Math.Exp(-z), 2);
        double[][] expected = [[Slope(0.5), 0], [0, 2 * Slope(-2)], [Slope(-0.5), Slope(-0.5)]];
        var value = jacobian.GetProperty("value").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 2; j++)
            {
                Approx.Equal(expected[i][j], value[i][j], $"J[{i}][{j}]");
            }
        }
    }

    [Fact]
    public async Task The_jacobian_of_a_times_x_is_a()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian, """{ "expression": "A*x", "variables": { "A": "matrix", "x": "vector" }, "wrt": "x" }""")).ReadOkAsync();

        Assert.Equal("A", answer.GetProperty("jacobian").GetProperty("expression").GetString());
        Assert.Equal(["rows(A)", "len(x)"], answer.GetProperty("jacobian").GetProperty("shape").EnumerateArray().Select(d => d.GetString()!));
    }

    [Theory]
    [InlineData("""{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "x" }""", "expression")]
    [InlineData("""{ "expression": "A*x", "variables": { "x": "vector", "A": "matrix" } }""", "wrt")]
    [InlineData("""{ "expression": "A*x", "expressions": ["x"], "wrt": "x" }""", "expression")]
    public async Task A_closed_form_request_that_cannot_be_answered_is_a_422_naming_the_field(string body, string field)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Jacobian, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_jacobian_past_max_matrix_entries_is_a_422_naming_the_limit()
    {
        using var small = factory.WithSettings(("Limits:MaxMatrixEntries", "5"));
        using var client = small.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Jacobian, """{ "expressions": ["x", "y", "x*y"], "variables": ["x", "y"] }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxMatrixEntries", problem.GetProperty("limit").GetString());
    }

    [Theory]
    [InlineData("""{ "expressions": [] }""", HttpStatusCode.UnprocessableEntity, "expressions")]
    [InlineData("""{ "expressions": ["x", null] }""", HttpStatusCode.UnprocessableEntity, "expressions[1]")]
    [InlineData("""{ "expressions": "x" }""", HttpStatusCode.BadRequest, "expressions")]
    [InlineData("""{ "variables": ["x"] }""", HttpStatusCode.BadRequest, null)]
    [InlineData("""{ "expressions": ["x"], "variables": "x" }""", HttpStatusCode.BadRequest, "variables")]
    [InlineData("""{ "expressions": ["x"], "variables": ["x", "x"] }""", HttpStatusCode.UnprocessableEntity, null)]
    [InlineData("""{ "expressions": ["x"], "at": { "x": [[1], [2, 3]] } }""", HttpStatusCode.UnprocessableEntity, null)]
    public async Task Bad_input_is_a_problem_never_a_500(string body, HttpStatusCode status, string? field)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Jacobian, body)).ReadProblemAsync(status);

        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    private static JsonElement[][] Rows(JsonElement answer) =>
        [.. answer.GetProperty("jacobian").EnumerateArray().Select(r => r.EnumerateArray().ToArray())];
}
