namespace CalcApi.Domain.Compilation;

/// <summary>Where one node's value lives in a compiled program's memory: a row-major block.</summary>
public readonly record struct Slot(int Offset, int Rows, int Cols)
{
    public int Length => Rows * Cols;

    public bool IsScalar => Rows == 1 && Cols == 1;
}
