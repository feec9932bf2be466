using System.Numerics.Tensors;

namespace CalcApi.Domain.Compilation;

/// <summary>The whole-array kernels of a compiled program besides the element-wise functions and the factorisations: powers and matrix products.</summary>
internal static class ArrayKernels
{
    /// <summary>dst = a .^ exponent, element-wise; the common exponents vectorised.</summary>
    public static void Power(Span<double> dst, ReadOnlySpan<double> a, double exponent)
    {
        switch (exponent)
        {
            case 2:
                TensorPrimitives.Multiply(a, a, dst);
                break;
            case 1:
                a.CopyTo(dst);
                break;
            case -1:
                TensorPrimitives.Divide(1.0, a, dst);
                break;
            case 0.5:
                TensorPrimitives.Sqrt(a, dst);
                break;
            default:
                for (var k = 0; k < a.Length; k++)
                {
                    dst[k] = Math.Pow(a[k], exponent);
                }

                break;
        }
    }

    /// <summary>dst (r×c) = a (r×n) * b (n×c), row by row: dst_i = Σ_k a_ik b_k, vectorised over the row.</summary>
    public static void MatMul(Span<double> dst, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int r, int n, int c)
    {
        if (c == 1)
        {
            for (var i = 0; i < r; i++)
            {
                dst[i] = TensorPrimitives.Dot(a.Slice(i * n, n), b);
            }

            return;
        }

        dst.Clear();
        for (var i = 0; i < r; i++)
        {
            var row = dst.Slice(i * c, c);
            for (var k = 0; k < n; k++)
            {
                var aik = a[(i * n) + k];
                if (aik != 0)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(k * c, c), aik, row, row);
                }
            }
        }
    }
}
