using System.Net;
using CalcApi.Api.Configuration;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CalcApi.Api.Tests;

/// <summary>
/// Fair scheduling (CalculationGate): heavy calculations take a slot through a bounded queue, a full queue
/// answers 503 with Retry-After, cheap requests never queue, and the time spent waiting counts against the
/// request's budget. One slot and a run that holds it for seconds make each case deterministic.
/// </summary>
[Collection(LoadTestCollection.Name)]
public sealed class SchedulingTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>An optimisation run that holds its slot until its own time limit (2 s): heavy by its iterations.</summary>
    private const string LongRun = """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "gd", "learningRate": 1e-9 }, "maxIterations": 1000000000, "tolerance": 0, "timeLimitSeconds": 2 }""";

    /// <summary>Heavy by its order, yet instant once it runs.</summary>
    private const string HeavyButQuick = """{ "expression": "x^5", "variable": "x", "order": 3 }""";

    private (string, string)[] OneSlot(string queueLength, string queueTimeoutSeconds, string requestTimeoutSeconds = "5") =>
    [
        ("Limits:MaxConcurrentCalculations", "1"), ("Limits:QueueLength", queueLength), ("Limits:QueueTimeoutSeconds", queueTimeoutSeconds),
        ("Limits:RequestTimeoutSeconds", requestTimeoutSeconds), ("Limits:MaxIterations", "1000000000"),
    ];

    /// <summary>Waits until the long run holds the only slot, so the next heavy request has to queue.</summary>
    private static async Task SlotTakenAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> api)
    {
        var gate = api.Services.GetRequiredService<CalculationGate>();
        for (var i = 0; i < 3000 && gate.Running == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, gate.Running);
    }

    [Fact]
    public async Task With_the_slot_taken_and_no_queue_a_heavy_request_gets_503_with_retry_after_and_a_cheap_one_is_answered()
    {
        using var api = factory.WithSettings(OneSlot(queueLength: "0", queueTimeoutSeconds: "3"));
        using var client = api.CreateClient();

        var run = client.PostJsonAsync(Routes.Optimize, LongRun);
        await SlotTakenAsync(api);
        var refused = await client.PostJsonAsync(Routes.Differentiate, HeavyButQuick);
        var cheap = await client.PostJsonAsync(Routes.Differentiate, Calc.ContractExample);

        var problem = await refused.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("queueLength", problem.GetProperty("limit").GetString());
        Assert.Equal(0, problem.GetProperty("max").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(3), refused.Headers.RetryAfter?.Delta);
        await cheap.ReadOkAsync();
        await (await run).ReadOkAsync();
    }

    [Fact]
    public async Task A_heavy_request_that_waits_past_the_queue_bound_gets_503()
    {
        using var api = factory.WithSettings(OneSlot(queueLength: "4", queueTimeoutSeconds: "0.3"));
        using var client = api.CreateClient();

        var run = client.PostJsonAsync(Routes.Optimize, LongRun);
        await SlotTakenAsync(api);
        var problem = await (await client.PostJsonAsync(Routes.Differentiate, HeavyButQuick)).ReadProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.Equal("queueTimeoutSeconds", problem.GetProperty("limit").GetString());
        await (await run).ReadOkAsync();
    }

    [Fact]
    public async Task Time_spent_waiting_for_a_slot_counts_against_the_budget()
    {
        // The budget (0.5 s) is spent while the run holds the slot (up to 2 s); the queue would wait 30 s.
        using var api = factory.WithSettings(OneSlot(queueLength: "4", queueTimeoutSeconds: "30", requestTimeoutSeconds: "0.5"));
        using var client = api.CreateClient();

        var run = client.PostJsonAsync(Routes.Optimize, LongRun);
        await SlotTakenAsync(api);
        var problem = await (await client.PostJsonAsync(Routes.Differentiate, HeavyButQuick)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("requestTimeout", problem.GetProperty("limit").GetString());
        Assert.Equal(1, problem.GetProperty("max").GetInt32());
        await (await run).ReadOkAsync();
    }

    [Fact]
    public async Task A_heavy_request_the_engine_refuses_before_any_work_is_answered_without_waiting_for_a_slot()
    {
        // sin nested 8 deep at order 10 is heavy by its order, but its estimated size is far past maxResultNodes.
        const string TooLarge = """{ "expression": "sin(sin(sin(sin(sin(sin(sin(sin(x))))))))", "variable": "x", "order": 10 }""";
        using var api = factory.WithSettings(OneSlot(queueLength: "0", queueTimeoutSeconds: "3"));
        using var client = api.CreateClient();

        var run = client.PostJsonAsync(Routes.Optimize, LongRun);
        await SlotTakenAsync(api);
        var problem = await (await client.PostJsonAsync(Routes.Differentiate, TooLarge)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxResultNodes", problem.GetProperty("limit").GetString());
        Assert.Equal(1, api.Services.GetRequiredService<CalculationGate>().Running);
        await (await run).ReadOkAsync();
    }

    [Fact]
    public async Task A_cheap_calculation_is_not_timed()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "sin(x)^2", "variable": "x", "at": { "x": 1 } }""");

        // Reading the thread's CPU clock is a system call, a tenth of a cheap request's time: only heavy work says its cost.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server-Timing"));
    }

    [Theory]
    [InlineData(HeavyButQuick, 200)]
    // Refused for size before any work: the CPU it cost is what the load test reports.
    [InlineData("""{ "expression": "(x + 1)*(x + 2)*(x + 3)*(x + 4)*(x + 5)*(x + 6)*(x + 7)*(x + 8)*(x + 9)*(x + 10)*(x + 11)*(x + 12)*(x + 13)*(x + 14)*(x + 15)*(x + 16)", "variable": "x", "order": 10 }""", 422)]
    public async Task A_heavy_calculation_says_the_CPU_it_took_in_Server_Timing(string body, int status)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.Differentiate, body);

        Assert.Equal(status, (int)response.StatusCode);
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"));
        var match = System.Text.RegularExpressions.Regex.Match(timing, @"^cpu;dur=(\d+(\.\d+)?);desc=""calculation CPU""$");
        Assert.True(match.Success, timing);
        Assert.True(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0, timing);
    }

    [Fact]
    public async Task A_heavy_calculation_runs_at_a_lower_priority_than_the_threads_of_cheap_requests()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var own = BackgroundThread.CurrentNice();
        var heavy = await BackgroundThread.Run(() => Task.FromResult(BackgroundThread.CurrentNice()));

        Assert.Equal(own + BackgroundThread.Nice, heavy);
        // The thread that ran it is gone; the caller's thread keeps its own priority.
        Assert.Equal(own, BackgroundThread.CurrentNice());
    }
}
