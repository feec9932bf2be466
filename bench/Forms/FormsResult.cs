namespace CalcApi.Bench.Forms;

/// <summary>
/// One case's sizes: the engine's printed derivative and SymPy's simplified one, each in operations
/// (<see cref="Domain.Syntax.OperationCount"/>). <see cref="Error"/> says why the engine gave no answer, if it did not.
/// </summary>
public sealed record FormsResult(FormsCase Case, SympyForm Sympy, string? EngineText, int? EngineOperations, int? SympyOperations, string? Error)
{
    /// <summary>
    /// Engine over SymPy, when both have a size: 1 is parity, 2 twice SymPy's operations. SymPy's 0 (a constant
    /// derivative) against the engine's 0 is 1, against anything more is infinite.
    /// </summary>
    public double? Ratio => (EngineOperations, SympyOperations) switch
    {
        (int e, int s) when s > 0 => (double)e / s,
        (int e, 0) => e == 0 ? 1 : double.PositiveInfinity,
        _ => null,
    };

    public bool IsCompared => Ratio is not null;
}
