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
    IReadOnlyList<string> Notes);
