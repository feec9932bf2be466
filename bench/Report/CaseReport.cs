using CalcApi.Bench.Timing;
using CalcApi.Bench.Verification;

namespace CalcApi.Bench.Report;

/// <summary>Everything the report says about one case: how long it took and whether it is right.</summary>
public sealed record CaseReport(CaseTiming Timing, CheckResult Check)
{
    public Corpus.CorpusCase Case => Timing.Case;
}
