using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Engine;

/// <summary>What every use case is kept within: the work budget, the size of a result, the settings of a run.</summary>
public static partial class Calculus
{
    /// <summary>Runs <paramref name="work"/> inside a <see cref="WorkBudget"/>; a limit hit deep inside comes back as its error.</summary>
    private static Outcome<T> Guarded<T>(EngineLimits limits, CancellationToken cancellation, Func<Outcome<T>> work)
    {
        using var budget = WorkBudget.Enter(limits, cancellation);
        return ThrownErrors.Catch(work, limits.MaxNestingDepth);
    }

    /// <summary>Refuses a result too large to print, naming the limit.</summary>
    private static CalcError? TooLarge(Expr result, EngineLimits limits) =>
        result.Size <= limits.MaxResultNodes ? null
        : CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
            $"The result would have {(result.Size == long.MaxValue ? "astronomically many" : result.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for a lower order or a smaller expression.");

    /// <summary>The settings of a run, checked before anything is read.</summary>
    private static CalcError? ValidateRun(OptimizationQuery query, EngineLimits limits)
    {
        if (query.MaxIterations < 1 || query.MaxIterations > limits.MaxIterations)
        {
            return query.MaxIterations < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid maxIterations", $"maxIterations must be at least 1, but it is {query.MaxIterations}.")
                : CalcError.LimitExceeded("maxIterations", limits.MaxIterations, $"maxIterations is {query.MaxIterations:N0}; the limit (maxIterations) is {limits.MaxIterations:N0}.");
        }

        if (!(query.Tolerance >= 0) || !double.IsFinite(query.Tolerance))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid tolerance", $"tolerance must be a finite number >= 0, but it is {query.Tolerance}.");
        }

        // Named limits, never a silent clamp: a history of 100,000 points is refused, not cut to the limit.
        if (query.HistoryPoints is { } points && (points < 2 || points > limits.MaxHistoryPoints))
        {
            return points < 2
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid historyPoints", $"historyPoints must be at least 2 (the first and the last iteration), but it is {points}.")
                : CalcError.LimitExceeded("maxHistoryPoints", limits.MaxHistoryPoints, $"historyPoints is {points:N0}; the limit (maxHistoryPoints) is {limits.MaxHistoryPoints:N0}.");
        }

        var o = query.Optimizer;
        if (!(o.LearningRate > 0) || !double.IsFinite(o.LearningRate))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid learning rate", $"learningRate must be a finite number > 0, but it is {o.LearningRate}.");
        }

        if (!(o.Momentum >= 0 && o.Momentum < 1) || !(o.Beta1 >= 0 && o.Beta1 < 1) || !(o.Beta2 >= 0 && o.Beta2 < 1) || !(o.Epsilon > 0))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid optimizer parameter",
                "momentum, beta1 and beta2 must lie in [0, 1), and epsilon must be > 0.");
        }

        if (query.Initial.Count == 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Nothing to optimise", "`initial` gives no variable to optimise.");
        }

        var both = query.Initial.Keys.FirstOrDefault(n => query.Constants?.ContainsKey(n) ?? false);
        if (both is not null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Variable both optimised and fixed",
                $"'{both}' is in both `initial` (optimised) and `constants` (held fixed); it can only be one.");
        }

        var large = query.Initial.Concat(query.Constants ?? new Dictionary<string, Evaluation.Value>())
            .FirstOrDefault(p => p.Value.Matrix is { } m && m.RowCount * m.ColumnCount > limits.MaxMatrixEntries);
        if (large.Key is not null)
        {
            return CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                $"'{large.Key}' has {large.Value.Matrix!.RowCount * large.Value.Matrix.ColumnCount:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}.");
        }

        return null;
    }
}
