using CalcApi.Api.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Liveness for load balancers and container orchestrators.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", Health)
            .WithName("Health")
            .WithSummary("Whether the service answers")
            .WithDescription("Answers {\"status\": \"ok\"} while the service is up.")
            .WithTags("Health");

        return app;
    }

    public static Ok<HealthResponse> Health() => TypedResults.Ok(new HealthResponse("ok"));
}
