namespace CalcApi.Bench.Corpus;

/// <summary>
/// One line of <c>data/scalar-corpus.jsonl</c>: the first derivative of <see cref="Expression"/> with
/// respect to <see cref="Variable"/>, evaluated at <see cref="At"/>. <see cref="Size"/> is n for a
/// scaling case and the number of syntax nodes for a textbook case.
/// </summary>
public sealed record CorpusCase(
    string Id,
    string Expression,
    string Variable,
    IReadOnlyDictionary<string, double> At,
    string Family,
    string Group,
    int Size)
{
    public const string TextbookGroup = "textbook";
    public const string ScalingGroup = "scaling";

    public bool IsScaling => Group == ScalingGroup;

    /// <summary>The point <see cref="At"/> with the variable moved to <paramref name="x"/>.</summary>
    public IReadOnlyDictionary<string, double> AtVariable(double x) =>
        new Dictionary<string, double>(At, StringComparer.Ordinal) { [Variable] = x };
}
