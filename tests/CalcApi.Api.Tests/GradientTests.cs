using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

public sealed class GradientTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_lecture_example_answers_each_partial_derivative_with_its_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Gradient,
            """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1, "y": 2 } }""")).ReadOkAsync();

        var gradient = answer.GetProperty("gradient");
        Assert.Equal("x^2*y + sin(y)", answer.GetProperty("expression").GetString());
        Assert.Equal("2*x*y", gradient.GetProperty("x").GetProperty("expression").GetString());
        Assert.Equal("2 x y", gradient.GetProperty("x").GetProperty("latex").GetString());
        Assert.StartsWith("<math", gradient.GetProperty("x").GetProperty("mathml").GetString());
        Approx.Equal(4, gradient.GetProperty("x").GetProperty("value").GetDouble(), "d/dx");
        Assert.Equal("x^2 + cos(y)", gradient.GetProperty("y").GetProperty("expression").GetString());
        Approx.Equal(1 + Math.Cos(2), gradient.GetProperty("y").GetProperty("value").GetDouble(), "d/dy");
    }

    [Fact]
    public async Task The_gradient_keeps_the_order_of_the_variables_given()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Gradient, """{ "expression": "x^2*y + z", "variables": ["z", "x", "y"] }""")).ReadOkAsync();

        Assert.Equal(["z", "x", "y"], Keys(answer.GetProperty("gradient")));
        Assert.Equal(["z", "x", "y"], answer.GetProperty("variables").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public async Task Variables_default_to_every_free_name_in_order_of_first_appearance()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Gradient, """{ "expression": "sin(b)*a + c*a" }""")).ReadOkAsync();

        Assert.Equal(["b", "a", "c"], Keys(answer.GetProperty("gradient")));
    }

    [Fact]
    public async Task Without_a_point_no_component_has_a_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Gradient, """{ "expression": "x*y" }""")).ReadOkAsync();

        Assert.All(answer.GetProperty("gradient").EnumerateObject(), c => Assert.False(c.Value.TryGetProperty("value", out _)));
    }

    [Fact]
    public async Task A_point_missing_a_needed_value_answers_422_naming_it()
    {
        var response = await _client.PostJsonAsync(Routes.Gradient, """{ "expression": "x*y", "at": { "x": 1 } }""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("'y'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_repeated_variable_answers_422()
    {
        var response = await _client.PostJsonAsync(Routes.Gradient, """{ "expression": "x*y", "variables": ["x", "x"] }""");

        await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    private static string[] Keys(JsonElement gradient) => [.. gradient.EnumerateObject().Select(p => p.Name)];
}
