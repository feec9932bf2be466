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
        var api = app.MapGroup("/api/optimize").WithTags("Optimisation");

        api.MapPost("", Optimize)
            .WithName(OptimizeName)
            .WithSummary("Minimise a loss by gradient descent")
            .WithDescription("Derives the gradient of `loss` with respect to every name in `initial` once, compiles both to fast numeric code, and runs " +
                             "`optimizer.method` (gd, momentum, nesterov, adam; optionally with an Armijo line search) until the gradient's norm falls below " +
                             "`tolerance`, `maxIterations` run out, the loss diverges, or the time limit is reached. A diverged run is still a 200: " +
                             "`stopReason` says why it stopped and `history` shows the way.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413RequestEntityTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/stream", Stream)
            .WithName(OptimizeStreamName)
            .WithSummary("The same run, as Server-Sent Events")
            .WithDescription("Answers text/event-stream: one `iteration` event per recorded iteration (the history point as JSON) as the run goes, " +
                             "then one `summary` event with the whole answer of /api/optimize. A problem found before the run starts is a problem+json " +
                             "answer as usual. A client that disconnects stops its run.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/landscape", Landscape)
            .WithName(LandscapeName)
            .WithSummary("The loss on a grid over its two unknowns, for a contour plot")
            .WithDescription("For a loss with exactly two unknowns (two scalars in `initial`, or one 2-vector), evaluates the loss at " +
                             "`resolution` × `resolution` points of `xRange` × `yRange`, every other value as given.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    public static Results<Ok<OptimizeResponse>, ProblemHttpResult> Optimize(
        OptimizeRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var prepared = Prepare(request, budget, requestAborted);
        if (!prepared.IsSuccess)
        {
            return prepared.Error.ToProblem(request.Loss, budget.Limits);
        }

        var (run, method) = prepared.Value;
        return TypedResults.Ok(OptimizeResponse.From(run.Execute(requestAborted), method));
    }

    public static Results<ServerSentEventsResult<object>, ProblemHttpResult> Stream(
        OptimizeRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var prepared = Prepare(request, budget, requestAborted);
        if (!prepared.IsSuccess)
        {
            return prepared.Error.ToProblem(request.Loss, budget.Limits);
        }

        var (run, method) = prepared.Value;
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
        return TypedResults.ServerSentEvents(events.Reader.ReadAllAsync(requestAborted));
    }

    public static Results<Ok<LandscapeResponse>, ProblemHttpResult> Landscape(
        LandscapeRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var loss = request.Loss!;
        var values = ReadValues(request.Variables, request.Constants, request.Initial);
        if (!values.IsSuccess)
        {
            return values.Error.ToProblem(loss, budget.Limits);
        }

        if (request.XRange is not [var x0, var x1] || request.YRange is not [var y0, var y1])
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid range", "xRange and yRange are required, each as [min, max].").ToProblem(loss, budget.Limits);
        }

        var (variables, constants, initial) = values.Value;
        var query = new LandscapeQuery(loss, variables, constants, initial, (x0, x1), (y0, y1), request.Resolution ?? 60);
        var answer = budget.Run((limits, time) => Calculus.Landscape(query, limits, time), requestAborted);
        if (!answer.IsSuccess)
        {
            return answer.Error.ToProblem(loss, budget.Limits);
        }

        var l = answer.Value;
        return TypedResults.Ok(new LandscapeResponse { Axes = l.Axes, Xs = l.Xs, Ys = l.Ys, Values = l.Values, Min = l.Min, Max = l.Max });
    }

    /// <summary>Reads the request into a query and prepares the run (derive, compile) within the request's time budget.</summary>
    private static Outcome<(PreparedRun Run, OptimizerMethod Method)> Prepare(OptimizeRequest request, CalculationBudget budget, CancellationToken requestAborted)
    {
        var values = ReadValues(request.Variables, request.Constants, request.Initial);
        if (!values.IsSuccess)
        {
            return values.Error;
        }

        var settings = ReadOptimizer(request.Optimizer);
        if (!settings.IsSuccess)
        {
            return settings.Error;
        }

        var (variables, constants, initial) = values.Value;
        var timeLimit = request.TimeLimitSeconds is { } seconds && double.IsFinite(seconds) && seconds > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, 3600)) : (TimeSpan?)null;
        var query = new OptimizationQuery(request.Loss!, variables, constants, initial, settings.Value,
            request.MaxIterations ?? 1000, request.Tolerance ?? 1e-8, request.HistoryPoints ?? 200, timeLimit);
        var prepared = budget.Run((limits, time) => Calculus.PrepareOptimization(query, limits, time), requestAborted);
        return prepared.IsSuccess ? (prepared.Value, settings.Value.Method) : prepared.Error;
    }

    private static Outcome<(IReadOnlyDictionary<string, Domain.Binding.VariableDeclaration>?, IReadOnlyDictionary<string, Domain.Evaluation.Value>?, IReadOnlyDictionary<string, Domain.Evaluation.Value>)> ReadValues(
        System.Text.Json.JsonElement? variablesJson, System.Text.Json.JsonElement? constantsJson, System.Text.Json.JsonElement? initialJson)
    {
        var variables = DeclarationReader.Read(variablesJson);
        if (!variables.IsSuccess)
        {
            return variables.Error;
        }

        var constants = ValueReader.Read(constantsJson, "constants");
        if (!constants.IsSuccess)
        {
            return constants.Error;
        }

        var initial = ValueReader.Read(initialJson, "initial");
        if (!initial.IsSuccess)
        {
            return initial.Error;
        }

        if (initial.Value is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Nothing to optimise", "`initial` is required: the starting values of the variables to optimise, e.g. {\"W\": [[0, 0], [0, 0]]}.");
        }

        return (variables.Value, constants.Value, initial.Value);
    }

    private static Outcome<OptimizerSettings> ReadOptimizer(OptimizerRequest? o)
    {
        var defaults = new OptimizerSettings();
        if (o is null)
        {
            return defaults;
        }

        OptimizerMethod? method = (o.Method ?? "gd").ToLowerInvariant() switch
        {
            "gd" => OptimizerMethod.Gd,
            "momentum" => OptimizerMethod.Momentum,
            "nesterov" => OptimizerMethod.Nesterov,
            "adam" => OptimizerMethod.Adam,
            _ => null,
        };
        if (method is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown method", $"optimizer.method is \"{o.Method}\"; the methods are gd, momentum, nesterov and adam.");
        }

        LineSearch? lineSearch = (o.LineSearch ?? "none").ToLowerInvariant() switch
        {
            "none" => Domain.Optimization.LineSearch.None,
            "armijo" => Domain.Optimization.LineSearch.Armijo,
            _ => null,
        };
        if (lineSearch is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown line search", $"optimizer.lineSearch is \"{o.LineSearch}\"; it is \"none\" or \"armijo\".");
        }

        return new OptimizerSettings(method.Value, o.LearningRate ?? defaults.LearningRate, o.Momentum ?? defaults.Momentum,
            o.Beta1 ?? defaults.Beta1, o.Beta2 ?? defaults.Beta2, o.Epsilon ?? defaults.Epsilon, lineSearch.Value);
    }
}
