using CalcApi.Domain;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Configuration;

public static class LimitsRegistration
{
    /// <summary>
    /// Binds the "Limits" section to the engine's and the web layer's limits, and applies the body-size
    /// limit to Kestrel, so every limit is overridable from configuration (appsettings, environment, tests).
    /// </summary>
    public static IServiceCollection AddCalculationLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RequestLimits.Section);
        services.Configure<EngineLimits>(section);
        services.AddOptions<RequestLimits>()
            .Bind(section)
            .Validate(l => l.RequestTimeoutSeconds is >= 0 and <= int.MaxValue / 1000, "Limits:RequestTimeoutSeconds must be a number of seconds from 0 to 2147483.")
            .Validate(l => l.MaxRequestBodyBytes > 0, "Limits:MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddOptions<SchedulingSettings>()
            .Bind(section)
            .Validate(s => s.MaxConcurrentCalculations >= 1, "Limits:MaxConcurrentCalculations must be at least 1.")
            .Validate(s => s.QueueLength >= 0, "Limits:QueueLength must be 0 or more.")
            .Validate(s => s.QueueTimeoutSeconds is >= 0 and <= int.MaxValue / 1000, "Limits:QueueTimeoutSeconds must be a number of seconds from 0 to 2147483.")
            .ValidateOnStart();
        services.AddSingleton<CalculationBudget>();
        services.AddSingleton<CalculationGate>();
        return services;
    }
}
