namespace CalcApi.Api.Configuration;

/// <summary>
/// The web layer's own limits, bound from the same configuration section ("Limits") as the engine's
/// <see cref="CalcApi.Domain.EngineLimits"/>. Each has a stable camelCase name that errors report.
/// </summary>
public sealed record RequestLimits
{
    public const string Section = "Limits";

    /// <summary>Wall-clock seconds one calculation may take before it answers 422 (limit requestTimeout).</summary>
    public double RequestTimeoutSeconds { get; init; } = 5;

    /// <summary>Bytes in one request body; a larger body answers 413 (limit maxRequestBodyBytes).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1_048_576;
}
