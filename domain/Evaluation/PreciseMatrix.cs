using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// A scalar, vector or matrix of <see cref="BigFloat"/> entries, row-major. A 1×1 value is a scalar,
/// broadcast against any shape (as <see cref="Value"/> has it).
/// </summary>
internal sealed class PreciseMatrix
{
    public PreciseMatrix(int rows, int cols, BigFloat[] entries)
    {
        Rows = rows;
        Cols = cols;
        Entries = entries;
    }

    public int Rows { get; }

    public int Cols { get; }

    public BigFloat[] Entries { get; }

    public bool IsScalar => Rows == 1 && Cols == 1;

    public int Count => Entries.Length;

    public BigFloat this[int row, int col] => Entries[(row * Cols) + col];

    public BigFloat Scalar => Entries[0];

    public static PreciseMatrix Of(BigFloat scalar) => new(1, 1, [scalar]);

    public static PreciseMatrix Build(int rows, int cols, Func<int, int, BigFloat> entry)
    {
        var entries = new BigFloat[rows * cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                entries[(i * cols) + j] = entry(i, j);
            }
        }

        return new PreciseMatrix(rows, cols, entries);
    }

    /// <summary>A value given in the request, exactly (doubles are exact binary fractions).</summary>
    public static PreciseMatrix Exact(Value value) => value.IsScalar
        ? Of(BigFloat.FromDouble(value.Scalar))
        : Build(value.Matrix!.RowCount, value.Matrix.ColumnCount, (i, j) => BigFloat.FromDouble(value.Matrix[i, j]));

    /// <summary>The entry at <paramref name="index"/> of a value of <paramref name="count"/> entries: a scalar is broadcast.</summary>
    public BigFloat At(int index) => IsScalar ? Entries[0] : Entries[index];

    public PreciseMatrix Map(Func<BigFloat, BigFloat> f) => new(Rows, Cols, Array.ConvertAll(Entries, e => f(e)));

    public PreciseMatrix Transposed() => IsScalar ? this : Build(Cols, Rows, (i, j) => this[j, i]);

    /// <summary>An entry-wise operation, a scalar broadcast against the other operand's shape.</summary>
    public static PreciseMatrix Entrywise(PreciseMatrix a, PreciseMatrix b, Func<BigFloat, BigFloat, BigFloat> op)
    {
        var (rows, cols) = a.IsScalar ? (b.Rows, b.Cols) : (a.Rows, a.Cols);
        var entries = new BigFloat[rows * cols];
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = op(a.At(i), b.At(i));
        }

        return new PreciseMatrix(rows, cols, entries);
    }
}
