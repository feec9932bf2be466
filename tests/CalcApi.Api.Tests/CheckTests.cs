using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>POST /api/check through HTTP: the contract's section 7.</summary>
public sealed class CheckTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> CheckAsync(string body) => await (await _client.PostJsonAsync(Routes.Check, body)).ReadOkAsync();

    [Fact]
    public async Task The_contracts_example_is_not_equivalent_with_a_counterexample_whose_values_differ()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "exp(cos(x^2))", "variable": "x", "answer": "-sin(x^2)*exp(cos(x^2))" }""");

        Assert.False(answer.GetProperty("correct").GetBoolean());
        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        Assert.Equal("numeric", answer.GetProperty("decidedBy").GetString());
        Assert.Equal("-2*x*sin(x^2)*exp(cos(x^2))", answer.GetProperty("expected").GetProperty("expression").GetString());
        Assert.StartsWith("<math", answer.GetProperty("expected").GetProperty("mathml").GetString());
        Assert.Equal("-sin(x^2)*exp(cos(x^2))", answer.GetProperty("answer").GetProperty("expression").GetString());
        var counterexample = answer.GetProperty("counterexample");
        var x = counterexample.GetProperty("at").GetProperty("x").GetDouble();
        Approx.Equal(-2 * x * Math.Sin(x * x) * Math.Exp(Math.Cos(x * x)), counterexample.GetProperty("expectedValue").GetDouble(), "expectedValue");
        Approx.Equal(-Math.Sin(x * x) * Math.Exp(Math.Cos(x * x)), counterexample.GetProperty("answerValue").GetDouble(), "answerValue");
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("diagnosis").ValueKind);
    }

    [Fact]
    public async Task A_right_answer_is_correct_without_a_counterexample()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "x^3", "answer": "3x^2" }""");

        Assert.True(answer.GetProperty("correct").GetBoolean());
        Assert.Equal("equivalent", answer.GetProperty("verdict").GetString());
        Assert.Equal("symbolic", answer.GetProperty("decidedBy").GetString());
        Assert.False(answer.TryGetProperty("counterexample", out _));
        Assert.Equal(0, answer.GetProperty("diagnosis").GetArrayLength());
    }

    [Fact]
    public async Task A_sign_error_is_named()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "cos(x)", "variable": "x", "answer": "sin(x)" }""");

        Assert.Contains(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "signError");
    }

    [Fact]
    public async Task A_malformed_answer_is_a_200_invalid_with_the_problem()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "x^2", "variable": "x", "answer": "2*x +" }""");

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.False(answer.GetProperty("correct").GetBoolean());
        Assert.False(answer.TryGetProperty("decidedBy", out _));
        var error = answer.GetProperty("error");
        Assert.Equal("Malformed expression", error.GetProperty("title").GetString());
        Assert.Equal(5, error.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task An_answer_with_an_unknown_function_is_invalid()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "sin(x)", "answer": "cosine(x)" }""");

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Equal("Unknown function", answer.GetProperty("error").GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_domain_difference_has_a_counterexample_with_a_null_value()
    {
        var answer = await CheckAsync("""{ "task": "equivalent", "expected": "sqrt(x)^2", "answer": "x" }""");

        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        Assert.Contains(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "domainDiffers");
        var counterexample = answer.GetProperty("counterexample");
        Assert.Equal(JsonValueKind.Null, counterexample.GetProperty("expectedValue").ValueKind);
        Assert.Equal(JsonValueKind.Number, counterexample.GetProperty("answerValue").ValueKind);
    }

    [Fact]
    public async Task Abs_x_over_x_is_equivalent_to_x_over_abs_x()
    {
        var answer = await CheckAsync("""{ "task": "equivalent", "expected": "abs(x)/x", "answer": "x/abs(x)" }""");

        Assert.True(answer.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task A_gradient_answer_is_checked_per_component()
    {
        var answer = await CheckAsync("""{ "task": "gradient", "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "answer": { "x": "2*x*y", "y": "x^2 - cos(y)" } }""");

        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        Assert.Equal(["x", "y"], answer.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal("equivalent", answer.GetProperty("gradient").GetProperty("x").GetProperty("verdict").GetString());
        Assert.Equal("notEquivalent", answer.GetProperty("gradient").GetProperty("y").GetProperty("verdict").GetString());
        Assert.Equal("x^2 + cos(y)", answer.GetProperty("gradient").GetProperty("y").GetProperty("expected").GetProperty("expression").GetString());
        Assert.Equal("y", answer.GetProperty("counterexample").GetProperty("variable").GetString());
    }

    [Fact]
    public async Task A_matrix_gradient_answer_gets_a_counterexample_of_matrices()
    {
        var answer = await CheckAsync("""
            { "task": "matrix-gradient", "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix" },
              "wrt": "W", "answer": "(a'*W*b - c)*a*b'" }
            """);

        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        var counterexample = answer.GetProperty("counterexample");
        Assert.Equal(JsonValueKind.Array, counterexample.GetProperty("at").GetProperty("W")[0].ValueKind);
        Assert.Equal(JsonValueKind.Array, counterexample.GetProperty("expectedValue")[0].ValueKind);
        Assert.Contains(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "constantFactor");
    }

    [Fact]
    public async Task A_right_matrix_gradient_is_correct()
    {
        var answer = await CheckAsync("""
            { "task": "matrix-gradient", "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix" },
              "wrt": "W", "answer": "2*a*(a'*W*b - c)*b'" }
            """);

        Assert.True(answer.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task A_matrix_gradient_of_the_wrong_shape_is_invalid()
    {
        var answer = await CheckAsync("""
            { "task": "matrix-gradient", "expression": "(a'*W*b - c)^2", "variables": { "a": { "shape": [2, 1] }, "b": "vector", "W": { "shape": [2, 3] } },
              "wrt": "W", "answer": "2*(a'*W*b - c)*b*a'" }
            """);

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Contains(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "wrongShape");
        Assert.True(answer.TryGetProperty("error", out _));
    }

    [Fact]
    public async Task A_malformed_task_is_a_400_naming_the_field_and_position()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Check, """{ "task": "differentiate", "expression": "x^2 +", "answer": "2*x" }"""))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("expression", problem.GetProperty("field").GetString());
        Assert.Equal(5, problem.GetProperty("position").GetInt32());
        Assert.Equal("x^2 +", problem.GetProperty("expression").GetString());
    }

    [Fact]
    public async Task A_malformed_expected_expression_is_a_400_quoting_it()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Check, """{ "task": "equivalent", "expected": "sin(", "answer": "x" }"""))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("expected", problem.GetProperty("field").GetString());
        Assert.Equal("sin(", problem.GetProperty("expression").GetString());
    }

    [Theory]
    [InlineData("""{ "task": "differentiate", "expression": "x^2", "order": "2", "answer": "2" }""", "order")]
    [InlineData("""{ "task": 1, "expression": "x^2", "answer": "2*x" }""", "task")]
    [InlineData("""{ "task": "differentiate", "expression": "x^2", "answer": 2 }""", "answer")]
    [InlineData("""{ "task": "gradient", "expression": "x^2", "answer": "2*x" }""", "answer")]
    [InlineData("""{ "task": "differentiate", "expression": "x^2" }""", null)]
    [InlineData("""{ "task": "differentiate", "answer": "2*x" }""", "expression")]
    public async Task A_field_of_the_wrong_type_or_a_missing_field_is_a_400(string body, string? field)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Check, body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
    }

    [Theory]
    [InlineData("""{ "task": "integrate", "expression": "x^2", "answer": "x^3/3" }""", "task")]
    [InlineData("""{ "task": "differentiate", "expression": "cosine(x)", "answer": "2*x" }""", "expression")]
    [InlineData("""{ "task": "differentiate", "expression": "x^2", "order": 11, "answer": "0" }""", "order")]
    [InlineData("""{ "task": "matrix-gradient", "expression": "x'*x", "variables": { "x": "vector" }, "answer": "2*x" }""", "wrt")]
    public async Task A_task_that_cannot_be_answered_is_a_422(string body, string field)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Check, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_reserved_name_declared_as_the_variable_is_a_variable()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "e^2 + e", "variable": "e", "answer": "2*e + 1" }""");

        Assert.True(answer.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task A_reserved_name_in_wrt_is_a_variable_in_the_check()
    {
        var answer = await CheckAsync("""{ "task": "matrix-gradient", "expression": "e^2", "wrt": "e", "answer": "2*e" }""");

        Assert.True(answer.GetProperty("correct").GetBoolean());
    }

    [Fact]
    public async Task A_huge_answer_is_invalid_naming_the_limit()
    {
        var huge = string.Join(" + ", Enumerable.Repeat("x", 6000));

        var answer = await CheckAsync($$"""{ "task": "differentiate", "expression": "x^2", "answer": "{{huge}}" }""");

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Contains("maxExpressionLength", answer.GetProperty("error").GetProperty("title").GetString() + answer.GetProperty("error").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Found by the HTTP fuzz property: a declared matrix that only the answer uses was sampled as a scalar, and
    /// logdet of a number threw (a 500). It is sampled as the matrix it is declared.
    /// </summary>
    [Theory]
    [InlineData("2", "logdet(W) + 1")]
    [InlineData("2", "tr(W) + 1")]
    [InlineData("x", "det(W) + 1")]
    public async Task A_declared_matrix_only_the_answer_uses_is_sampled_as_a_matrix(string expected, string answerText)
    {
        var answer = await CheckAsync($$"""{ "task": "equivalent", "expected": "{{expected}}", "variables": { "W": "matrix" }, "answer": "{{answerText}}" }""");

        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        Assert.True(answer.GetProperty("counterexample").GetProperty("at").GetProperty("W").ValueKind == JsonValueKind.Array);
    }

    /// <summary>The same in the diagnosis of a wrong-shaped answer (the transposed gradient, times det of a matrix the task does not use): a 500 before.</summary>
    [Fact]
    public async Task A_declared_matrix_only_a_wrong_shaped_answer_uses_is_sampled_as_a_matrix()
    {
        var answer = await CheckAsync("""{ "task": "matrix-gradient", "expression": "a'*W*b", "variables": { "a": "vector", "b": "vector", "W": "matrix", "X": "matrix" }, "wrt": "W", "answer": "b*a'*det(X)" }""");

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Contains(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "wrongShape");
    }
}
