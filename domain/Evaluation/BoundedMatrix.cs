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
    public const double Unit = EntryBounds.Unit;

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

    /// <summary>Whether any entry carries an error (most values from the point carry none).</summary>
    public bool IsUncertain => Array.Exists(Error, e => e != 0);

    public static BoundedMatrix Scalar(double value, double error) => new(1, 1, [value], [error]);

    public static BoundedMatrix Scalar(Bounded scalar) => Scalar(scalar.Value, scalar.Error);

    /// <summary>A value known exactly (a point given in the request: doubles are taken as exact).</summary>
    public static BoundedMatrix Exact(Value value) => value.IsScalar
        ? Scalar(value.Scalar, 0)
        : new(value.Matrix!.RowCount, value.Matrix.ColumnCount, value.Matrix.ToColumnMajorArray(), new double[value.Matrix.RowCount * value.Matrix.ColumnCount]);

    public static BoundedMatrix Of(Matrix<double> value, Matrix<double> error) =>
        new(value.RowCount, value.ColumnCount, Entries(value), Entries(error));

    /// <summary>A dense matrix's column-major entries (its own storage where it has one: not to be written to).</summary>
    public static double[] Entries(Matrix<double> m) => m.AsColumnMajorArray() ?? m.ToColumnMajorArray();

    /// <summary>|m|, entry-wise (in a plain loop: MathNet's entry-wise maps are slow for small matrices).</summary>
    public static Matrix<double> Abs(Matrix<double> m) => Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, Array.ConvertAll(Entries(m), Math.Abs));

    /// <summary>The Frobenius norm, in a plain loop (infinite or NaN where an entry is).</summary>
    public static double Frobenius(Matrix<double> m) => Frobenius(Entries(m));

    public static double Frobenius(double[] entries)
    {
        var squares = 0.0;
        foreach (var x in entries)
        {
            squares += x * x;
        }

        return Math.Sqrt(squares);
    }

    /// <summary>Σ c_k · m_k entry-wise, plus <paramref name="constant"/> in every entry, as a new matrix.</summary>
    public static Matrix<double> Combination(double constant, params ReadOnlySpan<(double Factor, Matrix<double>? Term)> terms)
    {
        var first = terms[0].Term!;
        var result = new double[first.RowCount * first.ColumnCount];
        Array.Fill(result, constant);
        foreach (var (factor, term) in terms)
        {
            if (term is null)
            {
                continue;
            }

            var entries = Entries(term);
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += factor * entries[i];
            }
        }

        return Matrix<double>.Build.Dense(first.RowCount, first.ColumnCount, result);
    }

    /// <summary>The entry at <paramref name="index"/> of a value of <paramref name="count"/> entries: a scalar is broadcast.</summary>
    public double ValueAt(int index) => IsScalar ? Value[0] : Value[index];

    public double ErrorAt(int index) => IsScalar ? Error[0] : Error[index];

    /// <summary>γ(k) = k·u/(1 − k·u): the relative error bound of k roundings in a row (Higham, §3.1).</summary>
    public static double Gamma(double k) => k * Unit / (1 - (k * Unit));
}
