using Microsoft.AspNetCore.Http.Timeouts;

namespace CalcApi.Api.Configuration;

public static class TimeoutsRegistration
{
    /// <summary>
    /// The framework's request timeout, a backstop above the engine's own budgets: it cancels the request's
    /// token, which reaches the engine (Limits:RequestTimeoutSeconds, Limits:MaxRunSeconds stop it sooner).
    /// On SIGTERM, the requests in flight are finished (an optimisation run takes at most Limits:MaxRunSeconds).
    /// </summary>
    public static IServiceCollection AddCalcTimeouts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRequestTimeouts(options => options.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(configuration.GetValue("RequestTimeoutBackstopSeconds", 60)),
        });
        services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(configuration.GetValue("ShutdownTimeoutSeconds", 30)));
        return services;
    }
}
