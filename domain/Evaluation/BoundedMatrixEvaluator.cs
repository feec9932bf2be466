using System.Numerics;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;
using MathNet.Numerics.LinearAlgebra;
using static CalcApi.Domain.Evaluation.BoundedMatrix;
using Zeros = CalcApi.Domain.Expressions.Zeros;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// The double evaluation of <see cref="MatrixEvaluator"/>, carrying for every entry of every node a bound
/// on its distance from the exact value (forward error analysis, as <see cref="BoundedEvaluator"/> does for
/// scalars): a sum adds its terms' bounds and a unit per rounding; a product its factors' relative errors; a
/// function |f'(u)|·err(u) with |f'| estimated by a one-sided difference; a matrix product
/// γ(k)·|A||B| + err(A)(|B| + err(B)) + |A| err(B); trace, sum and norm their entries' bounds and γ(n) of the
/// magnitudes; det, logdet and inv the norm-wise bounds of <see cref="BoundedLinearAlgebra"/>. An argument so
/// uncertain that a first-order bound means nothing gives an infinite bound.
/// <para>
/// The bounds are rigorous up to the rounding of the bounds themselves (a relative O(n·u), far inside the
/// factor of 100 between <see cref="ExactEnough"/>'s tolerances and the contract's). The values are those
/// of <see cref="MatrixEvaluator"/> computed the same way, but need not be identical: the caller transfers
/// the bound to the evaluator's own value by the triangle inequality.
/// </para>
/// </summary>
internal sealed class BoundedMatrixEvaluator
{
    private readonly IReadOnlyDictionary<string, Value> _point;
    private readonly Dictionary<Expr, BoundedMatrix> _memo = new(SameNode.Instance);

    private BoundedMatrixEvaluator(IReadOnlyDictionary<string, Value> point) => _point = point;

    /// <summary>
    /// The value of <paramref name="expression"/> with its bounds, or null where no bound can be found: a
    /// formula undefined where the evaluator's reading is not (det(X)*inv(X)' at a singular X), a matrix too
    /// close to singular for the first-order bounds. A limit (the request's time) is thrown on.
    /// </summary>
    public static BoundedMatrix? Evaluate(Expr expression, IReadOnlyDictionary<string, Value> point)
    {
        try
        {
            return new BoundedMatrixEvaluator(point).Eval(expression);
        }
        catch (CalcException ex) when (ex.Error.Kind != ErrorKind.LimitExceeded)
        {
            return null;
        }
        catch (Exception ex) when (ex is ArithmeticException or ArgumentException or MathNet.Numerics.NonConvergenceException or KeyNotFoundException)
        {
            return null;
        }
    }

    private BoundedMatrix Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        WorkBudget.ThrowIfCancelled();
        var value = e switch
        {
            Number n => Scalar(EntryBounds.Number(n.Value)),
            Constant { Kind: ConstantKind.Pi } => Scalar(Math.PI, Unit * Math.PI),
            Constant { Kind: ConstantKind.E } => Scalar(Math.E, Unit * Math.E),
            Symbol s => Exact(_point[s.Name]),
            MatrixSymbol m => Exact(_point[m.Name]),
            Identity => Exact(Value.Of(Matrix<double>.Build.DenseIdentity(e.Shape.Rows.Size))),
            Ones => Exact(Value.Of(Matrix<double>.Build.Dense(e.Shape.Rows.Size, e.Shape.Cols.Size, 1))),
            Zeros => Exact(Value.Of(Matrix<double>.Build.Dense(e.Shape.Rows.Size, e.Shape.Cols.Size))),
            Sum s => s.Terms.Select(Eval).Aggregate(Add),
            Product p => p.Factors.Select(Eval).Aggregate(Multiply),
            Power p => PowerOf(p),
            Call c => CallOf(c),
            MatMul m => m.Factors.Select(Eval).Aggregate(MatrixProduct),
            Transpose t => Transposed(Eval(t.Operand)),
            MatrixCall c => MatrixCallOf(c),
            _ => throw new ArgumentException($"Cannot evaluate {e.GetType().Name} with a bound."),
        };
        _memo[e] = value;
        return value;
    }

    /// <summary>An entry-wise operation, a scalar broadcast against the other operand's shape.</summary>
    private static BoundedMatrix Entrywise(BoundedMatrix a, BoundedMatrix b, Func<double, double, double, double, Bounded> op)
    {
        var (rows, cols) = a.IsScalar ? (b.Rows, b.Cols) : (a.Rows, a.Cols);
        var count = rows * cols;
        var value = new double[count];
        var error = new double[count];
        for (var i = 0; i < count; i++)
        {
            (value[i], error[i]) = op(a.ValueAt(i), a.ErrorAt(i), b.ValueAt(i), b.ErrorAt(i));
        }

        return new BoundedMatrix(rows, cols, value, error);
    }

    private static BoundedMatrix Map(BoundedMatrix a, Func<double, double, Bounded> op)
    {
        var value = new double[a.Count];
        var error = new double[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            (value[i], error[i]) = op(a.Value[i], a.Error[i]);
        }

        return new BoundedMatrix(a.Rows, a.Cols, value, error);
    }

    private static BoundedMatrix Add(BoundedMatrix a, BoundedMatrix b) => Entrywise(a, b, (x, ex, y, ey) =>
    {
        var sum = x + y;
        return (sum, ex + ey + (Unit * Math.Abs(sum)));
    });

    private static BoundedMatrix Multiply(BoundedMatrix a, BoundedMatrix b) => Entrywise(a, b, (x, ex, y, ey) =>
    {
        var product = x * y;
        return (product, (Math.Abs(x) * ey) + (Math.Abs(y) * ex) + (ex * ey) + (Unit * Math.Abs(product)) + double.Epsilon);
    });

    private BoundedMatrix PowerOf(Power p)
    {
        var b = Eval(p.Base);
        if (p.Exponent is Number { Value: var q })
        {
            return Map(b, (x, ex) => EntryBounds.PowerByNumber(p, q, new Bounded(x, ex)));
        }

        return Entrywise(b, Eval(p.Exponent), (x, ex, n, en) =>
            // A negative base needs an exact integer exponent; the double path rounds one that is nearly so.
            x < 0 && (en > 0 || n != Math.Floor(n)) ? (ScalarMath.Power(x, n, p), double.PositiveInfinity)
            : EntryBounds.Power(p, new Bounded(x, ex), new Bounded(n, en)));
    }

    private BoundedMatrix CallOf(Call c) => Map(Eval(c.Argument), (u, eu) => EntryBounds.Call(c, new Bounded(u, eu)));

    /// <summary>A matrix product, or a scaling where one side is a scalar (a 1×1 result is one).</summary>
    private static BoundedMatrix MatrixProduct(BoundedMatrix a, BoundedMatrix b)
    {
        if (a.IsScalar || b.IsScalar)
        {
            return Multiply(a, b);
        }

        var magnitudeA = a.Magnitudes;
        var magnitudeB = b.Magnitudes;
        var error = Combination(0,
            (Gamma(a.Cols), magnitudeA * magnitudeB),
            (1, a.IsUncertain ? a.Errors * (magnitudeB + b.Errors) : null),
            (1, b.IsUncertain ? magnitudeA * b.Errors : null));
        return Of(a.Values * b.Values, error);
    }

    private static BoundedMatrix Transposed(BoundedMatrix a) => a.IsScalar ? a : Of(a.Values.Transpose(), a.Errors.Transpose());

    private BoundedMatrix MatrixCallOf(MatrixCall c)
    {
        var a = Eval(c.Argument);
        return c.Function switch
        {
            MatrixFunction.Trace => Total(a, Enumerable.Range(0, Math.Min(a.Rows, a.Cols)).Select(i => (i * a.Rows) + i)),
            MatrixFunction.SumAll => Total(a, Enumerable.Range(0, a.Count)),
            MatrixFunction.Norm => Norm(a),
            MatrixFunction.Det => BoundedLinearAlgebra.Determinant(a),
            MatrixFunction.LogDet => BoundedLinearAlgebra.LogDeterminant(a),
            MatrixFunction.Inverse => BoundedLinearAlgebra.Inverse(a),
            MatrixFunction.DiagMatrix => a.IsScalar ? a : Of(
                Matrix<double>.Build.DenseOfDiagonalArray(a.Value[..a.Rows]),
                Matrix<double>.Build.DenseOfDiagonalArray(a.Error[..a.Rows])),
            MatrixFunction.DiagVector => a.IsScalar ? a : Of(
                a.Values.Diagonal().ToColumnMatrix(),
                a.Errors.Diagonal().ToColumnMatrix()),
            _ => throw new ArgumentException($"Cannot evaluate {c.Function} with a bound."),
        };
    }

    /// <summary>The sum of the entries at <paramref name="indices"/>, in order: their bounds and a unit of each partial sum.</summary>
    private static BoundedMatrix Total(BoundedMatrix a, IEnumerable<int> indices)
    {
        double total = 0, error = 0;
        foreach (var i in indices)
        {
            total += a.Value[i];
            error += a.Error[i] + (Unit * Math.Abs(total));
        }

        return Scalar(total, error);
    }

    /// <summary>‖A‖_F: moved by at most ‖err(A)‖_F, and rounded by γ(N + 3) of itself (the squares, their sum, the root).</summary>
    private static BoundedMatrix Norm(BoundedMatrix a)
    {
        double squares = 0, errors = 0;
        for (var i = 0; i < a.Count; i++)
        {
            squares += a.Value[i] * a.Value[i];
            errors += a.Error[i] * a.Error[i];
        }

        var norm = Math.Sqrt(squares);
        return Scalar(norm, (Math.Sqrt(errors) * (1 + (2 * Unit))) + (Gamma(a.Count + 3) * norm) + double.Epsilon);
    }
}
