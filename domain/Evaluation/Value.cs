using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Evaluation;

/// <summary>How a value is written in JSON: a number, an array (a vector) or an array of rows (a matrix), whatever its size.</summary>
public enum ValueForm
{
    Number,
    Vector,
    Matrix,
}

/// <summary>
/// A numeric value: a scalar, or a vector (n×1) or matrix held by MathNet.Numerics. A 1×1 value is held as
/// a scalar (a 1×1 result is one), but keeps the <see cref="Form"/> it was given or declared with, so that
/// a vector of length 1 is still written [v] and a 1×1 matrix [[v]].
/// </summary>
public sealed class Value
{
    private Value(double scalar, Matrix<double>? matrix, bool isVector, ValueForm form)
    {
        Scalar = scalar;
        Matrix = matrix;
        IsVector = isVector;
        Form = form;
    }

    public double Scalar { get; }

    public Matrix<double>? Matrix { get; }

    public bool IsScalar => Matrix is null;

    /// <summary>Whether this was given (or is) a column vector rather than a matrix.</summary>
    public bool IsVector { get; }

    /// <summary>The JSON form of the value: what it was given as (or its variable is declared as), not what its size suggests.</summary>
    public ValueForm Form { get; }

    public static Value Of(double scalar) => new(scalar, null, false, ValueForm.Number);

    /// <summary>A computed value; a 1×1 result is a number.</summary>
    public static Value Of(Matrix<double> matrix, bool isVector = false) =>
        matrix.RowCount == 1 && matrix.ColumnCount == 1
            ? Of(matrix[0, 0])
            : isVector && matrix.ColumnCount == 1 ? new(0, matrix, true, ValueForm.Vector) : new(0, matrix, false, ValueForm.Matrix);

    /// <summary>A vector given as an array of numbers; one of length 1 stays a vector.</summary>
    public static Value Vector(IReadOnlyList<double> entries) =>
        Of(Matrix<double>.Build.Dense(entries.Count, 1, (i, _) => entries[i]), isVector: true).As(ValueForm.Vector);

    /// <summary>A matrix given as an array of rows; a 1×1 matrix stays a matrix.</summary>
    public static Value FromRows(IReadOnlyList<IReadOnlyList<double>> rows) =>
        Of(Matrix<double>.Build.Dense(rows.Count, rows.Count == 0 ? 0 : rows[0].Count, (i, j) => rows[i][j])).As(ValueForm.Matrix);

    /// <summary>The same numbers, written in <paramref name="form"/> (a declared kind).</summary>
    public Value As(ValueForm form) => form == Form ? this : new(Scalar, Matrix, IsVector, form);

    public static implicit operator Value(double scalar) => Of(scalar);

    /// <summary>The shape as [rows, cols] (scalars: []).</summary>
    public int[] Dimensions => Matrix is null ? [] : [Matrix.RowCount, Matrix.ColumnCount];

    public override string ToString() => IsScalar ? Scalar.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : Matrix!.ToString();
}
