using System.Numerics;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Determinants, inverses and adjugates of matrices of <see cref="BigFloat"/> entries, exactly: every
/// entry is a binary fraction, so each row is an integer row times a power of two (A = diag(2^r)·M), and
/// fraction-free elimination (Bareiss; its Gauss–Jordan form on [M | I]) works on integers whose every
/// division is exact. The results are exact for the matrix given (its entries may already be rounded);
/// an inverse is rounded once, at the end. A singular matrix is decided exactly: it has no inverse, but
/// its adjugate is still found, from cofactors, for matrices of up to <see cref="MaxCofactorSize"/> rows.
/// </summary>
internal static class ExactLinearAlgebra
{
    /// <summary>The widest spread of binary exponents within one row; beyond it the integers would be absurd.</summary>
    private const long MaxRowSpread = 4096;

    /// <summary>The largest singular matrix whose adjugate is found from its n² cofactors.</summary>
    public const int MaxCofactorSize = 12;

    /// <summary>det(A), exactly.</summary>
    public static BigFloat Determinant(PreciseMatrix a, PreciseWork work)
    {
        var m = Integers(a, out var rowExponents);
        return new BigFloat(Bareiss(m, work), rowExponents.Sum());
    }

    /// <summary>A⁻¹ rounded to <paramref name="bits"/>, or null when A is singular.</summary>
    public static PreciseMatrix? Inverse(PreciseMatrix a, int bits, PreciseWork work)
    {
        var m = Integers(a, out var rowExponents);
        if (GaussJordan(m, work) is not var (scaled, pivot, _))
        {
            return null;
        }

        // M⁻¹ = R/d, and A⁻¹ = M⁻¹·diag(2^-r).
        return PreciseMatrix.Build(a.Rows, a.Cols, (i, j) =>
            BigFloat.ScaleB(BigFloat.Divide(BigFloat.FromInteger(scaled[i][j]), BigFloat.FromInteger(pivot), bits), -rowExponents[j]));
    }

    /// <summary>adj(A) = det(A)·A⁻¹, continuous in A and defined where A is singular too.</summary>
    public static PreciseMatrix Adjugate(PreciseMatrix a, int bits, PreciseWork work)
    {
        var n = a.Rows;
        var m = Integers(a, out var rowExponents);
        BigInteger[][] adjugate;
        if (GaussJordan(m, work) is var (scaled, _, sign))
        {
            adjugate = [.. scaled.Select(row => row.Select(x => sign * x).ToArray())];
        }
        else if (n <= MaxCofactorSize)
        {
            adjugate = Cofactors(m, work);
        }
        else
        {
            throw new CalcException(new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The {n}×{n} matrix is singular in arbitrary precision, and its adjugate is found from cofactors only up to {MaxCofactorSize}×{MaxCofactorSize}."));
        }

        // adj(D·M) = adj(M)·det(D)·D⁻¹ for D = diag(2^r).
        var total = rowExponents.Sum();
        return PreciseMatrix.Build(n, n, (i, j) => new BigFloat(adjugate[i][j], total - rowExponents[j]).Round(bits));
    }

    /// <summary>The integer matrix M and exponents r with A = diag(2^r)·M.</summary>
    private static BigInteger[][] Integers(PreciseMatrix a, out long[] rowExponents)
    {
        var exponents = new long[a.Rows];
        var rows = new BigInteger[a.Rows][];
        for (var i = 0; i < a.Rows; i++)
        {
            var row = Enumerable.Range(0, a.Cols).Select(j => a[i, j]).ToArray();
            var nonzero = row.Where(x => !x.IsZero).ToList();
            var low = nonzero.Count == 0 ? 0 : nonzero.Min(x => x.Exponent);
            var high = nonzero.Count == 0 ? 0 : nonzero.Max(x => x.Exponent);
            if (high - low > MaxRowSpread)
            {
                throw new CalcException(new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                    $"The entries of a matrix differ in scale by a factor of about 2^{high - low}: too badly scaled to evaluate in arbitrary precision."));
            }

            exponents[i] = low;
            rows[i] = [.. row.Select(x => x.IsZero ? BigInteger.Zero : x.Mantissa << (int)(x.Exponent - low))];
        }

        rowExponents = exponents;
        return rows;
    }

    /// <summary>det(M) by Bareiss's fraction-free elimination (M is overwritten).</summary>
    private static BigInteger Bareiss(BigInteger[][] m, PreciseWork work)
    {
        var n = m.Length;
        var previous = BigInteger.One;
        var sign = 1;
        for (var k = 0; k < n - 1; k++)
        {
            if (!Pivot(m, k, ref sign))
            {
                return BigInteger.Zero;
            }

            work.Charge((long)(n - k - 1) * (n - k - 1) * 2 * PerMultiply(m, k), "a determinant");
            for (var i = k + 1; i < n; i++)
            {
                for (var j = k + 1; j < n; j++)
                {
                    m[i][j] = ExactQuotient((m[k][k] * m[i][j]) - (m[i][k] * m[k][j]), previous);
                }

                m[i][k] = BigInteger.Zero;
            }

            previous = m[k][k];
        }

        return sign * m[n - 1][n - 1];
    }

    /// <summary>
    /// Fraction-free Gauss–Jordan on [M | I]: at the end the left block is d·I (d = ±det M) and the right block
    /// R = d·M⁻¹, all integers. Null when M is singular. <c>Sign</c> is that of the row exchanges (det M = Sign·d).
    /// </summary>
    private static (BigInteger[][] Scaled, BigInteger Pivot, int Sign)? GaussJordan(BigInteger[][] m, PreciseWork work)
    {
        var n = m.Length;
        var rows = new BigInteger[n][];
        for (var i = 0; i < n; i++)
        {
            rows[i] = new BigInteger[2 * n];
            Array.Copy(m[i], rows[i], n);
            rows[i][n + i] = BigInteger.One;
        }

        var previous = BigInteger.One;
        var sign = 1;
        for (var k = 0; k < n; k++)
        {
            if (!Pivot(rows, k, ref sign))
            {
                return null;
            }

            work.Charge((long)(n - 1) * 2 * n * 2 * PerMultiply(rows, k), "an inverse");
            for (var i = 0; i < n; i++)
            {
                if (i == k)
                {
                    continue;
                }

                var factor = rows[i][k];
                for (var j = 0; j < 2 * n; j++)
                {
                    if (j != k)
                    {
                        rows[i][j] = ExactQuotient((rows[k][k] * rows[i][j]) - (factor * rows[k][j]), previous);
                    }
                }

                rows[i][k] = BigInteger.Zero;
            }

            previous = rows[k][k];
        }

        return ([.. rows.Select(row => row[n..])], previous, sign);
    }

    /// <summary>adj(M)_ij = (−1)^(i+j) det(M without row j and column i).</summary>
    private static BigInteger[][] Cofactors(BigInteger[][] m, PreciseWork work)
    {
        var n = m.Length;
        var adjugate = new BigInteger[n][];
        for (var i = 0; i < n; i++)
        {
            adjugate[i] = new BigInteger[n];
            for (var j = 0; j < n; j++)
            {
                var minor = m.Where((_, r) => r != j).Select(row => row.Where((_, c) => c != i).ToArray()).ToArray();
                var det = n == 1 ? BigInteger.One : Bareiss(minor, work);
                adjugate[i][j] = ((i + j) & 1) == 0 ? det : -det;
            }
        }

        return adjugate;
    }

    /// <summary>Brings a row with a nonzero entry in column k to row k (counting the exchange in the sign); false if there is none.</summary>
    private static bool Pivot(BigInteger[][] m, int k, ref int sign)
    {
        var n = m.Length;
        var p = k;
        while (p < n && m[p][k].IsZero)
        {
            p++;
        }

        if (p == n)
        {
            return false;
        }

        if (p != k)
        {
            (m[p], m[k]) = (m[k], m[p]);
            sign = -sign;
        }

        return true;
    }

    private static long PerMultiply(BigInteger[][] m, int k) => PreciseWork.PerMultiply((long)m[k].Max(x => x.GetBitLength()) * 2);

    /// <summary>a / b where b divides a: the elimination's divisions are exact, and a remainder would be a bug.</summary>
    private static BigInteger ExactQuotient(BigInteger a, BigInteger b)
    {
        var quotient = BigInteger.DivRem(a, b, out var remainder);
        return remainder.IsZero ? quotient : throw new InvalidOperationException("A fraction-free elimination step left a remainder.");
    }
}
