namespace CalcApi.Bench.Forms;

/// <summary>
/// One case of the forms comparison: d^<see cref="Order"/> f / dx^<see cref="Order"/> of <see cref="Expression"/>,
/// from <c>data/scalar-corpus.jsonl</c> (order 1) or <c>data/high-order-corpus.jsonl</c> (orders 2 to 10).
/// </summary>
public sealed record FormsCase(string Id, string Expression, string Variable, int Order, IReadOnlyDictionary<string, double> At, string Family, string Group)
{
    public const string HighOrderGroup = "high-order";
}

/// <summary>
/// SymPy's answer to one case (a line of <c>data/sympy-forms.jsonl</c>, written by <c>tools/sympy-forms.py</c>):
/// its simplified derivative in our language, or null when <see cref="Status"/> is not <c>ok</c>.
/// </summary>
public sealed record SympyForm(string Id, int Order, string Sympy, string? Simplified, double Seconds, string Status)
{
    public const string Finished = "ok";

    public bool IsFinished => Status == Finished && Simplified is not null;
}
