using System.Numerics;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;
using Mat = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Domain.Tests.Evaluation;

/// <summary>
/// Exact references for matrix values, independent of the engine's precise path: doubles as exact rationals,
/// and Gauss–Jordan over <see cref="Rational"/> for inverses and determinants.
/// </summary>
internal static class ExactReference
{
    /// <summary>Reads a matrix expression, each name's kind from its value at the point.</summary>
    public static Expr Read(string text, IReadOnlyDictionary<string, Value> at)
    {
        var read = Calculus.Read(text, EngineLimits.Default, at.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value)));
        Assert.True(read.IsSuccess, read.Error?.Detail);
        return read.Value.Expression;
    }

    public static Rational Exact(double x)
    {
        var b = BigFloat.FromDouble(x);
        return b.Exponent >= 0
            ? Rational.FromInteger(b.Mantissa << (int)b.Exponent)
            : new Rational(b.Mantissa, BigInteger.One << (int)-b.Exponent);
    }

    /// <summary>The n×n Hilbert matrix 1/(i + j + 1), rounded to doubles (its entries are then exact as given).</summary>
    public static Mat Hilbert(int n) => Mat.Build.Dense(n, n, (i, j) => 1.0 / (i + j + 1));

    public static Rational[,] Rationals(Mat m)
    {
        var r = new Rational[m.RowCount, m.ColumnCount];
        for (var i = 0; i < m.RowCount; i++)
        {
            for (var j = 0; j < m.ColumnCount; j++)
            {
                r[i, j] = Exact(m[i, j]);
            }
        }

        return r;
    }

    /// <summary>The exact inverse and determinant of a matrix of doubles, by Gauss–Jordan over the rationals.</summary>
    public static (Rational[,] Inverse, Rational Determinant) InverseAndDeterminant(Mat m)
    {
        var n = m.RowCount;
        var a = Rationals(m);
        var x = new Rational[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                x[i, j] = i == j ? Rational.One : Rational.Zero;
            }
        }

        var det = Rational.One;
        for (var k = 0; k < n; k++)
        {
            var p = k;
            while (a[p, k].IsZero)
            {
                p++;
            }

            if (p != k)
            {
                det = -det;
                for (var j = 0; j < n; j++)
                {
                    (a[p, j], a[k, j]) = (a[k, j], a[p, j]);
                    (x[p, j], x[k, j]) = (x[k, j], x[p, j]);
                }
            }

            var pivot = a[k, k];
            det *= pivot;
            for (var j = 0; j < n; j++)
            {
                a[k, j] /= pivot;
                x[k, j] /= pivot;
            }

            for (var i = 0; i < n; i++)
            {
                if (i != k && !a[i, k].IsZero)
                {
                    var f = a[i, k];
                    for (var j = 0; j < n; j++)
                    {
                        a[i, j] -= f * a[k, j];
                        x[i, j] -= f * x[k, j];
                    }
                }
            }
        }

        return (x, det);
    }

    /// <summary>The largest relative error of <paramref name="actual"/> against exact entries (absolute where the exact entry is 0).</summary>
    public static double WorstRelativeError(Mat actual, Rational[,] exact)
    {
        var worst = 0.0;
        for (var i = 0; i < actual.RowCount; i++)
        {
            for (var j = 0; j < actual.ColumnCount; j++)
            {
                worst = Math.Max(worst, RelativeError(actual[i, j], exact[i, j]));
            }
        }

        return worst;
    }

    /// <summary>|actual − exact| / |exact|, computed exactly (absolute where exact is 0).</summary>
    public static double RelativeError(double actual, Rational exact)
    {
        var difference = (Exact(actual) - exact).Abs();
        return exact.IsZero ? difference.ToDouble() : (difference / exact.Abs()).ToDouble();
    }

    public static Mat AsMatrix(Value v) => v.IsScalar ? Mat.Build.Dense(1, 1, v.Scalar) : v.Matrix!;
}
