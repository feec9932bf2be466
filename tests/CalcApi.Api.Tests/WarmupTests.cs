using System.Net;
using CalcApi.Api.Configuration;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CalcApi.Api.Tests;

/// <summary>The start-up warm-up: real requests through the app's own pipeline, with readiness waiting for them.</summary>
public sealed class WarmupTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_warm_up_sends_each_request_through_the_pipeline_and_gets_the_answer_it_expects()
    {
        using var warming = factory.WithSettings(("Warmup:Enabled", "true"), ("Warmup:Rounds", "1"));
        using var client = warming.CreateClient();

        var answers = await warming.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        Assert.Equal(WarmupRequests.All.Select(r => r.Path), answers.Select(a => a.Path));
        Assert.All(answers, a => Assert.True(a.Status == a.ExpectedStatus, $"{a.Path} answered {a.Status}, expected {a.ExpectedStatus}"));
        Assert.Equal("ok", (await (await client.GetAsync(Routes.HealthReady)).ReadOkAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_warm_up_reaches_every_calculation_endpoint_and_the_problem_path()
    {
        using var warming = factory.WithSettings(("Warmup:Enabled", "true"), ("Warmup:Rounds", "2"));
        using var client = warming.CreateClient();

        var answers = await warming.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        Assert.Equal(2 * WarmupRequests.All.Count, answers.Count);
        foreach (var route in new[] { Routes.Differentiate, Routes.Gradient, Routes.MatrixGradient, Routes.Check, Routes.Optimize, Routes.OptimizeStream, Routes.Landscape, Routes.Export })
        {
            Assert.Contains(answers, a => a.Path == route && a.Status == StatusCodes.Status200OK);
        }

        Assert.Contains(answers, a => a.Status is StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity);
    }

    [Fact]
    public async Task The_warm_up_releases_every_calculation_slot_it_takes()
    {
        // The warm-up's long optimisation is a heavy calculation: it takes the one calculation slot, which the
        // request's end releases. A warm-up that never ended its requests held the slot for good: the second
        // round's run, and every heavy request after it, waited for a slot that never came free (503, or a hang).
        using var warming = factory.WithSettings(("Warmup:Enabled", "true"), ("Warmup:Rounds", "2"), ("Limits:MaxConcurrentCalculations", "1"));
        using var client = warming.CreateClient();

        var answers = await warming.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);
        var heavy = await client.PostJsonAsync(Routes.Gradient, $$"""{ "expression": "{{string.Concat(Enumerable.Repeat("x+", 6000))}}x" }""");

        Assert.All(answers, a => Assert.True(a.Status == a.ExpectedStatus, $"{a.Path} answered {a.Status}, expected {a.ExpectedStatus}"));
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, heavy.StatusCode);
    }

    [Fact]
    public async Task With_the_warm_up_off_the_server_is_ready_at_once_and_sends_nothing()
    {
        using var client = factory.CreateClient();

        var answers = await factory.Services.GetRequiredService<WarmupState>().Finished.WaitAsync(Patience);

        Assert.Empty(answers);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Routes.HealthReady)).StatusCode);
    }

    [Fact]
    public async Task Readiness_waits_for_the_warm_up_to_finish()
    {
        var state = new WarmupState();
        var check = new WarmupHealthCheck(state);

        var waiting = check.CheckHealthAsync(new HealthCheckContext());
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted, "readiness answered before the warm-up finished");
        state.Finish([]);

        Assert.Equal(HealthStatus.Healthy, (await waiting.WaitAsync(Patience)).Status);
    }

    [Fact]
    public async Task A_readiness_probe_that_gives_up_is_cancelled_not_answered_unhealthy()
    {
        using var cancel = new CancellationTokenSource();
        var waiting = new WarmupHealthCheck(new WarmupState()).CheckHealthAsync(new HealthCheckContext(), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
