namespace CalcApi.Api.Contracts;

/// <summary>The service's health.</summary>
/// <param name="Status">Always <c>ok</c> while the service answers.</param>
public sealed record HealthResponse(string Status);
