using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>Whatever a client sends, the answer is a 4xx problem document, never a 500, and the server carries on.</summary>
public sealed class BadInputTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private sealed record BadRequest(string Path, string Body, HttpStatusCode Status, string ContentType = "application/json");

    private static readonly string OneMegabyteExpression = string.Join("+", Enumerable.Repeat("x", 524_288));

    private static readonly Dictionary<string, BadRequest> Cases = new()
    {
        ["an empty body"] = new(Routes.Differentiate, "", HttpStatusCode.BadRequest),
        ["malformed JSON"] = new(Routes.Differentiate, """{ "expression": "x^2" """, HttpStatusCode.BadRequest),
        ["a JSON null body"] = new(Routes.Differentiate, "null", HttpStatusCode.BadRequest),
        ["a JSON array body"] = new(Routes.Gradient, """["x^2"]""", HttpStatusCode.BadRequest),
        ["a body without expression"] = new(Routes.Differentiate, """{ "variable": "x" }""", HttpStatusCode.BadRequest),
        ["an empty expression"] = new(Routes.Gradient, """{ "expression": "" }""", HttpStatusCode.BadRequest),
        ["a malformed expression"] = new(Routes.Differentiate, """{ "expression": "exp(cos(x^2)" }""", HttpStatusCode.BadRequest),
        ["an unknown function"] = new(Routes.Differentiate, """{ "expression": "cosine(x)" }""", HttpStatusCode.UnprocessableEntity),
        ["100,000 nested parentheses"] = new(Routes.Differentiate, Body(new string('(', 100_000) + "x" + new string(')', 100_000)), HttpStatusCode.UnprocessableEntity),
        ["300 nested parentheses"] = new(Routes.Gradient, Body(new string('(', 300) + "x" + new string(')', 300)), HttpStatusCode.UnprocessableEntity),
        ["a 1 MB expression"] = new(Routes.Differentiate, Body(OneMegabyteExpression), HttpStatusCode.UnprocessableEntity),
        ["order 11"] = new(Routes.Differentiate, """{ "expression": "x^2", "order": 11 }""", HttpStatusCode.UnprocessableEntity),
        ["order 0"] = new(Routes.Differentiate, """{ "expression": "x^2", "order": 0 }""", HttpStatusCode.UnprocessableEntity),
        ["an order that is a string"] = new(Routes.Differentiate, """{ "expression": "x^2", "order": "two" }""", HttpStatusCode.BadRequest),
        ["an order that is a fraction"] = new(Routes.Differentiate, """{ "expression": "x^2", "order": 1.5 }""", HttpStatusCode.BadRequest),
        ["an expression that is a number"] = new(Routes.Differentiate, """{ "expression": 42 }""", HttpStatusCode.BadRequest),
        ["a variable that is not a name"] = new(Routes.Differentiate, """{ "expression": "x^2", "variable": "x y" }""", HttpStatusCode.UnprocessableEntity),
        ["variables that are a string"] = new(Routes.Gradient, """{ "expression": "x*y", "variables": "x" }""", HttpStatusCode.BadRequest),
        ["a point that is an array"] = new(Routes.Differentiate, """{ "expression": "x^2", "at": [0.5] }""", HttpStatusCode.UnprocessableEntity),
        ["a point value that is a string"] = new(Routes.Differentiate, """{ "expression": "x^2", "at": { "x": "0.5" } }""", HttpStatusCode.UnprocessableEntity),
        ["a point value that is a ragged matrix"] = new(Routes.Gradient, """{ "expression": "x*y", "at": { "x": 1, "y": [[1, 2], [3]] } }""", HttpStatusCode.UnprocessableEntity),
        ["a point value out of double range"] = new(Routes.Differentiate, """{ "expression": "x^2", "at": { "x": 1e999 } }""", HttpStatusCode.UnprocessableEntity),
        ["a plain-text body"] = new(Routes.Differentiate, "x^2", HttpStatusCode.UnsupportedMediaType, "text/plain"),
    };

    public static TheoryData<string> CaseNames { get; } = new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_answers_a_4xx_problem_and_the_server_answers_the_next_request(string name)
    {
        var bad = Cases[name];
        using var client = factory.CreateClient();

        await (await client.PostJsonAsync(bad.Path, bad.Body, bad.ContentType)).ReadProblemAsync(bad.Status);

        await client.AssertStillAnswersAsync();
    }

    [Theory]
    [InlineData("/api/differentiate", """{ "expression": "x^2", "variabel": "x" }""", "variabel", "variable")]
    [InlineData("/api/optimize", """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "learnRate": 0.1 } }""", "optimizer.learnRate", "learningRate")]
    [InlineData("/api/check", """{ "task": "differentiate", "expression": "x^2", "variable": "x", "answer": "2*x", "form": "factored" }""", "form", "answer")]
    public async Task A_field_the_request_does_not_have_is_a_400_naming_it_never_silently_ignored(string route, string body, string field, string listed)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(route, body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("Unknown field", problem.GetProperty("title").GetString());
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains(listed, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_expression_points_at_the_mistake_and_echoes_the_expression()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^2 + * 3" }""")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(6, problem.GetProperty("position").GetInt32());
        Assert.Equal("x^2 + * 3", problem.GetProperty("expression").GetString());
        Assert.Equal("syntax", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_unknown_function_is_named_with_its_position()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "2*cosine(x)" }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("cosine", problem.GetProperty("detail").GetString());
        Assert.Equal(2, problem.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task Order_11_names_the_maxOrder_limit_and_its_value()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, Cases["order 11"].Body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxOrder", problem.GetProperty("limit").GetString());
        Assert.Equal(10, problem.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task Deep_nesting_names_the_maxNestingDepth_limit()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Gradient, Cases["300 nested parentheses"].Body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxNestingDepth", problem.GetProperty("limit").GetString());
        Assert.Equal(200, problem.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task A_1_MB_expression_names_the_length_limit_without_echoing_the_megabyte_back()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, Cases["a 1 MB expression"].Body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxExpressionLength", problem.GetProperty("limit").GetString());
        Assert.Equal(10_000, problem.GetProperty("max").GetInt32());
        Assert.False(problem.TryGetProperty("expression", out _));
    }

    [Fact]
    public async Task A_missing_expression_is_reported_under_its_camelCase_name()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, Cases["a body without expression"].Body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("expression", out _), problem.ToString());
    }

    [Fact]
    public async Task A_field_of_the_wrong_json_type_is_named_with_the_type_it_takes()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, Cases["an order that is a string"].Body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Equal("order", problem.GetProperty("field").GetString());
        Assert.Contains("`order` must be a whole number", detail);
        Assert.DoesNotContain("System.", detail);
    }

    [Theory]
    [InlineData("a point value that is a string", "'x'")]
    [InlineData("a point value that is a ragged matrix", "'y'")]
    [InlineData("a point value out of double range", "'x'")]
    public async Task A_point_value_that_is_not_a_number_is_named(string name, string variable)
    {
        var bad = Cases[name];
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(bad.Path, bad.Body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(variable, problem.GetProperty("detail").GetString());
    }

    private static string Body(string expression) => JsonSerializer.Serialize(new { expression });
}
