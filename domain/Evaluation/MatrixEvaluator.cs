using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using MathNet.Numerics.LinearAlgebra;
using Zeros = CalcApi.Domain.Expressions.Zeros;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Evaluates expressions of scalars, vectors and matrices at a point, memoised over the DAG. Linear
/// algebra goes through MathNet.Numerics: determinants and inverses through an LU factorisation, logdet
/// from the factors (never forming det, so large matrices do not overflow). A singular matrix, a logdet
/// of a matrix whose determinant is not positive, or a value outside a function's domain is an error.
/// </summary>
public sealed class MatrixEvaluator
{
    /// <summary>Matrices this close to singular (by condition number) are refused rather than inverted.</summary>
    private const double MaxConditionNumber = 1e14;

    private readonly IReadOnlyDictionary<string, Value> _point;
    private readonly Dictionary<Expr, Value> _memo = new(SameNode.Instance);
    private readonly Dictionary<Expr, bool> _scalarLanguage = new(SameNode.Instance);
    private Dictionary<string, double>? _scalarPoint;
    private bool _plain;
    private readonly bool _illConditionedAnswered;

    private MatrixEvaluator(IReadOnlyDictionary<string, Value> point, bool illConditionedAnswered)
    {
        _point = point;
        _illConditionedAnswered = illConditionedAnswered;
    }

    public static Outcome<Value> Evaluate(Expr expression, IReadOnlyDictionary<string, Value> point) =>
        Evaluate(expression, point, illConditionedAnswered: false);

    /// <summary>
    /// The value in double precision. With <paramref name="illConditionedAnswered"/>, an inverse or logdet of a
    /// matrix too close to singular for double precision (condition number over 1e14, a pivot lost in rounding)
    /// is answered with its double value, where that is finite (no zero pivot), instead of refused as singular, for a caller that proves or
    /// recomputes every value (<see cref="MatrixExactEnough"/>): there an invertible matrix, however badly
    /// conditioned, gets its inverse from exact arithmetic, and a singular one is refused on exact grounds.
    /// A matrix singular in double precision too (an infinite condition number, a zero pivot) is refused either way.
    /// </summary>
    internal static Outcome<Value> Evaluate(Expr expression, IReadOnlyDictionary<string, Value> point, bool illConditionedAnswered) =>
        ScalarMath.EvaluateAt<Value>(expression, point.ContainsKey, () => new MatrixEvaluator(point, illConditionedAnswered).Eval(expression));

    private Value Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        WorkBudget.ThrowIfCancelled();
        if (!_plain && e is Sum or Product or Power or Call && IsScalarLanguage(e))
        {
            return ScalarPart(e);
        }

        var value = e switch
        {
            Number n => Value.Of(n.Value.ToDouble()),
            Constant { Kind: ConstantKind.Pi } => Value.Of(Math.PI),
            Constant { Kind: ConstantKind.E } => Value.Of(Math.E),
            Symbol s => _point[s.Name],
            MatrixSymbol m => _point[m.Name],
            Identity => Value.Of(Constant(e, 0, identity: true)),
            Ones => Value.Of(Constant(e, 1)),
            Zeros => Value.Of(Constant(e, 0)),
            Sum s => s.Terms.Select(Eval).Aggregate((a, b) => Combine(a, b, (x, y) => x + y)),
            Product p => ProductOf(p),
            Power p => PowerOf(p),
            Call c => Map(Eval(c.Argument), u => ScalarMath.Apply(c, u)),
            MatMul m => m.Factors.Select(Eval).Aggregate(MatrixProduct),
            Transpose t => Transposed(Eval(t.Operand)),
            MatrixCall c => CallOf(c),
            _ => throw new InvalidOperationException($"Cannot evaluate {e.GetType().Name}."),
        };
        var finite = value.IsScalar ? double.IsFinite(value.Scalar) : value.Matrix!.Enumerate().All(double.IsFinite);
        if (!finite)
        {
            throw ScalarMath.Outside(e, "is not finite at this point");
        }

        _memo[e] = value;
        return value;
    }

    /// <summary>
    /// A scalar part of the scalar language (acosh(tanh(7 pi)) inside logdet(... * I)), its domain decided on the precise
    /// value (<see cref="ExactEnough"/>): in double, tanh(7 pi) is 1.0, and acosh was answered at a point outside its
    /// domain. The value stays the double one, as before (whether it can be promised is the matrix path's own question),
    /// except where double precision alone finds the point outside a domain that the precise value is inside
    /// (atanh(1 - 1e-22)): there the precise value.
    /// </summary>
    private Value ScalarPart(Expr e)
    {
        _scalarPoint ??= _point.Where(p => p.Value.IsScalar).ToDictionary(p => p.Key, p => p.Value.Scalar, StringComparer.Ordinal);
        var exact = ExactEnough.Evaluate(e, _scalarPoint);
        if (!exact.IsSuccess && exact.Error.Kind is not ErrorKind.Precision)
        {
            throw new CalcException(exact.Error);
        }

        _plain = true;
        try
        {
            return Eval(e);
        }
        catch (CalcException ex) when (exact.IsSuccess && ex.Error.Kind == ErrorKind.OutsideDomain)
        {
            var value = Value.Of(exact.Value);
            _memo[e] = value;
            return value;
        }
        finally
        {
            _plain = false;
        }
    }

    /// <summary>Whether every node of <paramref name="e"/> is a scalar of the scalar language (no vector or matrix inside), each shared node decided once.</summary>
    private bool IsScalarLanguage(Expr e)
    {
        if (e is Number or Expressions.Constant or Symbol)
        {
            return true;
        }

        if (_scalarLanguage.TryGetValue(e, out var known))
        {
            return known;
        }

        var scalar = e.IsScalar && e is Sum or Product or Power or Call && e.Children.All(IsScalarLanguage);
        _scalarLanguage[e] = scalar;
        return scalar;
    }

    private static int Size(Shapes.Dim dim, Expr e) =>
        dim.IsConcrete ? dim.Size : throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Size unknown",
            $"The size {dim} of {(e is Identity ? "I" : "a matrix of ones or zeros")} is not known at this point; give values of concrete size."));

    /// <summary>A constant matrix (I, ones, zeros) of the node's shape, refused past maxMatrixEntries.</summary>
    private static Matrix<double> Constant(Expr e, double fill, bool identity = false)
    {
        var (rows, cols) = (Size(e.Shape.Rows, e), Size(e.Shape.Cols, e));
        var limit = WorkBudget.CurrentLimits.MaxMatrixEntries;
        if ((long)rows * cols > limit)
        {
            throw new CalcException(CalcError.LimitExceeded("maxMatrixEntries", limit,
                $"A {rows}×{cols} matrix would exceed the limit (maxMatrixEntries) of {limit:N0} entries."));
        }

        return identity ? Matrix<double>.Build.DenseIdentity(rows) : Matrix<double>.Build.Dense(rows, cols, fill);
    }

    private static Value Combine(Value a, Value b, Func<double, double, double> op)
    {
        if (a.IsScalar && b.IsScalar)
        {
            return Value.Of(op(a.Scalar, b.Scalar));
        }

        if (a.IsScalar)
        {
            return Value.Of(b.Matrix!.Map(x => op(a.Scalar, x)), b.IsVector);
        }

        if (b.IsScalar)
        {
            return Value.Of(a.Matrix!.Map(x => op(x, b.Scalar)), a.IsVector);
        }

        return Value.Of(a.Matrix!.Map2(op, b.Matrix!), a.IsVector);
    }

    private static Value Map(Value v, Func<double, double> f) =>
        v.IsScalar ? Value.Of(f(v.Scalar)) : Value.Of(v.Matrix!.Map(f), v.IsVector);

    /// <summary>
    /// An element-wise product. det(X)^k * inv(X)' (the gradient of det) is evaluated as
    /// det(X)^(k-1) * adj(X)', which is defined where X is singular too.
    /// </summary>
    private Value ProductOf(Product p)
    {
        var factors = p.Factors.ToList();
        var inverse = factors.FindIndex(f => f is Transpose { Operand: MatrixCall { Function: MatrixFunction.Inverse } });
        if (inverse >= 0)
        {
            var x = ((MatrixCall)((Transpose)factors[inverse]).Operand).Argument;
            var det = factors.FindIndex(f => DeterminantPower(f, x) > 0);
            if (det >= 0)
            {
                var k = DeterminantPower(factors[det], x);
                var adjugate = Value.Of(Factorise(x, () => AdjugateTransposed(Eval(x).Matrix!)));
                var rest = factors.Where((_, i) => i != inverse && i != det).Select(Eval).ToList();
                if (k > 1)
                {
                    rest.Add(Value.Of(Math.Pow(Eval(MatrixAlgebra.Apply(MatrixFunction.Det, x)).Scalar, k - 1)));
                }

                return rest.Aggregate(adjugate, (a, b) => Combine(a, b, (u, v) => u * v));
            }
        }

        // det(X)^k * tr(inv(X)*B) (d det(X) in forward mode) as det(X)^(k-1) * tr(adj(X)*B), likewise.
        var trace = factors.FindIndex(f => f is MatrixCall { Function: MatrixFunction.Trace } t && TraceChain(t)[0] is MatrixCall { Function: MatrixFunction.Inverse });
        if (trace >= 0)
        {
            var chain = TraceChain((MatrixCall)factors[trace]);
            var x = ((MatrixCall)chain[0]).Argument;
            var det = factors.FindIndex(f => DeterminantPower(f, x) > 0);
            if (det >= 0)
            {
                var k = DeterminantPower(factors[det], x);
                var adjugate = Factorise(x, () => AdjugateTransposed(Eval(x).Matrix!)).Transpose();
                var rest = chain.Skip(1).Select(Eval).Aggregate(Value.Of(adjugate), MatrixProduct);
                var others = factors.Where((_, i) => i != trace && i != det).Select(Eval).ToList();
                others.Add(Value.Of(rest.IsScalar ? rest.Scalar : rest.Matrix!.Trace()));
                if (k > 1)
                {
                    others.Add(Value.Of(Math.Pow(Eval(MatrixAlgebra.Apply(MatrixFunction.Det, x)).Scalar, k - 1)));
                }

                return others.Aggregate((a, b) => Combine(a, b, (u, v) => u * v));
            }
        }

        return factors.Select(Eval).Aggregate((a, b) => Combine(a, b, (u, v) => u * v));
    }

    /// <summary>The factors under a trace: tr(A*B*C) gives A, B, C; tr(A) gives A.</summary>
    private static IReadOnlyList<Expr> TraceChain(MatrixCall trace) =>
        trace.Argument is MatMul m ? m.Factors : [trace.Argument];

    /// <summary>k when f is det(x)^k for a positive integer k; 0 otherwise (the compiler matches det's gradient the same way).</summary>
    internal static int DeterminantPower(Expr f, Expr x) => f switch
    {
        MatrixCall { Function: MatrixFunction.Det } d when d.Argument.Equals(x) => 1,
        Power { Base: MatrixCall { Function: MatrixFunction.Det } d, Exponent: Number { Value: { IsInteger: true } k } }
            when d.Argument.Equals(x) && k.Sign > 0 && k.Numerator <= 64 => (int)k.Numerator,
        _ => 0,
    };

    /// <summary>adj(A)' = det(U) det(V) U diag(Π_{j≠i} σ_j) V' from A = U Σ V': continuous, so right for singular A too.</summary>
    private static Matrix<double> AdjugateTransposed(Matrix<double> a)
    {
        var svd = a.Svd(computeVectors: true);
        var sigma = svd.S;
        var n = sigma.Count;
        var cofactors = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            var product = 1.0;
            for (var j = 0; j < n; j++)
            {
                if (j != i)
                {
                    product *= sigma[j];
                }
            }

            cofactors[i, i] = product;
        }

        var sign = Math.Sign(svd.U.Determinant()) * Math.Sign(svd.VT.Determinant());
        return sign * (svd.U * cofactors * svd.VT);
    }

    private Value PowerOf(Power p)
    {
        var b = Eval(p.Base);
        var x = p.Exponent is Number ? Value.Of(0) : Eval(p.Exponent);
        return Combine(b, x, (bb, xx) => ScalarMath.Power(bb, xx, p));
    }

    private static Value MatrixProduct(Value a, Value b) =>
        a.IsScalar || b.IsScalar ? Combine(a, b, (x, y) => x * y) : Value.Of(a.Matrix! * b.Matrix!, b.IsVector);

    private static Value Transposed(Value v) => v.IsScalar ? v : Value.Of(v.Matrix!.Transpose());

    /// <summary>
    /// Linear algebra that fails to converge (entries of 1e200) is refused for precision: the matrix may well be
    /// inside the domain, double precision just cannot say (contract section 5: refused, not called undefined).
    /// </summary>
    private static T Factorise<T>(Expr node, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception ex) when (ex is MathNet.Numerics.NonConvergenceException or ArithmeticException or ArgumentException)
        {
            throw new CalcException(new CalcError(ErrorKind.Precision, "Matrix cannot be factorised",
                $"{Describe(node)}: the matrix is too badly scaled at this point for a reliable factorisation ({ex.GetType().Name})."));
        }
    }

    private Value CallOf(MatrixCall c)
    {
        var a = Eval(c.Argument);
        if (a.IsScalar)
        {
            throw new InvalidOperationException("Matrix functions of scalars are simplified away.");
        }

        var m = a.Matrix!;
        return c.Function switch
        {
            MatrixFunction.Trace => Value.Of(m.Trace()),
            MatrixFunction.Det => Value.Of(Factorise(c, () => m.Determinant())),
            MatrixFunction.LogDet => Value.Of(Factorise(c, () => LogDet(m, c, _illConditionedAnswered))),
            MatrixFunction.Inverse => Value.Of(Factorise(c, () => Inverse(m, c, _illConditionedAnswered))),
            MatrixFunction.SumAll => Value.Of(m.Enumerate().Sum()),
            MatrixFunction.Norm => Value.Of(m.FrobeniusNorm()),
            MatrixFunction.DiagMatrix => Value.Of(Matrix<double>.Build.DenseOfDiagonalVector(m.Column(0))),
            MatrixFunction.DiagVector => Value.Of(m.Diagonal().ToColumnMatrix(), isVector: true),
            _ => throw new InvalidOperationException($"Cannot evaluate {c.Function}."),
        };
    }

    private static Matrix<double> Inverse(Matrix<double> m, Expr node, bool illConditionedAnswered)
    {
        if (illConditionedAnswered)
        {
            // The condition number is no test here: its SVD finds Hilbert(12) (invertible) singular outright.
            var inverse = m.LU().Inverse();
            return inverse.Enumerate().All(double.IsFinite) ? inverse : throw Singular(node);
        }

        if (m.ConditionNumber() > MaxConditionNumber)
        {
            throw Singular(node);
        }

        return m.LU().Inverse();
    }

    /// <summary>ln det M from the LU factors: the sum of ln|U_ii|, with the sign tracked separately.</summary>
    private static double LogDet(Matrix<double> m, Expr node, bool illConditionedAnswered)
    {
        LU<double> lu = m.LU();
        var sign = PermutationSign(lu.P);
        var logAbs = 0.0;
        // lu.U builds a new matrix on every read: read it once, not n^2 times.
        var factor = lu.U;
        var largest = Enumerable.Range(0, m.RowCount).Max(i => Math.Abs(factor[i, i]));
        for (var i = 0; i < m.RowCount; i++)
        {
            var u = factor[i, i];

            // A pivot lost in rounding means a singular matrix whose logdet would be noise, not a number.
            if (Math.Abs(u) <= 1e-13 * largest && !(illConditionedAnswered && u != 0))
            {
                throw Singular(node);
            }

            sign *= Math.Sign(u);
            logAbs += Math.Log(Math.Abs(u));
        }

        if (sign <= 0)
        {
            throw new CalcException(new CalcError(ErrorKind.OutsideDomain, "Point outside the domain",
                $"{Describe(node)} needs a matrix with a positive determinant, but the determinant here is negative."));
        }

        return logAbs;
    }

    private static int PermutationSign(MathNet.Numerics.Permutation p)
    {
        var visited = new bool[p.Dimension];
        var sign = 1;
        for (var i = 0; i < p.Dimension; i++)
        {
            if (visited[i])
            {
                continue;
            }

            var length = 0;
            for (var j = i; !visited[j]; j = p[j])
            {
                visited[j] = true;
                length++;
            }

            if (length % 2 == 0)
            {
                sign = -sign;
            }
        }

        return sign;
    }

    private static CalcException Singular(Expr node) =>
        new(new CalcError(ErrorKind.OutsideDomain, "Singular matrix",
            $"{Describe(node)} needs an invertible matrix, but the matrix is singular (or too close to singular to invert reliably) at this point."));

    private static string Describe(Expr e) => ScalarMath.Describe(e);
}
