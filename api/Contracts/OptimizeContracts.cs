using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Optimization;

namespace CalcApi.Api.Contracts;

/// <summary>A gradient-descent run: minimise <c>loss</c> over the names in <c>initial</c>, holding <c>constants</c> fixed.</summary>
public sealed record OptimizeRequest
{
    /// <summary>The scalar loss, e.g. <c>(a'*W*b - c)^2</c>.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`loss` is required: the scalar function to minimise, e.g. \"(a'*W*b - c)^2\".")]
    public string? Loss { get; init; }

    /// <summary>Kinds of the names, as for /api/matrix-gradient (optional: kinds come from the values in <c>constants</c> and <c>initial</c>).</summary>
    public JsonElement? Variables { get; init; }

    /// <summary>Values held fixed: numbers, arrays (vectors) or arrays of rows (matrices).</summary>
    public JsonElement? Constants { get; init; }

    /// <summary>Starting values of the variables to optimise; every name here is optimised.</summary>
    public JsonElement? Initial { get; init; }

    /// <summary>The method and its parameters; defaults to plain gradient descent with learning rate 0.01.</summary>
    public OptimizerRequest? Optimizer { get; init; }

    /// <summary>The most iterations to run (default 1000; the server caps it, limit maxIterations).</summary>
    public int? MaxIterations { get; init; }

    /// <summary>The run stops as converged when the gradient's norm over all optimised variables falls below this (default 1e-8).</summary>
    public double? Tolerance { get; init; }

    /// <summary>How many iterations the history keeps at most (default 200; first and last are always kept).</summary>
    public int? HistoryPoints { get; init; }

    /// <summary>The run's own time budget in seconds; the server's (limit maxRunSeconds) applies when this is larger or absent.</summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>The engine's query; a field left out keeps the query's (or the optimizer settings') default.</summary>
    public Outcome<OptimizationQuery> ToQuery() =>
        LossInputsReader.Read(Variables, Constants, Initial).Then(inputs =>
        (Optimizer ?? new OptimizerRequest()).ToSettings().Map(settings =>
        {
            var query = new OptimizationQuery(Loss!, inputs.Variables, inputs.Constants, inputs.Initial, settings);
            return query with
            {
                MaxIterations = MaxIterations ?? query.MaxIterations,
                Tolerance = Tolerance ?? query.Tolerance,
                HistoryPoints = HistoryPoints ?? query.HistoryPoints,
                TimeLimit = TimeLimit() ?? query.TimeLimit,
            };
        }));

    /// <summary>The run's own time budget when it is a positive number of seconds, at most an hour.</summary>
    private TimeSpan? TimeLimit() =>
        TimeLimitSeconds is { } seconds && double.IsFinite(seconds) && seconds > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, 3600)) : null;
}

/// <summary>A descent method and its parameters.</summary>
public sealed record OptimizerRequest
{
    /// <summary>"gd" (default), "momentum", "nesterov", "adam", "lbfgs" or "newton".</summary>
    public string? Method { get; init; }

    /// <summary>The step size η (default 0.01); lbfgs and newton choose their own by their line searches and do not use it.</summary>
    public double? LearningRate { get; init; }

    /// <summary>μ for momentum and nesterov (default 0.9).</summary>
    public double? Momentum { get; init; }

    /// <summary>β₁ for adam (default 0.9).</summary>
    public double? Beta1 { get; init; }

    /// <summary>β₂ for adam (default 0.999).</summary>
    public double? Beta2 { get; init; }

    /// <summary>ε for adam (default 1e-8).</summary>
    public double? Epsilon { get; init; }

    /// <summary>"none" (default) or "armijo": backtrack from the method's step until the loss decreases enough. lbfgs always searches for the Wolfe conditions, newton always backtracks (Armijo) from the full Newton step.</summary>
    public string? LineSearch { get; init; }

    /// <summary>For lbfgs: how many past steps shape the direction (default 10, from 1 to 100).</summary>
    public int? Memory { get; init; }

    /// <summary>The most steps lbfgs may remember.</summary>
    public const int MaxMemory = 100;

    /// <summary>The engine's settings; a parameter left out keeps the settings' default. Names are read ignoring case.</summary>
    public Outcome<OptimizerSettings> ToSettings()
    {
        var settings = new OptimizerSettings();
        OptimizerMethod? method = Method?.ToLowerInvariant() switch
        {
            null => settings.Method,
            "gd" => OptimizerMethod.Gd,
            "momentum" => OptimizerMethod.Momentum,
            "nesterov" => OptimizerMethod.Nesterov,
            "adam" => OptimizerMethod.Adam,
            "lbfgs" => OptimizerMethod.Lbfgs,
            "newton" => OptimizerMethod.Newton,
            _ => null,
        };
        if (method is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown method", $"optimizer.method is \"{Method}\"; the methods are gd, momentum, nesterov, adam, lbfgs and newton.");
        }

        if (Memory is < 1 or > MaxMemory)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid memory",
                $"optimizer.memory is {Memory}; it is the number of past steps lbfgs remembers, a whole number from 1 to {MaxMemory}.");
        }

        LineSearch? lineSearch = LineSearch?.ToLowerInvariant() switch
        {
            null => settings.LineSearch,
            "none" => Domain.Optimization.LineSearch.None,
            "armijo" => Domain.Optimization.LineSearch.Armijo,
            _ => null,
        };
        if (lineSearch is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown line search", $"optimizer.lineSearch is \"{LineSearch}\"; it is \"none\" or \"armijo\".");
        }

        return settings with
        {
            Method = method.Value,
            LearningRate = LearningRate ?? settings.LearningRate,
            Momentum = Momentum ?? settings.Momentum,
            Beta1 = Beta1 ?? settings.Beta1,
            Beta2 = Beta2 ?? settings.Beta2,
            Epsilon = Epsilon ?? settings.Epsilon,
            LineSearch = lineSearch.Value,
            Memory = Memory ?? settings.Memory,
        };
    }
}

/// <summary>How a run went: where it ended, why, and the way there.</summary>
public sealed record OptimizeResponse
{
    /// <summary>The method that ran.</summary>
    public required string Method { get; init; }

    /// <summary>True when the run stopped because the gradient's norm fell below the tolerance.</summary>
    public required bool Converged { get; init; }

    /// <summary>Iterations run.</summary>
    public required int Iterations { get; init; }

    /// <summary>
    /// The loss at the last iterate, within 1e-9 relative error (1e-12 absolute near zero) of its exact value there;
    /// null when not finite (the run diverged) or when no value can be promised (then <c>withheld</c> says why).
    /// </summary>
    public double? Loss { get; init; }

    /// <summary>The gradient's norm at the last iterate, to the same precision as <c>loss</c>; null when not finite or withheld.</summary>
    public double? GradientNorm { get; init; }

    /// <summary>
    /// Present only when a final figure could not be promised to the contract's precision at the point reached:
    /// for each of <c>loss</c> and <c>gradientNorm</c> that is null for that reason, a sentence saying why. The run
    /// itself (solution, stopReason, history) is unaffected; history values are the run's own, in double precision.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Withheld { get; init; }

    /// <summary>"tolerance", "maxIterations", "diverged", "timeLimit" or "outsideDomain" (a step left the loss's domain; the solution is the last iterate where it was defined).</summary>
    public required string StopReason { get; init; }

    /// <summary>The last iterate of every optimised variable, in the JSON form of its kind whatever the sizes (a vector of length 1 is [x]).</summary>
    public required Dictionary<string, JsonNode?> Solution { get; init; }

    /// <summary>The gradient of the loss with respect to each optimised variable, as text.</summary>
    public required Dictionary<string, string> Gradient { get; init; }

    /// <summary>The gradients in LaTeX.</summary>
    public required Dictionary<string, string> GradientLatex { get; init; }

    /// <summary>The gradients in presentation MathML.</summary>
    public required Dictionary<string, string> GradientMathml { get; init; }

    /// <summary>The loss as the engine reads it (normalised text).</summary>
    public required string LossExpression { get; init; }

    /// <summary>The loss in LaTeX.</summary>
    public required string LossLatex { get; init; }

    /// <summary>The loss in presentation MathML.</summary>
    public required string LossMathml { get; init; }

    /// <summary>Recorded iterations, downsampled to at most <c>historyPoints</c> (first and last kept).</summary>
    public required IReadOnlyList<HistoryPointResponse> History { get; init; }

    /// <summary>For problems with exactly two unknowns (two scalars or one 2-vector): the names of the path's coordinates; each history point then has <c>position</c>.</summary>
    public IReadOnlyList<string>? PathAxes { get; init; }

    /// <summary>Wall-clock time of the run in milliseconds.</summary>
    public required double ElapsedMilliseconds { get; init; }

    /// <summary>The curvature at the initial point and what it means for this run.</summary>
    public required DiagnosticsResponse Diagnostics { get; init; }

    public static OptimizeResponse From(OptimizationResult r, OptimizerMethod method) => new()
    {
        Method = MethodName(method),
        Converged = r.Converged,
        Iterations = r.Iterations,
        Loss = Finite(r.Loss),
        GradientNorm = Finite(r.GradientNorm),
        Withheld = r.Withheld,
        StopReason = StopReasonName(r.StopReason),
        Solution = r.Solution.ToDictionary(p => p.Key, p => ValueWriter.ToJson(p.Value)),
        Gradient = r.Gradient.ToDictionary(p => p.Key, p => p.Value.Text),
        GradientLatex = r.Gradient.ToDictionary(p => p.Key, p => p.Value.Latex),
        GradientMathml = r.Gradient.ToDictionary(p => p.Key, p => p.Value.MathML),
        LossExpression = r.LossExpression.Text,
        LossLatex = r.LossExpression.Latex,
        LossMathml = r.LossExpression.MathML,
        History = [.. r.History.Select(HistoryPointResponse.From)],
        PathAxes = r.PathAxes,
        ElapsedMilliseconds = Math.Round(r.Elapsed.TotalMilliseconds, 3),
        Diagnostics = DiagnosticsResponse.From(r.Diagnostics),
    };

    public static string MethodName(OptimizerMethod method) => method.ToString().ToLowerInvariant();

    public static string StopReasonName(StopReason reason) => reason switch
    {
        Domain.Optimization.StopReason.Tolerance => "tolerance",
        Domain.Optimization.StopReason.MaxIterations => "maxIterations",
        Domain.Optimization.StopReason.Diverged => "diverged",
        Domain.Optimization.StopReason.OutsideDomain => "outsideDomain",
        _ => "timeLimit",
    };

    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;
}

/// <summary>
/// The loss's curvature at the initial point (from the Hessian of the compiled gradient) and what it means for the
/// run: exact for a quadratic loss, estimated by power iteration where the Hessian would exceed maxMatrixEntries.
/// </summary>
public sealed record DiagnosticsResponse
{
    /// <summary>L, the Hessian's largest eigenvalue at the initial point; null when it could not be measured.</summary>
    public double? Lipschitz { get; init; }

    /// <summary>μ, the Hessian's smallest eigenvalue at the initial point (negative where the loss is not convex there).</summary>
    public double? StrongConvexity { get; init; }

    /// <summary>κ = L/μ; null where μ is not positive (not strongly convex there).</summary>
    public double? ConditionNumber { get; init; }

    /// <summary>2/L: fixed-step gradient descent with a larger learning rate diverges on a quadratic with this curvature.</summary>
    public double? StableStepBound { get; init; }

    /// <summary>True when L and μ are estimated by power iteration on Hessian-vector products rather than taken from the whole Hessian.</summary>
    public required bool Estimated { get; init; }

    /// <summary>
    /// For a quadratic loss and a fixed-step gd or momentum run: the factor by which the error shrinks per iteration in the long run,
    /// predicted from L and μ (max |1 − ηL|, |1 − ημ| for gd); above 1 the run diverges. Absent otherwise.
    /// </summary>
    public double? PredictedRate { get; init; }

    /// <summary>Next to <c>predictedRate</c>: the factor by which the run's gradient norm actually changed per iteration over the second half of the run.</summary>
    public double? ObservedRate { get; init; }

    /// <summary>What the figures mean for this run, in sentences; for newton, also where its Hessian came from and which steps fell back or were damped.</summary>
    public required IReadOnlyList<string> Notes { get; init; }

    public static DiagnosticsResponse From(RunDiagnostics? d) => d is null
        ? new DiagnosticsResponse { Estimated = false, Notes = [] }
        : new DiagnosticsResponse
        {
            Lipschitz = OptimizeResponse.Finite(d.Lipschitz ?? double.NaN),
            StrongConvexity = OptimizeResponse.Finite(d.StrongConvexity ?? double.NaN),
            ConditionNumber = OptimizeResponse.Finite(d.ConditionNumber ?? double.NaN),
            StableStepBound = OptimizeResponse.Finite(d.StableStepBound ?? double.NaN),
            Estimated = d.Estimated,
            PredictedRate = d.PredictedRate,
            ObservedRate = OptimizeResponse.Finite(d.ObservedRate ?? double.NaN),
            Notes = d.Notes,
        };
}

/// <summary>One recorded iteration.</summary>
public sealed record HistoryPointResponse
{
    /// <summary>The iteration (0 is the initial point).</summary>
    public required int Iteration { get; init; }

    /// <summary>The loss at this iterate (null when not finite).</summary>
    public double? Loss { get; init; }

    /// <summary>The gradient's norm at this iterate (null when not finite).</summary>
    public double? GradientNorm { get; init; }

    /// <summary>The length of the step taken from this iterate.</summary>
    public double? StepSize { get; init; }

    /// <summary>The iterate's two coordinates (see <c>pathAxes</c>), for problems with two unknowns.</summary>
    public IReadOnlyList<double?>? Position { get; init; }

    public static HistoryPointResponse From(IterationRecord r) => new()
    {
        Iteration = r.Iteration,
        Loss = OptimizeResponse.Finite(r.Loss),
        GradientNorm = OptimizeResponse.Finite(r.GradientNorm),
        StepSize = OptimizeResponse.Finite(r.StepSize),
        Position = r.Position?.Select(OptimizeResponse.Finite).ToList(),
    };
}

/// <summary>The loss on a grid over its two unknowns, for a contour plot.</summary>
public sealed record LandscapeRequest
{
    /// <summary>The scalar loss.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`loss` is required.")]
    public string? Loss { get; init; }

    /// <summary>Kinds of the names, as for /api/optimize.</summary>
    public JsonElement? Variables { get; init; }

    /// <summary>Values held fixed.</summary>
    public JsonElement? Constants { get; init; }

    /// <summary>Values of the two unknowns (two scalars or one 2-vector); they name the axes.</summary>
    public JsonElement? Initial { get; init; }

    /// <summary>[min, max] of the first unknown.</summary>
    public IReadOnlyList<double>? XRange { get; init; }

    /// <summary>[min, max] of the second unknown.</summary>
    public IReadOnlyList<double>? YRange { get; init; }

    /// <summary>Grid points along each axis (default 60, at most 400).</summary>
    public int? Resolution { get; init; }

    /// <summary>The engine's query; a resolution left out keeps the query's default.</summary>
    public Outcome<LandscapeQuery> ToQuery() =>
        LossInputsReader.Read(Variables, Constants, Initial).Then<LossInputs, LandscapeQuery>(inputs =>
        {
            if (XRange is not [var x0, var x1] || YRange is not [var y0, var y1])
            {
                return new CalcError(ErrorKind.InvalidArgument, "Invalid range", "xRange and yRange are required, each as [min, max].");
            }

            var query = new LandscapeQuery(Loss!, inputs.Variables, inputs.Constants, inputs.Initial, (x0, x1), (y0, y1));
            return query with { Resolution = Resolution ?? query.Resolution };
        });
}

/// <summary>The loss on the grid: <c>values[j][i]</c> is the loss at (xs[i], ys[j]), null where not finite.</summary>
public sealed record LandscapeResponse
{
    /// <summary>The names of the two coordinates.</summary>
    public required IReadOnlyList<string> Axes { get; init; }

    /// <summary>Grid values of the first coordinate.</summary>
    public required IReadOnlyList<double> Xs { get; init; }

    /// <summary>Grid values of the second coordinate.</summary>
    public required IReadOnlyList<double> Ys { get; init; }

    /// <summary>The loss, row j for ys[j], column i for xs[i].</summary>
    public required IReadOnlyList<IReadOnlyList<double?>> Values { get; init; }

    /// <summary>The smallest finite loss on the grid.</summary>
    public double? Min { get; init; }

    /// <summary>The largest finite loss on the grid.</summary>
    public double? Max { get; init; }

    public static LandscapeResponse From(Landscape l) => new() { Axes = l.Axes, Xs = l.Xs, Ys = l.Ys, Values = l.Values, Min = l.Min, Max = l.Max };
}
