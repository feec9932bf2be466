using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Compilation;

/// <summary>det, logdet and inv of a square matrix through MathNet's LU factorisation (these allocate on every run).</summary>
internal static class Factorisations
{
    /// <summary>dst = det(a), logdet(a) or inv(a) as <paramref name="i"/> says; NaN where a cannot be factorised.</summary>
    public static void Run(in Instruction i, Span<double> dst, ReadOnlySpan<double> a)
    {
        try
        {
            FactorisedUnchecked(i, dst, a);
        }
        catch (Exception ex) when (ex is MathNet.Numerics.NonConvergenceException or ArithmeticException or ArgumentException)
        {
            // A matrix too badly scaled to factorise: NaN, which the run reports as diverged.
            dst.Fill(double.NaN);
        }
    }

    private static void FactorisedUnchecked(in Instruction i, Span<double> dst, ReadOnlySpan<double> a)
    {
        var n = i.A.Rows;
        var values = a.ToArray();
        var matrix = Matrix<double>.Build.Dense(n, n, (r, c) => values[(r * n) + c]);
        switch (i.Op)
        {
            case OpCode.Det:
                dst[0] = matrix.Determinant();
                break;
            case OpCode.LogDet:
                var det = matrix.Determinant();
                dst[0] = det > 0 ? Math.Log(det) : double.NaN;
                break;
            default:
                var inverse = matrix.Inverse();
                for (var r = 0; r < n; r++)
                {
                    for (var c = 0; c < n; c++)
                    {
                        dst[(r * n) + c] = inverse[r, c];
                    }
                }

                break;
        }
    }
}
