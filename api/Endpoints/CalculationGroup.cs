using CalcApi.Api.Configuration;

namespace CalcApi.Api.Endpoints;

/// <summary>What every endpoint that calculates shares: the scheduling gate and the problems it can answer.</summary>
public static class CalculationGroup
{
    /// <summary>A group of calculation endpoints under <paramref name="tag"/>: 400, 413, 422 and 503 problems, through <see cref="CalculationGate.Filter"/>.</summary>
    public static RouteGroupBuilder MapCalculations(this IEndpointRouteBuilder app, string tag) =>
        app.MapGroup(string.Empty)
            .WithTags(tag)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413RequestEntityTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter(CalculationGate.Filter);
}
