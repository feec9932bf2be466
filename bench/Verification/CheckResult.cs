using CalcApi.Bench.Corpus;

namespace CalcApi.Bench.Verification;

/// <summary>
/// The verdict on one case: the engine's derivative and its value at <c>at</c>, the two references
/// (central difference of f, forward-mode derivative), and every problem found; none means it passed.
/// </summary>
public sealed record CheckResult(
    CorpusCase Case,
    string? Derivative,
    double? Value,
    FiniteDifference.Estimate? Difference,
    Dual? Forward,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// <summary>A case that was not checked (its timing already timed out), with the reason as its problem.</summary>
    public static CheckResult NotRun(CorpusCase c, string reason) => new(c, null, null, null, null, [reason]);
}
