using System.Net;
using System.Text;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// Contract section 10: browser apps on other origins call /api. A preflight is 204 with the allowed origin,
/// methods and headers; every answer on /api, problems included, carries Access-Control-Allow-Origin; the
/// origins are configurable (default any, never with credentials).
/// </summary>
public sealed class CrossOriginTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private const string Tool = "https://tool.example.org";

    [Theory]
    [InlineData("/api/differentiate")]
    [InlineData("/api/check")]
    [InlineData("/api/optimize/stream")]
    public async Task A_preflight_from_any_origin_is_204_with_the_methods_and_headers(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.SendAsync(Preflight(path, Tool));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("content-type", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Answers_and_problems_carry_the_allowed_origin_and_expose_retry_after()
    {
        using var client = factory.CreateClient();

        using var ok = await client.SendAsync(Post(Routes.Differentiate, Calc.ContractExample, Tool));
        using var malformed = await client.SendAsync(Post(Routes.Differentiate, """{ "expression": "sin(" }""", Tool));
        using var badJson = await client.SendAsync(Post(Routes.Differentiate, """{ "expression": """, Tool));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
        foreach (var response in new[] { ok, malformed, badJson })
        {
            Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        }

        Assert.Contains("Retry-After", Header(ok, "Access-Control-Expose-Headers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_preflight_is_not_counted_by_the_rate_limit_and_a_429_carries_the_origin()
    {
        using var limited = factory.WithSettings(("RateLimiting:PermitsPerMinute", "1"));
        using var client = limited.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            using var preflight = await client.SendAsync(Preflight(Routes.Differentiate, Tool));
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        }

        using var first = await client.SendAsync(Post(Routes.Differentiate, Calc.ContractExample, Tool));
        using var second = await client.SendAsync(Post(Routes.Differentiate, Calc.ContractExample, Tool));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("*", Header(second, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_configured_list_allows_its_origins_only()
    {
        using var listed = factory.WithSettings(("Cors:AllowedOrigins:0", Tool), ("Cors:AllowedOrigins:1", "http://localhost:5173"));
        using var client = listed.CreateClient();

        using var allowed = await client.SendAsync(Preflight(Routes.Differentiate, "http://localhost:5173"));
        using var refused = await client.SendAsync(Preflight(Routes.Differentiate, "https://elsewhere.example.com"));
        using var answer = await client.SendAsync(Post(Routes.Differentiate, Calc.ContractExample, Tool));
        using var other = await client.SendAsync(Post(Routes.Differentiate, Calc.ContractExample, "https://elsewhere.example.com"));

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("http://localhost:5173", Header(allowed, "Access-Control-Allow-Origin"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(Tool, Header(answer, "Access-Control-Allow-Origin"));
        // The server still answers (CORS is the browser's to enforce); it only withholds the permission.
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Pages_outside_api_are_same_origin_only()
    {
        using var client = factory.CreateClient();

        using var health = await client.SendAsync(Preflight(Routes.HealthReady, Tool));

        Assert.False(health.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static HttpRequestMessage Post(string path, string json, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
