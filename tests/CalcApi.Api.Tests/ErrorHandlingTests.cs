using System.Net;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using CalcApi.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CalcApi.Api.Tests;

public sealed class ErrorHandlingTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task A_bug_answers_500_problem_without_leaking_the_exception()
    {
        using var broken = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<EngineLimits>(_ => throw new InvalidOperationException("secret internals"))));
        using var client = broken.CreateClient();

        var response = await client.PostJsonAsync(Routes.Differentiate, Calc.ContractExample);

        var problem = await response.ReadProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("secret internals", problem.ToString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Theory]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("{ not json", HttpStatusCode.BadRequest)]
    [InlineData("""{ "expression": "x^2", "order": "two" }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "order": 2 }""", HttpStatusCode.BadRequest)]
    [InlineData("""{ "expression": "x^2 +" }""", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_answer_the_same_problems_in_production(string body, HttpStatusCode status)
    {
        using var production = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var client = production.CreateClient();

        await (await client.PostJsonAsync(Routes.Differentiate, body)).ReadProblemAsync(status);
    }

    [Fact]
    public async Task An_unknown_route_answers_404_problem()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync("/api/integrate")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_wrong_method_answers_405_problem()
    {
        using var client = factory.CreateClient();

        await (await client.GetAsync(Routes.Differentiate)).ReadProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}
