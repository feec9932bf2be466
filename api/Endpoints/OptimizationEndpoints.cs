using System.Net.ServerSentEvents;
using System.Threading.Channels;
using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Errors;
using CalcApi.Domain;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Optimization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CalcApi.Api.Endpoints;

/// <summary>Gradient-descent runs: one answer at the end, or Server-Sent Events as the run goes, and the loss landscape for plots.</summary>
public static class OptimizationEndpoints
{
    public const string OptimizeName = "Optimize";
    public const string OptimizeStreamName = "OptimizeStream";
    public const string LandscapeName = "OptimizeLandscape";

    public static IEndpointRouteBuilder MapOptimization(this IEndpointRouteBuilder app)
    {
        // The routes are full paths (Routes); the group carries only what its endpoints share.
        var api = app.MapGroup(string.Empty).WithTags("Optimisation")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilter(CalculationGate.Filter);

        api.MapPost(Routes.Optimize, Optimize)
            .WithName(OptimizeName)
            .WithSummary("Minimise a loss by gradient descent")
            .WithDescription("Derives the gradient of `loss` with respect to every name in `initial` once, compiles both to fast numeric code, and runs " +
                             "`optimizer.method` (gd, momentum, nesterov, adam, optionally with an Armijo line search; or lbfgs, with a strong-Wolfe line search; or newton, damped by the Armijo search) " +
                             "until the gradient's norm falls below `tolerance`, `maxIterations` run out, the loss diverges, a step leaves the loss's domain, " +
                             "or the time limit is reached. A diverged run is still a 200: `stopReason` says why it stopped and `history` shows the way. " +
                             "`diagnostics` gives the curvature at the initial point (L, μ, κ, 2/L) and what it means for the run.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413RequestEntityTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost(Routes.OptimizeStream, Stream)
            .WithName(OptimizeStreamName)
            .WithSummary("The same run, as Server-Sent Events")
            .WithDescription("Answers text/event-stream: one `iteration` event per recorded iteration (the history point as JSON) as the run goes, " +
                             "then one `summary` event with the whole answer of /api/optimize. A problem found before the run starts is a problem+json " +
                             "answer as usual. A client that disconnects stops its run.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost(Routes.Landscape, Landscape)
            .WithName(LandscapeName)
            .WithSummary("The loss on a grid over its two unknowns, for a contour plot")
            .WithDescription("For a loss with exactly two unknowns (two scalars in `initial`, or one 2-vector), evaluates the loss at " +
                             "`resolution` × `resolution` points of `xRange` × `yRange`, every other value as given.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    public static Results<Ok<OptimizeResponse>, ProblemHttpResult> Optimize(
        OptimizeRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        Prepare(request, budget, requestAborted)
            .OkOrProblem(prepared => OptimizeResponse.From(prepared.Run.Execute(requestAborted), prepared.Method), request.Loss, budget.Limits);

    public static Results<ServerSentEventsResult<object>, ProblemHttpResult> Stream(
        OptimizeRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        Prepare(request, budget, requestAborted)
            .ResultOrProblem(prepared => TypedResults.ServerSentEvents(Events(prepared.Run, prepared.Method, requestAborted)), request.Loss, budget.Limits);

    public static Results<Ok<LandscapeResponse>, ProblemHttpResult> Landscape(
        LandscapeRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), Calculus.Landscape, requestAborted)
            .OkOrProblem(LandscapeResponse.From, request.Loss, budget.Limits);

    /// <summary>Reads the request into a query and prepares the run (derive, compile) within the request's time budget.</summary>
    private static Outcome<(PreparedRun Run, OptimizerMethod Method)> Prepare(OptimizeRequest request, CalculationBudget budget, CancellationToken requestAborted) =>
        budget.Run(request.ToQuery(), (query, limits, time) => Calculus.PrepareOptimization(query, limits, time).Map(run => (run, query.Optimizer.Method)), requestAborted);

    /// <summary>Runs the prepared run on a worker: one <c>iteration</c> event per recorded iteration, then the <c>summary</c>; a client that goes away stops it.</summary>
    private static IAsyncEnumerable<SseItem<object>> Events(PreparedRun run, OptimizerMethod method, CancellationToken requestAborted)
    {
        var events = Channel.CreateUnbounded<SseItem<object>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        _ = Task.Run(() =>
        {
            try
            {
                var result = run.Execute(requestAborted, point => events.Writer.TryWrite(new SseItem<object>(HistoryPointResponse.From(point), "iteration")));
                events.Writer.TryWrite(new SseItem<object>(OptimizeResponse.From(result, method), "summary"));
                events.Writer.Complete();
            }
            catch (Exception ex)
            {
                events.Writer.Complete(ex);
            }
        }, CancellationToken.None);
        return events.Reader.ReadAllAsync(requestAborted);
    }
}
