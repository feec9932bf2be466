using CalcApi.Bench.Corpus;

namespace CalcApi.Bench.Check;

/// <summary>
/// One answer checked against one textbook case, as a learner would send it to <c>POST /api/check</c> with the
/// task <c>differentiate</c>: the <see cref="Query"/> and the verdict it must get.
/// </summary>
public sealed record CheckTrial(CorpusCase Case, string Kind, string Answer, Verdict Expected)
{
    /// <summary>The engine's own derivative, as printed: equivalent, and symbolic (it is the expected form itself).</summary>
    public const string Own = "own";

    /// <summary>The derivative times 2, or plus 1 (every other case, and where the derivative is 0 at the case's point): not equivalent.</summary>
    public const string Wrong = "wrong";

    /// <summary><c>(d)/2 + (d)/2</c>: equivalent, a rearrangement the canonical form folds back (symbolic).</summary>
    public const string Halves = "halves";

    /// <summary><c>(d)*(sin(x)^2 + cos(x)^2)</c>: equivalent by an identity the canonical form does not know (numeric).</summary>
    public const string Identity = "identity";

    public static IReadOnlyList<string> Kinds { get; } = [Own, Wrong, Halves, Identity];

    public CheckQuery Query { get; } = new(CheckTask.Differentiate, new SubmittedAnswer(Answer))
    {
        Expression = Case.Expression,
        Variable = Case.Variable,
    };

    /// <summary>The four answers for a case whose derivative the engine prints as <paramref name="derivative"/>.</summary>
    /// <param name="derivative">Its text, and whether it is 0 at the case's point (perhaps everywhere): twice it may be right, plus 1 is not.</param>
    public static IReadOnlyList<CheckTrial> For(CorpusCase c, (string Text, bool Zero) derivative, int index)
    {
        var (text, zero) = derivative;
        var d = $"({text})";
        var v = c.Variable;
        var wrong = zero || index % 2 == 1 ? $"{d} + 1" : $"2*{d}";
        return
        [
            new(c, Own, text, Verdict.Equivalent),
            new(c, Wrong, wrong, Verdict.NotEquivalent),
            new(c, Halves, $"{d}/2 + {d}/2", Verdict.Equivalent),
            new(c, Identity, $"{d}*(sin({v})^2 + cos({v})^2)", Verdict.Equivalent),
        ];
    }
}
