using System.Net;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using CalcApi.LoadTest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CalcApi.Api.Tests;

/// <summary>
/// The short version of scripts/load-test.sh: the load client's mix (every endpoint, some requests
/// deliberately bad) from 16 connections for 3 s against the real API on Kestrel at a free loopback
/// port, with the per-client rate limit off (every request comes from one address). Not a benchmark:
/// it asserts that nothing fails under concurrency, not how fast it goes.
/// </summary>
[Collection(LoadTestCollection.Name)]
public sealed class LoadTests(LoadTests.ApiOnKestrel api, ITestOutputHelper output) : IClassFixture<LoadTests.ApiOnKestrel>
{
    [Fact]
    public async Task Mixed_requests_on_every_endpoint_from_16_connections_for_3_s_get_no_error()
    {
        var result = await LoadRun.RunAsync(new LoadOptions
        {
            BaseAddress = api.Address,
            Connections = 16,
            Duration = TimeSpan.FromSeconds(3),
            Warmup = TimeSpan.FromSeconds(0.5),
            // Generous, so a busy CI machine is not an error; a hung request still is.
            RequestTimeout = TimeSpan.FromSeconds(30),
        });

        var report = Report.Format(result, byRequest: true);
        output.WriteLine(report);
        Assert.True(result.Errors == 0, $"{result.Errors} errors:\n{report}");
        // Two cores answer about 2,000 requests/s; only a stall comes near this floor.
        Assert.True(result.Requests >= 150, $"only {result.Requests} requests measured:\n{report}");
        // The run's first requests go through the mix in order: every request was sent, every bad one answered with its problem.
        Assert.All(result.Templates, t => Assert.True(t.Sent > 0, $"{t.Name} was never sent:\n{report}"));
        Assert.True(result.ExpectedProblems > 0, report);
        Assert.Equal(RequestMix.Default.Select(t => t.Endpoint).Distinct().Order(), result.Endpoints.Select(e => e.Endpoint).Order());
    }

    [Fact]
    public async Task A_wrong_answer_counts_as_an_error_whatever_its_status()
    {
        const string good = """{ "expression": "x^2", "variable": "x" }""";
        const string bad = """{ "expression": "x^", "variable": "x" }""";
        RequestTemplate[] mix =
        [
            RequestTemplate.Post("a 400 where a 200 is expected", Routes.Differentiate, 1, bad, "\"derivative\""),
            RequestTemplate.Bad("a 200 where a 4xx is expected", Routes.Differentiate, 1, good),
            RequestTemplate.Post("a 200 without the expected field", Routes.Differentiate, 1, good, "\"nonsense\""),
            RequestTemplate.Get("a 404", "/no-such-route", 1),
        ];

        var result = await LoadRun.RunAsync(new LoadOptions { BaseAddress = api.Address, Mix = mix, Connections = 2, Duration = TimeSpan.FromSeconds(0.3), MaxRequests = 40 });

        output.WriteLine(Report.Format(result, byRequest: true));
        Assert.False(result.Succeeded);
        Assert.All(result.Templates, t => Assert.Equal(t.Sent, t.Errors));
        Assert.Equal(result.Templates.Sum(t => t.Sent), result.Errors);
        Assert.Contains("status 400 on a good request", result.ErrorsByKind.Keys);
        Assert.Contains("status 200 (expected 4xx)", result.ErrorsByKind.Keys);
        Assert.Contains("body without \"nonsense\"", result.ErrorsByKind.Keys);
        Assert.Contains("status 404 on a good request", result.ErrorsByKind.Keys);
    }

    [Theory]
    [InlineData("http://10.0.0.1:5000")]
    [InlineData("http://example.com")]
    public async Task The_load_client_refuses_any_server_but_this_machine(string url)
    {
        var options = new LoadOptions { BaseAddress = new Uri(url), Duration = TimeSpan.FromSeconds(1) };

        var error = await Assert.ThrowsAsync<ArgumentException>(() => LoadRun.RunAsync(options));

        Assert.Contains("local machine", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The API as <see cref="CalcApiFactory"/> configures it (logging off), with RateLimiting:PermitsPerMinute
    /// 0, on Kestrel at a free loopback port.
    /// </summary>
    public sealed class ApiOnKestrel : CalcApiFactory, IAsyncLifetime
    {
        public Uri Address { get; private set; } = null!;

        public Task InitializeAsync()
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            StartServer();
            Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return Task.CompletedTask;
        }

        Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureAppConfiguration(configuration =>
                configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("RateLimiting:PermitsPerMinute", "0")]));
        }
    }
}

/// <summary>The load test runs alone, so its CPU load does not slow the time-budget tests of this assembly.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTestCollection
{
    public const string Name = "Load test";
}
