using CalcApi.Domain.Optimization;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Engine;

/// <summary>Runs a <see cref="PreparedRun"/> and answers with its loss and gradients printed.</summary>
public static class RunExecution
{
    /// <param name="run">A run from <see cref="Calculus.PrepareOptimization"/>; it can no longer fail with a user error.</param>
    /// <param name="cancellation">Stops the run (with <see cref="StopReason.TimeLimit"/>) when the caller goes away.</param>
    /// <param name="onRecord">Sees each recorded iteration as it happens (for streaming); called on the running thread.</param>
    public static OptimizationResult Execute(this PreparedRun run, CancellationToken cancellation, Action<IterationRecord>? onRecord = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var finished = run.Run(cancellation, onRecord);
        var (descent, solution, history, diagnostics) = finished;
        var figures = FinalFigures.Of(run, finished, cancellation);
        var style = new PrintStyle(run.NaturalLogSpelling);
        var gradient = run.Gradients.ToDictionary(p => p.Key, p => Rendered.Of(p.Value, style), StringComparer.Ordinal);
        return new OptimizationResult(
            descent.StopReason == StopReason.Tolerance, descent.Iterations, figures.Loss, figures.GradientNorm, descent.StopReason,
            solution, gradient, Rendered.Of(run.Loss, style), history, run.PathAxes, clock.Elapsed)
        {
            Withheld = figures.Withheld,
            Diagnostics = diagnostics,
        };
    }
}
