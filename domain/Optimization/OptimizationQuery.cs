using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Optimization;

/// <summary>A run: minimise <paramref name="Loss"/> over the names in <paramref name="Initial"/>, holding <paramref name="Constants"/> fixed.</summary>
/// <param name="HistoryPoints">How many points of the run to record at most (first and last always kept); from 2 to the limit maxHistoryPoints, default 200 (or the limit, where it is lower).</param>
/// <param name="TimeLimit">The run's own time budget; the server's limit applies when it is larger or absent.</param>
public sealed record OptimizationQuery(
    string Loss,
    IReadOnlyDictionary<string, VariableDeclaration>? Variables,
    IReadOnlyDictionary<string, Value>? Constants,
    IReadOnlyDictionary<string, Value> Initial,
    OptimizerSettings Optimizer,
    int MaxIterations = 1000,
    double Tolerance = 1e-8,
    int? HistoryPoints = null,
    TimeSpan? TimeLimit = null);

/// <summary>One recorded iteration: the loss and gradient norm at the iterate, the length of the step taken from it, and, for problems with two unknowns, the iterate itself.</summary>
public sealed record IterationRecord(int Iteration, double Loss, double GradientNorm, double StepSize, double[]? Position);
