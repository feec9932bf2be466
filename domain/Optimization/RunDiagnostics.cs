namespace CalcApi.Domain.Optimization;

/// <summary>
/// What the curvature at the initial point says about a run, before it starts: L (the Hessian's largest
/// eigenvalue), μ (its smallest), κ = L/μ where μ &gt; 0, and 2/L, the largest fixed step gradient descent
/// survives on a quadratic with this curvature. For a quadratic loss these are exact (up to rounding);
/// <paramref name="Estimated"/> says they come from power iteration instead. Null where the curvature could
/// not be measured (the loss is undefined next to the initial point). <paramref name="Notes"/> say what follows, in sentences.
/// </summary>
public sealed record RunDiagnostics(
    double? Lipschitz,
    double? StrongConvexity,
    double? ConditionNumber,
    double? StableStepBound,
    bool Estimated,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// For a quadratic loss and a fixed-step gd or momentum run: the factor by which the error (and the gradient) shrinks
    /// per iteration in the long run, from L and μ (max |1 − ηλ| for gd; the larger root of the heavy ball's
    /// characteristic equation for momentum). Above 1, the run diverges. Null otherwise.
    /// </summary>
    public double? PredictedRate { get; init; }

    /// <summary>The factor by which the gradient's norm shrank per iteration over the second half (or more) of the run; given next to <see cref="PredictedRate"/>.</summary>
    public double? ObservedRate { get; init; }
}
