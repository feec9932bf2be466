namespace CalcApi.Api.Configuration;

/// <summary>
/// How heavy calculations share the machine, bound from the "Limits" section like the other limits.
/// A cheap request (see <see cref="CalculationCost"/>) never waits; a heavy one runs when one of
/// <see cref="MaxConcurrentCalculations"/> slots is free, after waiting in a queue bounded in length
/// and in time, and its wait counts against its time budget (Limits:RequestTimeoutSeconds).
/// </summary>
public sealed record SchedulingSettings
{
    /// <summary>Heavy calculations running at once. The default, 1, leaves the other of two cores to cheap requests.</summary>
    public int MaxConcurrentCalculations { get; init; } = 1;

    /// <summary>Heavy calculations waiting for a slot; one more answers 503 with Retry-After at once.</summary>
    public int QueueLength { get; init; } = 32;

    /// <summary>Seconds a heavy calculation may wait for a slot before it answers 503 with Retry-After.</summary>
    public double QueueTimeoutSeconds { get; init; } = 2;
}
