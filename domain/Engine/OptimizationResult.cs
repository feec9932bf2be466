using CalcApi.Domain.Optimization;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Engine;

/// <summary>
/// A finished run as the front door answers it, the loss and gradients printed. It keeps the
/// <c>Optimization</c> namespace its callers know it by, but lives with the front door that builds it
/// (<see cref="RunExecution.Execute"/>), so that the optimisation itself never prints.
/// </summary>
public sealed record OptimizationResult(
    bool Converged,
    int Iterations,
    double Loss,
    double GradientNorm,
    StopReason StopReason,
    IReadOnlyDictionary<string, Value> Solution,
    IReadOnlyDictionary<string, Rendered> Gradient,
    Rendered LossExpression,
    IReadOnlyList<IterationRecord> History,
    IReadOnlyList<string>? PathAxes,
    TimeSpan Elapsed)
{
    /// <summary>
    /// The final figures (<c>loss</c>, <c>gradientNorm</c>) that could not be promised within the contract's
    /// precision at the point reached, each with the reason; those figures are NaN. Null when every figure is given.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Withheld { get; init; }

    /// <summary>The curvature at the initial point and what it means for the run (L, μ, κ, 2/L and notes).</summary>
    public RunDiagnostics? Diagnostics { get; init; }
}
