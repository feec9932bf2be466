namespace CalcApi.Domain.Shapes;

/// <summary>
/// The shape of a value: rows by columns. Scalars are 1×1, vectors are columns (n×1), a transposed
/// vector is a row (1×n).
/// </summary>
public sealed record Shape(Dim Rows, Dim Cols)
{
    public static Shape Scalar { get; } = new(Dim.One, Dim.One);

    public bool IsScalar => Rows.IsOne && Cols.IsOne;

    public bool IsColumn => Cols.IsOne && !Rows.IsOne;

    public bool IsRow => Rows.IsOne && !Cols.IsOne;

    public bool IsSquare => Rows == Cols;

    public Shape Transposed => IsScalar ? this : new(Cols, Rows);

    /// <summary>"scalar", "vector", "row vector" or "matrix", for messages and responses.</summary>
    public string Kind => IsScalar ? "scalar" : IsColumn ? "vector" : IsRow ? "row vector" : "matrix";

    public override string ToString() => $"{Rows}×{Cols}";
}
