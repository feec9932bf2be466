using System.Numerics.Tensors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Compilation;

/// <summary>The scalar functions applied element-wise, one kernel per <see cref="Function"/>: vectorised where TensorPrimitives has the function, else one element at a time.</summary>
internal static class ElementwiseKernels
{
    /// <summary>dst = f(a), element by element (a and dst of equal length); a value outside f's domain becomes NaN.</summary>
    public static void Apply(Function f, ReadOnlySpan<double> a, Span<double> dst)
    {
        switch (f)
        {
            case Function.Exp: TensorPrimitives.Exp(a, dst); break;
            case Function.Log: TensorPrimitives.Log(a, dst); break;
            case Function.Sin: TensorPrimitives.Sin(a, dst); break;
            case Function.Cos: TensorPrimitives.Cos(a, dst); break;
            case Function.Tan: TensorPrimitives.Tan(a, dst); break;
            case Function.Tanh: TensorPrimitives.Tanh(a, dst); break;
            case Function.Sinh: TensorPrimitives.Sinh(a, dst); break;
            case Function.Cosh: TensorPrimitives.Cosh(a, dst); break;
            case Function.Abs: TensorPrimitives.Abs(a, dst); break;
            case Function.Asin: TensorPrimitives.Asin(a, dst); break;
            case Function.Acos: TensorPrimitives.Acos(a, dst); break;
            case Function.Atan: TensorPrimitives.Atan(a, dst); break;
            default:
                for (var k = 0; k < a.Length; k++)
                {
                    dst[k] = f switch
                    {
                        Function.Sigmoid => ScalarMath.Sigmoid(a[k]),
                        Function.Softplus => ScalarMath.Softplus(a[k]),
                        Function.Log1p => a[k] > -1 ? ScalarMath.LogOnePlus(a[k]) : double.NaN,
                        _ => throw new InvalidOperationException($"No kernel for {f}."),
                    };
                }

                break;
        }
    }
}
