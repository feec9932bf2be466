using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// A scalar, vector or matrix of doubles with, for every entry, a bound on its distance from the exact
/// value (+∞: no bound). Entries are stored column-major, as MathNet.Numerics stores a dense matrix, so
/// that <see cref="Values"/> and <see cref="Errors"/> wrap the arrays without copying. A 1×1 value is a
/// scalar (as <see cref="Value"/> has it), broadcast against any shape.
/// </summary>
internal sealed class BoundedMatrix
{
    /// <summary>The unit roundoff of double precision, 2^-53.</summary>
    public const double Unit = 1.0 / (1L << 53);

    public BoundedMatrix(int rows, int cols, double[] value, double[] error)
    {
        Rows = rows;
        Cols = cols;
        Value = value;
        Error = error;
    }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>The entries, column-major.</summary>
    public double[] Value { get; }

    /// <summary>A bound on each entry's error, column-major.</summary>
    public double[] Error { get; }

    public bool IsScalar => Rows == 1 && Cols == 1;

    public int Count => Value.Length;

    public Matrix<double> Values => Matrix<double>.Build.Dense(Rows, Cols, Value);

    public Matrix<double> Errors => Matrix<double>.Build.Dense(Rows, Cols, Error);

    /// <summary>The entries' absolute values, as a matrix (for |A||B|-style bounds).</summary>
    public Matrix<double> Magnitudes => Matrix<double>.Build.Dense(Rows, Cols, Array.ConvertAll(Value, Math.Abs));

    public static BoundedMatrix Scalar(double value, double error) => new(1, 1, [value], [error]);

    /// <summary>A value known exactly (a point given in the request: doubles are taken as exact).</summary>
    public static BoundedMatrix Exact(Value value) => value.IsScalar
        ? Scalar(value.Scalar, 0)
        : new(value.Matrix!.RowCount, value.Matrix.ColumnCount, value.Matrix.ToColumnMajorArray(), new double[value.Matrix.RowCount * value.Matrix.ColumnCount]);

    public static BoundedMatrix Of(Matrix<double> value, Matrix<double> error) =>
        new(value.RowCount, value.ColumnCount, value.ToColumnMajorArray(), error.ToColumnMajorArray());

    /// <summary>The entry at <paramref name="index"/> of a value of <paramref name="count"/> entries: a scalar is broadcast.</summary>
    public double ValueAt(int index) => IsScalar ? Value[0] : Value[index];

    public double ErrorAt(int index) => IsScalar ? Error[0] : Error[index];

    /// <summary>γ(k) = k·u/(1 − k·u): the relative error bound of k roundings in a row (Higham, §3.1).</summary>
    public static double Gamma(double k) => k * Unit / (1 - (k * Unit));
}
