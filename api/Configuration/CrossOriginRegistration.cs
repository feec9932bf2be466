using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Configuration;

/// <summary>Which other origins' browser apps may call /api, from the "Cors" section (contract section 10).</summary>
public sealed record CrossOriginSettings
{
    public const string Section = "Cors";

    /// <summary>
    /// Origins allowed to call /api from a browser (<c>https://tool.example.org</c>); empty, the default, or
    /// <c>"*"</c> allows any origin. Never with credentials: the API has no cookies or sessions to share.
    /// </summary>
    public string[] AllowedOrigins { get; init; } = [];

    /// <summary>How long a browser may cache a preflight's answer.</summary>
    public int PreflightMaxAgeSeconds { get; init; } = 3600;

    /// <summary>Whether any origin is allowed.</summary>
    public bool AnyOrigin => AllowedOrigins.Length == 0 || AllowedOrigins.Contains("*", StringComparer.Ordinal);
}

public static class CrossOriginRegistration
{
    /// <summary>The headers a page on another origin may read from an answer, beyond the CORS-safelisted ones.</summary>
    public static readonly string[] ExposedHeaders = ["Retry-After", "Server-Timing"];

    /// <summary>
    /// CORS for /api: a preflight (OPTIONS with Access-Control-Request-Method) is answered 204 with the allowed
    /// origin, methods (GET, POST) and headers; every answer, problems included, carries
    /// Access-Control-Allow-Origin for an allowed origin.
    /// </summary>
    public static IServiceCollection AddCalcCrossOrigin(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound lazily, so configuration added after start-up code runs (tests, environment) applies.
        services.Configure<CrossOriginSettings>(configuration.GetSection(CrossOriginSettings.Section));
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CrossOriginSettings>>((cors, settings) =>
            cors.AddDefaultPolicy(policy => Configure(policy, settings.Value)));
        return services;
    }

    /// <summary>
    /// Runs the CORS middleware on /api only: the playground, Swagger and health checks are same-origin pages
    /// and probes. Placed before the rate limiter, so a preflight is answered without counting as a request.
    /// </summary>
    public static WebApplication UseCalcCrossOrigin(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), branch => branch.UseCors());
        return app;
    }

    private static void Configure(CorsPolicyBuilder policy, CrossOriginSettings settings)
    {
        if (settings.AnyOrigin)
        {
            policy.AllowAnyOrigin();
        }
        else
        {
            policy.WithOrigins(settings.AllowedOrigins);
        }

        policy.WithMethods(HttpMethods.Get, HttpMethods.Post)
            .AllowAnyHeader()
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromSeconds(settings.PreflightMaxAgeSeconds));
    }
}
