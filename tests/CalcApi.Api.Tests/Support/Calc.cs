using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CalcApi.Api.Endpoints;

namespace CalcApi.Api.Tests.Support;

/// <summary>Sends raw JSON (so tests can send anything, including what no C# type would serialise to) and reads answers.</summary>
public static class Calc
{
    /// <summary>The contract's own example: d/dx exp(cos(x^2)) at x = 0.5.</summary>
    public const string ContractExample = """{ "expression": "exp(cos(x^2))", "variable": "x", "order": 1, "at": { "x": 0.5 } }""";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string body, string contentType = "application/json")
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync(path, content);
    }

    /// <summary>Reads a 200 JSON answer, failing with the body when the status is anything else.</summary>
    public static async Task<JsonElement> ReadOkAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {Shorten(body)}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Reads a problem document, checking its status, media type and the fields every problem has.</summary>
    public static async Task<JsonElement> ReadProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {Shorten(body)}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), Shorten(body));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), Shorten(body));
        return problem;
    }

    /// <summary>Asserts that the server still answers the contract's example normally.</summary>
    public static async Task AssertStillAnswersAsync(this HttpClient client)
    {
        var answer = await (await client.PostJsonAsync(Routes.Differentiate, ContractExample)).ReadOkAsync();
        Assert.Equal("-2*x*sin(x^2)*exp(cos(x^2))", answer.GetProperty("derivative").GetString());
    }

    /// <summary>A body short enough to read in a failure message (a derivative can run to megabytes).</summary>
    public static string Shorten(string body) => body.Length <= 2_000 ? body : $"{body[..2_000]}… ({body.Length:N0} characters)";
}
