using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Configuration;

/// <summary>The per-client rate limit, from the "RateLimiting" section.</summary>
public sealed record RateLimitingSettings
{
    public const string Section = "RateLimiting";

    /// <summary>Requests to /api per client address per minute; 0 turns the limit off. The default lets a classroom behind one address work.</summary>
    public int PermitsPerMinute { get; init; } = 1200;
}

public static class RateLimitingRegistration
{
    /// <summary>
    /// A fixed-window limit per client address on /api (health checks, the playground and the API
    /// documentation are not limited), answering 429 problem+json with Retry-After.
    /// </summary>
    public static IServiceCollection AddCalcRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound lazily, so configuration added after start-up code runs (tests, environment) applies.
        services.Configure<RateLimitingSettings>(configuration.GetSection(RateLimitingSettings.Section));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                Permits(context) is var permits && (permits <= 0 || !context.Request.Path.StartsWithSegments("/api"))
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = permits,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        }));
            options.OnRejected = async (rejected, cancellation) =>
            {
                var permits = Permits(rejected.HttpContext);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    title: "Too many requests",
                    detail: $"This client has sent more than {permits} requests this minute (limit permitsPerMinute); try again in {seconds} s.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    extensions: new Dictionary<string, object?> { ["limit"] = "permitsPerMinute", ["max"] = permits, ["retryAfterSeconds"] = seconds })
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    private static int Permits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitingSettings>>().CurrentValue.PermitsPerMinute;
}
