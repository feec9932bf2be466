using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Evaluation;

/// <summary>A numeric value: a scalar, or a vector (n×1) or matrix held by MathNet.Numerics.</summary>
public sealed class Value
{
    private Value(double scalar, Matrix<double>? matrix, bool isVector)
    {
        Scalar = scalar;
        Matrix = matrix;
        IsVector = isVector;
    }

    public double Scalar { get; }

    public Matrix<double>? Matrix { get; }

    public bool IsScalar => Matrix is null;

    /// <summary>Whether this was given (or is) a column vector rather than a matrix.</summary>
    public bool IsVector { get; }

    public static Value Of(double scalar) => new(scalar, null, false);

    public static Value Of(Matrix<double> matrix, bool isVector = false) =>
        matrix.RowCount == 1 && matrix.ColumnCount == 1 ? new(matrix[0, 0], null, false) : new(0, matrix, isVector && matrix.ColumnCount == 1);

    public static Value Vector(IReadOnlyList<double> entries) =>
        Of(Matrix<double>.Build.Dense(entries.Count, 1, (i, _) => entries[i]), isVector: true);

    public static Value FromRows(IReadOnlyList<IReadOnlyList<double>> rows) =>
        Of(Matrix<double>.Build.Dense(rows.Count, rows.Count == 0 ? 0 : rows[0].Count, (i, j) => rows[i][j]));

    public static implicit operator Value(double scalar) => Of(scalar);

    /// <summary>The shape as [rows, cols] (scalars: []).</summary>
    public int[] Dimensions => Matrix is null ? [] : [Matrix.RowCount, Matrix.ColumnCount];

    public override string ToString() => IsScalar ? Scalar.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : Matrix!.ToString();
}
