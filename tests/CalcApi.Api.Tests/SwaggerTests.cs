using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.OpenApi;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

public sealed class SwaggerTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static readonly string[] CalculusRoutes = [Routes.Differentiate, Routes.Gradient, Routes.MatrixGradient];

    public static TheoryData<string, string> DocumentedExchanges { get; } =
        TheoryRows.Of(OperationExamples.ByOperation.SelectMany(o => o.Value.ByStatus.Keys.Select(status => (o.Key, status))));

    [Fact]
    public async Task The_document_lists_both_routes_with_a_request_example_and_documented_problems()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var route in CalculusRoutes)
        {
            var post = paths.GetProperty(route).GetProperty("post");
            var example = FirstExample(post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json"));
            Assert.True(example.TryGetProperty("expression", out _), $"{route}: {example}");
            Assert.True(example.TryGetProperty("at", out _), $"{route}: {example}");
            var responses = post.GetProperty("responses");
            Assert.True(FirstExample(responses.GetProperty("200").GetProperty("content").GetProperty("application/json")).ValueKind == JsonValueKind.Object, route);
            foreach (var status in new[] { "400", "422" })
            {
                var problem = responses.GetProperty(status);
                Assert.True(problem.GetProperty("content").GetProperty("application/problem+json").TryGetProperty("example", out _), $"{route} {status}");
                Assert.Contains("`", problem.GetProperty("description").GetString());
            }
        }
    }

    [Fact]
    public async Task The_request_examples_are_the_lectures()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        var differentiate = RequestExample(paths, Routes.Differentiate);
        var gradient = RequestExample(paths, Routes.Gradient);

        Assert.Equal("exp(cos(x^2))", differentiate.GetProperty("expression").GetString());
        Assert.Equal(0.5, differentiate.GetProperty("at").GetProperty("x").GetDouble());
        Assert.Equal("x^2*y + sin(y)", gradient.GetProperty("expression").GetString());
        Assert.Equal(2, gradient.GetProperty("at").GetProperty("y").GetDouble());
    }

    [Fact]
    public async Task Every_field_of_the_contracts_is_described()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        foreach (var name in new[] { "DifferentiateRequest", "DifferentiateResponse", "GradientRequest", "GradientResponse", "GradientComponentResponse", "MatrixGradientRequest", "MatrixGradientResponse", "MatrixGradientComponentResponse",
                     "CheckRequest", "CheckResponse", "CheckedExpressionResponse", "CheckedComponentResponse", "CounterexampleResponse", "DiagnosisResponse", "AnswerErrorResponse" })
        {
            foreach (var property in schemas.GetProperty(name).GetProperty("properties").EnumerateObject())
            {
                Assert.True(property.Value.TryGetProperty("description", out var description) && description.GetString()!.Length > 10, $"{name}.{property.Name}");
            }
        }
    }

    [Fact]
    public async Task Every_operation_with_a_body_has_a_request_example()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");

        foreach (var path in paths.EnumerateObject())
        {
            if (path.Value.TryGetProperty("post", out var post))
            {
                var example = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
                Assert.True(example.TryGetProperty("example", out _) || (example.TryGetProperty("examples", out var named) && named.EnumerateObject().Any()),
                    $"{path.Name} has no request example");
            }
        }
    }

    public static TheoryData<string, string> DocumentedCases { get; } =
        TheoryRows.Of(OperationExamples.ByOperation.SelectMany(o => o.Value.Cases.Keys.Select(name => (o.Key, name))));

    /// <summary>Each further worked case answers 200 with what the page shows.</summary>
    [Theory]
    [MemberData(nameof(DocumentedCases))]
    public async Task The_documented_case_is_what_the_api_answers(string operation, string name)
    {
        var example = OperationExamples.ByOperation[operation];
        var exchange = example.Cases[name];
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(example.Route, exchange.Request);

        var actual = await response.ReadOkAsync();
        AssertDocumentedFieldsMatch(JsonDocument.Parse(exchange.Response).RootElement, actual, "$");
    }

    [Fact]
    public async Task The_check_shows_each_case_as_a_named_example()
    {
        var post = (await DocumentAsync()).GetProperty("paths").GetProperty(Routes.Check).GetProperty("post");

        var requests = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        var responses = post.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("examples");

        string[] cases = ["answered", "wrong", "invalid", "gradient", "matrix-gradient", "differential", "domain"];
        Assert.Equal(cases, requests.EnumerateObject().Select(p => p.Name));
        Assert.Equal(cases, responses.EnumerateObject().Select(p => p.Name));
        Assert.Equal("invalid", responses.GetProperty("invalid").GetProperty("value").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Differentiate_shows_the_mixed_partial_as_a_named_example_with_variable_as_a_list()
    {
        var post = (await DocumentAsync()).GetProperty("paths").GetProperty(Routes.Differentiate).GetProperty("post");

        var requests = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("examples");
        var responses = post.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("examples");

        string[] cases = ["answered", "mixed partial", "steps", "higher order in lowest terms"];
        Assert.Equal(cases, requests.EnumerateObject().Select(p => p.Name));
        Assert.Equal(cases, responses.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Array, requests.GetProperty("mixed partial").GetProperty("value").GetProperty("variable").ValueKind);
        Assert.Equal(2, responses.GetProperty("mixed partial").GetProperty("value").GetProperty("order").GetInt32());
    }

    [Fact]
    public async Task The_variable_of_differentiate_is_documented_as_a_name_or_a_list_of_names()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");

        foreach (var contract in new[] { "DifferentiateRequest", "DifferentiateResponse" })
        {
            var variable = schemas.GetProperty(contract).GetProperty("properties").GetProperty("variable");
            Assert.Equal("#/components/schemas/Names", variable.GetProperty("allOf")[0].GetProperty("$ref").GetString());
            Assert.Contains("mixed partial", variable.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        var names = schemas.GetProperty("Names").GetProperty("anyOf");
        Assert.Equal("string", names[0].GetProperty("type").GetString());
        Assert.Equal("array", names[1].GetProperty("type").GetString());
        Assert.Equal("string", names[1].GetProperty("items").GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_swagger_ui_is_served()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>"Try it out" must work, and what the page shows must be what the API answers.</summary>
    [Theory]
    [MemberData(nameof(DocumentedExchanges))]
    public async Task The_documented_example_is_what_the_api_answers(string operation, string status)
    {
        var example = OperationExamples.ByOperation[operation];
        var exchange = example.ByStatus[status];
        var route = example.Route;
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(route, exchange.Request);

        Assert.Equal(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), (int)response.StatusCode);
        var actual = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        AssertDocumentedFieldsMatch(JsonDocument.Parse(exchange.Response).RootElement, actual, "$");
    }

    /// <summary>
    /// Every field the example shows has the value the API gives (prose `detail` aside, which the engine may reword,
    /// and the wall-clock `elapsedMilliseconds`).
    /// </summary>
    internal static void AssertDocumentedFieldsMatch(JsonElement documented, JsonElement actual, string path)
    {
        switch (documented.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var field in documented.EnumerateObject().Where(f => f.Name is not ("detail" or "elapsedMilliseconds")))
                {
                    Assert.True(actual.TryGetProperty(field.Name, out var value), $"{path}.{field.Name} is documented but missing from {actual}");
                    AssertDocumentedFieldsMatch(field.Value, value, $"{path}.{field.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(documented.GetArrayLength(), actual.GetArrayLength());
                foreach (var (d, a, i) in documented.EnumerateArray().Zip(actual.EnumerateArray()).Select((p, i) => (p.First, p.Second, i)))
                {
                    AssertDocumentedFieldsMatch(d, a, $"{path}[{i}]");
                }

                break;
            case JsonValueKind.Number:
                Approx.Equal(documented.GetDouble(), actual.GetDouble(), path);
                break;
            default:
                Assert.True(documented.ToString() == actual.ToString(), $"{path}: documented {documented}, actual {actual}");
                break;
        }
    }

    private static JsonElement RequestExample(JsonElement paths, string route) =>
        FirstExample(paths.GetProperty(route).GetProperty("post").GetProperty("requestBody").GetProperty("content").GetProperty("application/json"));

    /// <summary>A media type's example: the single one, or the first of its named examples (an operation with several worked cases).</summary>
    private static JsonElement FirstExample(JsonElement media) =>
        media.TryGetProperty("example", out var example) ? example : media.GetProperty("examples").EnumerateObject().First().Value.GetProperty("value");

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return await (await client.GetAsync("/swagger/v1/swagger.json")).ReadOkAsync();
    }
}
