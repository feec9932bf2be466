using CalcApi.Domain;
using CalcApi.Domain.Errors;
using CalcApi.Bench.Corpus;

namespace CalcApi.Bench.Check;

/// <summary>
/// The two use cases the check mode times, called as the API's endpoints call them (the domain use case with the
/// default limits; the endpoint adds only its time budget's cancellation token): <c>POST /api/check</c> and, as the
/// baseline, <c>POST /api/differentiate</c> of the same case.
/// </summary>
public static class CheckPipeline
{
    public static Outcome<CheckAnswer> Check(CheckTrial trial, CancellationToken cancellation = default) =>
        Calculus.Check(trial.Query, EngineLimits.Default, cancellation);

    public static Outcome<DerivativeAnswer> Differentiate(CorpusCase c, CancellationToken cancellation = default) =>
        Calculus.Differentiate(new DerivativeQuery(c.Expression, c.Variable), EngineLimits.Default, cancellation);

    /// <summary>
    /// The derivative as the engine prints it, which the answers are built from, and whether it is zero at the case's
    /// point: a derivative that is identically 0 is not always printed as 0 (d/dx atan(x) + atan(1/x)), and twice it
    /// is then a right answer.
    /// </summary>
    public static (string Text, bool ZeroAtPoint) Derivative(CorpusCase c)
    {
        var at = c.At.ToDictionary(p => p.Key, p => Domain.Evaluation.Value.Of(p.Value));
        var answer = Calculus.Differentiate(new DerivativeQuery(c.Expression, c.Variable, 1, at), EngineLimits.Default);
        return answer.IsSuccess
            ? (answer.Value.Derivative.Text, answer.Value.Value is double v && Math.Abs(v) < 1e-9)
            : throw new InvalidOperationException($"{c.Id}: {answer.Error!.Detail}");
    }
}
