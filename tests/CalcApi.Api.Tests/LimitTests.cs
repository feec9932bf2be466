using System.Net;
using System.Text;
using System.Text.Json;
using CalcApi.Api.Configuration;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Tests;

/// <summary>Every limit is configurable under "Limits", and hitting one answers a problem that names it.</summary>
public sealed class LimitTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>A derivative big enough that the engine polls its time budget while building it.</summary>
    private const string HeavyRequest = """{ "expression": "exp(sin(x)*cos(x)^x)", "order": 8 }""";

    [Fact]
    public async Task A_body_over_the_size_limit_answers_413_naming_the_limit_on_a_real_server()
    {
        // The in-process test server ignores body-size limits; Kestrel enforces them.
        using var kestrel = new CalcApiFactory();
        kestrel.UseKestrel(0);
        using var client = kestrel.CreateClient();
        var body = JsonSerializer.Serialize(new { expression = string.Join("+", Enumerable.Repeat("x", 600_000)) });
        using var request = new HttpRequestMessage(HttpMethod.Post, Routes.Differentiate) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        // As curl does for large bodies: the server refuses before the client uploads, instead of
        // closing the connection halfway through the upload.
        request.Headers.ExpectContinue = true;

        var problem = await (await client.SendAsync(request)).ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("maxRequestBodyBytes", problem.GetProperty("limit").GetString());
        Assert.Equal(1_048_576, problem.GetProperty("max").GetInt64());
        await client.AssertStillAnswersAsync();
    }

    [Fact]
    public async Task A_calculation_that_outlives_its_time_budget_answers_422_naming_requestTimeout()
    {
        using var client = factory.WithSettings(("Limits:RequestTimeoutSeconds", "0")).CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, HeavyRequest)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("requestTimeout", problem.GetProperty("limit").GetString());
    }

    [Fact]
    public async Task The_same_calculation_with_time_enough_answers()
    {
        // 0.1–0.2 s alone; the budget is generous because the heavy lane runs at nice 19, and in CI the other test
        // projects keep both cores busy at nice 0, where such a thread gets a few percent of a core.
        using var client = factory.WithSettings(("Limits:RequestTimeoutSeconds", "60")).CreateClient();

        await (await client.PostJsonAsync(Routes.Differentiate, HeavyRequest)).ReadOkAsync();
    }

    [Fact]
    public void A_negative_time_budget_is_refused_as_a_configuration_error()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Limits:RequestTimeoutSeconds", "-1")])
            .Build();
        using var services = new ServiceCollection().AddCalculationLimits(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RequestLimits>>().Value);

        Assert.Contains("RequestTimeoutSeconds", error.Message);
    }

    [Fact]
    public async Task Engine_limits_come_from_configuration()
    {
        using var client = factory.WithSettings(("Limits:MaxOrder", "3")).CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^5", "order": 4 }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxOrder", problem.GetProperty("limit").GetString());
        Assert.Equal(3, problem.GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task With_the_length_limit_raised_100000_nested_parentheses_hit_the_nesting_limit_not_the_stack()
    {
        using var client = factory.WithSettings(("Limits:MaxExpressionLength", "1000000")).CreateClient();
        var body = JsonSerializer.Serialize(new { expression = new string('(', 100_000) + "x" + new string(')', 100_000) });

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxNestingDepth", problem.GetProperty("limit").GetString());
        await client.AssertStillAnswersAsync();
    }

    [Fact]
    public async Task A_result_too_large_to_print_names_the_maxResultNodes_limit()
    {
        using var client = factory.WithSettings(("Limits:MaxResultNodes", "50")).CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "exp(cos(x^2))", "order": 3 }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxResultNodes", problem.GetProperty("limit").GetString());
        Assert.Equal(50, problem.GetProperty("max").GetInt32());
    }
}
