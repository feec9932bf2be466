using System.Collections.Concurrent;
using System.Net;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.OpenApi;

namespace CalcApi.Api.Tests;

/// <summary>Liveness, readiness, request logging that keeps expressions out, and an OpenAPI document that validates.</summary>
public sealed class OperationsTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Theory]
    [InlineData(Routes.Health)]
    [InlineData(Routes.HealthLive)]
    [InlineData(Routes.HealthReady)]
    public async Task Every_health_endpoint_answers_ok(string path)
    {
        using var client = factory.CreateClient();

        var answer = await (await client.GetAsync(path)).ReadOkAsync();

        Assert.Equal("ok", answer.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_openapi_document_reads_and_validates_without_errors()
    {
        using var client = factory.CreateClient();
        using var stream = new MemoryStream(await client.GetByteArrayAsync("/swagger/v1/swagger.json"));

        var result = OpenApiDocument.Load(stream, "json");

        Assert.NotNull(result.Document);
        Assert.True(result.Diagnostic is null || result.Diagnostic.Errors.Count == 0,
            string.Join("; ", result.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        var validation = result.Document.Validate(Microsoft.OpenApi.ValidationRuleSet.GetDefaultRuleSet()) ?? [];
        Assert.True(!validation.Any(), string.Join("; ", validation.Select(e => $"{e.Pointer}: {e.Message}")));
        foreach (var route in new[] { Routes.Differentiate, Routes.Gradient, Routes.MatrixGradient, Routes.Optimize, Routes.OptimizeStream, Routes.Landscape })
        {
            Assert.True(result.Document.Paths.ContainsKey(route), route);
        }
    }

    [Fact]
    public async Task Requests_are_logged_one_line_each_without_the_expression()
    {
        var messages = new ConcurrentQueue<(LogLevel Level, string Message)>();
        using var logged = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging =>
            logging.AddProvider(new CollectingLoggerProvider(messages)).SetMinimumLevel(LogLevel.Information)));
        using var client = logged.CreateClient();
        const string secret = "zebra_quagga_17";

        await (await client.PostJsonAsync(Routes.Differentiate, $$"""{ "expression": "sin({{secret}})^2", "variable": "{{secret}}" }""")).ReadOkAsync();
        await (await client.PostJsonAsync(Routes.Differentiate, $$"""{ "expression": "sin({{secret}})^" }""")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(messages, m => m.Level == LogLevel.Information && m.Message.Contains("POST /api/differentiate answered 200", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Level == LogLevel.Information && m.Message.Contains("POST /api/differentiate answered 400", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Message.Contains(secret, StringComparison.Ordinal));
    }

    private sealed class CollectingLoggerProvider(ConcurrentQueue<(LogLevel, string)> messages) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collecting(messages);

        public void Dispose()
        {
        }

        private sealed class Collecting(ConcurrentQueue<(LogLevel, string)> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
