namespace CalcApi.LoadTest;

/// <summary>Latency percentiles (nearest rank) of a set of requests.</summary>
public sealed record LatencySummary(long Count, TimeSpan Mean, TimeSpan P50, TimeSpan P90, TimeSpan P99, TimeSpan Max)
{
    public static LatencySummary Empty { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>From latencies in <see cref="TimeSpan"/> ticks; sorts the array in place.</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return Empty;
        }

        Array.Sort(ticks);
        var mean = (long)ticks.Average(t => (double)t);
        return new LatencySummary(ticks.Length, TimeSpan.FromTicks(mean), At(0.50), At(0.90), At(0.99), TimeSpan.FromTicks(ticks[^1]));

        TimeSpan At(double p) => TimeSpan.FromTicks(ticks[Math.Clamp((int)Math.Ceiling(p * ticks.Length) - 1, 0, ticks.Length - 1)]);
    }
}

/// <summary>One endpoint's share of the measured requests.</summary>
/// <param name="ExpectedProblems">Requests of the deliberately bad kind that got the 4xx problem they should.</param>
public sealed record EndpointSummary(string Endpoint, long Requests, long ExpectedProblems, long Errors, LatencySummary Latency);

/// <summary>One request of the mix: how often it was sent and failed (warm-up included), and its measured latencies.</summary>
public sealed record TemplateSummary(string Name, string Endpoint, Expectation Expect, long Sent, long Errors, LatencySummary Latency)
{
    /// <summary>The server's CPU time for the measured 422 refusals that reported it (Server-Timing), as a distribution.</summary>
    public LatencySummary RefusalCpu { get; init; } = LatencySummary.Empty;
}

/// <summary>One failed request, kept so the report can say exactly what was sent and what came back.</summary>
public sealed record ErrorSample(string Kind, string Request, string Endpoint, string? Body, int? Status, string Detail, TimeSpan Elapsed);

/// <summary>The outcome of a <see cref="LoadRun"/>.</summary>
/// <param name="Requests">Requests started after the warm-up (the measured ones), errors included.</param>
/// <param name="Elapsed">From the end of the warm-up to the last measured answer.</param>
/// <param name="Templates">Every request of the mix; the first requests of a run go through the mix in order, so each is sent at least once.</param>
/// <param name="Errors">Every error, warm-up included.</param>
/// <param name="ErrorsByKind">Errors by kind, e.g. "status 500", "timeout", "connection (ConnectionError)".</param>
/// <param name="ErrorSamples">The first few errors in full.</param>
public sealed record LoadResult(
    LoadOptions Options,
    long Requests,
    TimeSpan Elapsed,
    double RequestsPerSecond,
    LatencySummary Latency,
    IReadOnlyList<EndpointSummary> Endpoints,
    IReadOnlyList<TemplateSummary> Templates,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyList<ErrorSample> ErrorSamples,
    long WarmupRequests,
    long WarmupErrors,
    long ExpectedProblems)
{
    /// <summary>No error at all, and at least one measured request.</summary>
    public bool Succeeded => Errors == 0 && Requests > 0;
}
