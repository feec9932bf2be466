using System.Net;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>The per-client limit on /api: 429 problem+json with Retry-After past it; health checks are never limited.</summary>
public sealed class RateLimitingTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task Past_the_limit_a_client_gets_429_with_retry_after_naming_the_limit()
    {
        using var limited = factory.WithSettings(("RateLimiting:PermitsPerMinute", "3"));
        using var client = limited.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            await (await client.PostJsonAsync(Routes.Differentiate, Calc.ContractExample)).ReadOkAsync();
        }

        var response = await client.PostJsonAsync(Routes.Differentiate, Calc.ContractExample);
        var problem = await response.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("permitsPerMinute", problem.GetProperty("limit").GetString());
        Assert.Equal(3, problem.GetProperty("max").GetInt32());
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    [Fact]
    public async Task Health_checks_are_never_limited()
    {
        using var limited = factory.WithSettings(("RateLimiting:PermitsPerMinute", "1"));
        using var client = limited.CreateClient();

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Routes.HealthReady)).StatusCode);
        }
    }

    [Fact]
    public async Task Zero_turns_the_limit_off()
    {
        using var unlimited = factory.WithSettings(("RateLimiting:PermitsPerMinute", "0"));
        using var client = unlimited.CreateClient();

        for (var i = 0; i < 20; i++)
        {
            await (await client.PostJsonAsync(Routes.Differentiate, Calc.ContractExample)).ReadOkAsync();
        }
    }
}
