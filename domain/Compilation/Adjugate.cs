namespace CalcApi.Domain.Compilation;

/// <summary>
/// adj(A)' = det(A) inv(A)', the gradient of det, computed without dividing by det(A), so that it is
/// right where A is singular too (as the evaluator's is), in the program's own memory: nothing allocated.
/// </summary>
/// <remarks>
/// From the LU factorisation with complete pivoting P A Q = L U (the pivots |u_11| ≥ |u_22| ≥ …, so a
/// singular A of rank n-1 has its one zero pivot last): adj(A) = det(P) det(Q) Q adj(U) L⁻¹ P, and with
/// U = [U₁ u; 0 u_nn], adj(U) = [d u_nn U₁⁻¹, -d U₁⁻¹ u; 0, d] where d = det(U₁). Rank below n-1: adj(A) = 0.
/// </remarks>
internal static class Adjugate
{
    /// <summary>The memory <see cref="Transposed"/> needs besides its input and output, for an n×n matrix.</summary>
    public static int ScratchLength(int n) => (n * n) + (2 * n);

    /// <summary>dst (n×n) = adj(a)', a (n×n), both row-major; scratch of <see cref="ScratchLength"/>.</summary>
    public static void Transposed(Span<double> dst, ReadOnlySpan<double> a, Span<double> scratch, int n)
    {
        if (!AllFinite(a))
        {
            // An infinite or NaN entry: NaN, which the run reports as diverged.
            dst.Fill(double.NaN);
            return;
        }

        var lu = scratch[..(n * n)];
        var rowOf = scratch.Slice(n * n, n);
        var colOf = scratch.Slice((n * n) + n, n);
        var sign = Factorise(a, lu, rowOf, colOf, n, out var rank);
        if (rank < n - 1)
        {
            dst.Clear();
            return;
        }

        // dst = adj(U), upper triangular: the block formula above, U₁⁻¹ by back substitution column by column.
        var m = n - 1;
        var d = 1.0;
        for (var k = 0; k < m; k++)
        {
            d *= lu[(k * n) + k];
        }

        dst.Clear();
        for (var j = 0; j < m; j++)
        {
            for (var i = j; i >= 0; i--)
            {
                var s = i == j ? 1.0 : 0.0;
                for (var k = i + 1; k <= j; k++)
                {
                    s -= lu[(i * n) + k] * dst[(k * n) + j];
                }

                dst[(i * n) + j] = s / lu[(i * n) + i];
            }
        }

        // Last column: -d U₁⁻¹ u (before the block is scaled); then the block times d u_nn, and d in the corner.
        for (var i = 0; i < m; i++)
        {
            var s = 0.0;
            for (var k = i; k < m; k++)
            {
                s += dst[(i * n) + k] * lu[(k * n) + m];
            }

            dst[(i * n) + m] = -d * s;
        }

        var corner = lu[(m * n) + m];
        for (var i = 0; i < m; i++)
        {
            for (var j = i; j < m; j++)
            {
                dst[(i * n) + j] *= d * corner;
            }
        }

        dst[(m * n) + m] = d;

        // adj(U) L⁻¹, row by row: x L = w solved from the last entry back (L unit lower triangular, below the diagonal of lu).
        for (var i = 0; i < n; i++)
        {
            var row = dst.Slice(i * n, n);
            for (var j = n - 2; j >= 0; j--)
            {
                var s = row[j];
                for (var k = j + 1; k < n; k++)
                {
                    s -= row[k] * lu[(k * n) + j];
                }

                row[j] = s;
            }
        }

        // adj(A)[q_k, p_l] = sign W[k, l], so adj(A)'[p_l, q_k] = sign W[k, l]; W is copied to lu first (dst is overwritten).
        dst.CopyTo(lu);
        for (var k = 0; k < n; k++)
        {
            for (var l = 0; l < n; l++)
            {
                dst[((int)rowOf[l] * n) + (int)colOf[k]] = sign * lu[(k * n) + l];
            }
        }
    }

    /// <summary>
    /// P A Q = L U with complete pivoting, in place in lu (L below the diagonal, unit diagonal implied);
    /// row k of lu is row rowOf[k] of a, column k is column colOf[k]. Returns det(P) det(Q); rank counts
    /// the pivots before the first exactly zero one (all after it are zero too).
    /// </summary>
    private static double Factorise(ReadOnlySpan<double> a, Span<double> lu, Span<double> rowOf, Span<double> colOf, int n, out int rank)
    {
        a.CopyTo(lu);
        for (var k = 0; k < n; k++)
        {
            rowOf[k] = k;
            colOf[k] = k;
        }

        var sign = 1.0;
        for (var k = 0; k < n; k++)
        {
            var (pr, pc, largest) = (k, k, 0.0);
            for (var r = k; r < n; r++)
            {
                for (var c = k; c < n; c++)
                {
                    if (Math.Abs(lu[(r * n) + c]) > largest)
                    {
                        (pr, pc, largest) = (r, c, Math.Abs(lu[(r * n) + c]));
                    }
                }
            }

            if (largest == 0)
            {
                rank = k;
                return sign;
            }

            if (pr != k)
            {
                SwapRows(lu, rowOf, k, pr, n);
                sign = -sign;
            }

            if (pc != k)
            {
                SwapColumns(lu, colOf, k, pc, n);
                sign = -sign;
            }

            var pivot = lu[(k * n) + k];
            for (var r = k + 1; r < n; r++)
            {
                var l = lu[(r * n) + k] / pivot;
                lu[(r * n) + k] = l;
                for (var c = k + 1; c < n; c++)
                {
                    lu[(r * n) + c] -= l * lu[(k * n) + c];
                }
            }
        }

        rank = n;
        return sign;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static void SwapRows(Span<double> lu, Span<double> rowOf, int i, int j, int n)
    {
        for (var c = 0; c < n; c++)
        {
            (lu[(i * n) + c], lu[(j * n) + c]) = (lu[(j * n) + c], lu[(i * n) + c]);
        }

        (rowOf[i], rowOf[j]) = (rowOf[j], rowOf[i]);
    }

    private static void SwapColumns(Span<double> lu, Span<double> colOf, int i, int j, int n)
    {
        for (var r = 0; r < n; r++)
        {
            (lu[(r * n) + i], lu[(r * n) + j]) = (lu[(r * n) + j], lu[(r * n) + i]);
        }

        (colOf[i], colOf[j]) = (colOf[j], colOf[i]);
    }
}
