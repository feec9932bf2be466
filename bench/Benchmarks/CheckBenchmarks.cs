using BenchmarkDotNet.Attributes;
using CalcApi.Bench.Check;
using CalcApi.Bench.Corpus;

namespace CalcApi.Bench.Benchmarks;

/// <summary>
/// Checking an answer (<c>Calculus.Check</c>, as <c>POST /api/check</c> does) against the baseline of
/// differentiating the same case (<c>Calculus.Differentiate</c>, as <c>POST /api/differentiate</c> does), so each
/// result is a ratio: how many derivatives one check costs. Two answers per case: the engine's own derivative
/// (equivalent) and twice it (not equivalent, or the derivative plus 1 where it is 0).
/// </summary>
public class CheckBenchmarks
{
    private CorpusCase _case = null!;
    private CheckTrial _own = null!;
    private CheckTrial _wrong = null!;

    [ParamsSource(nameof(CaseIds))]
    public string Case { get; set; } = "";

    public static IEnumerable<string> CaseIds => CheckBenchmarkSelection.CaseIds;

    [GlobalSetup]
    public void Setup()
    {
        _case = CorpusFile.Get(Case);
        var trials = CheckTrial.For(_case, CheckPipeline.Derivative(_case), 0);
        _own = Verified(trials.Single(t => t.Kind == CheckTrial.Own));
        _wrong = Verified(trials.Single(t => t.Kind == CheckTrial.Wrong));
    }

    [Benchmark(Baseline = true, Description = "Differentiate")]
    public object Differentiate() => CheckPipeline.Differentiate(_case);

    [Benchmark(Description = "Check: own derivative")]
    public object CheckOwn() => CheckPipeline.Check(_own);

    [Benchmark(Description = "Check: wrong answer")]
    public object CheckWrong() => CheckPipeline.Check(_wrong);

    /// <summary>A check with the wrong verdict is not worth timing.</summary>
    private static CheckTrial Verified(CheckTrial trial)
    {
        var outcome = CheckPipeline.Check(trial);
        return outcome.IsSuccess && outcome.Value.Verdict == trial.Expected
            ? trial
            : throw new InvalidOperationException($"{trial.Case.Id}, answer '{trial.Answer}': expected {trial.Expected}, got {(outcome.IsSuccess ? outcome.Value.Verdict : outcome.Error!.Detail)}.");
    }
}
