using CalcApi.Api.Contracts;
using CalcApi.Domain;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CalcApi.Api.Endpoints;

/// <summary>Liveness and readiness for load balancers and container orchestrators.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    /// <summary>Readiness runs one small derivative through the engine: the service is ready when it can answer.</summary>
    public static IServiceCollection AddCalcHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck("engine", () =>
        {
            var answer = Calculus.Differentiate(new DerivativeQuery("x^2", "x"), EngineLimits.Default);
            return answer.IsSuccess && answer.Value.Derivative.Text == "2*x"
                ? HealthCheckResult.Healthy("d/dx x^2 = 2*x")
                : HealthCheckResult.Unhealthy("The engine did not differentiate x^2.");
        }, tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.Health, Health)
            .WithName("Health")
            .WithSummary("Whether the service answers")
            .WithDescription("Answers {\"status\": \"ok\"} while the service is up.")
            .WithTags("Health");

        app.MapHealthChecks(Routes.HealthLive, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus })
            .WithTags("Health").WithSummary("Liveness: the process is up (no checks run)");
        app.MapHealthChecks(Routes.HealthReady, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteStatus })
            .WithTags("Health").WithSummary("Readiness: the engine answers a small derivative");
        return app;
    }

    public static Ok<HealthResponse> Health() => TypedResults.Ok(new HealthResponse("ok"));

    private static Task WriteStatus(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new HealthResponse(report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString().ToLowerInvariant()));
}
