using System.Net;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CalcApi.Api.Tests;

public sealed class HealthAndHomeTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task Health_answers_status_ok()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.GetAsync(Routes.Health)).ReadOkAsync();

        Assert.Equal("ok", answer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_site_root_is_the_playground_page_with_a_way_to_the_api_documentation()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("/swagger", page, StringComparison.Ordinal);
    }
}
