using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;
using Zeros = CalcApi.Domain.Expressions.Zeros;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Evaluates expressions of scalars, vectors and matrices in arbitrary precision, as
/// <see cref="PreciseEvaluator"/> does scalars: the point's doubles exactly, numbers of the tree as their
/// exact rationals, every operation rounded to the precision given. Matrix products, traces, sums and
/// norms are the plain formulas in <see cref="BigFloat"/>; det, inv and logdet are exact for the matrix
/// they are given (<see cref="ExactLinearAlgebra"/>); det(X)^k·inv(X)' and det(X)^k·tr(inv(X)·B), the
/// gradients of det, are read through the adjugate as <see cref="MatrixEvaluator"/> reads them, so they are
/// defined at a singular X too. The domain checks are those of the scalar evaluators, decided on the
/// precise values; a matrix found singular (or with a logdet of a non-positive determinant) here though
/// double precision found it regular is a <see cref="ErrorKind.Precision"/> refusal. The work is counted
/// (<see cref="PreciseWork"/>) and refused past its cap.
/// </summary>
internal sealed class PreciseMatrixEvaluator
{
    /// <summary>Units charged for one entry of an elementary function or a non-integer power (series at full precision).</summary>
    private const long FunctionUnits = 40;

    private readonly IReadOnlyDictionary<string, Value> _point;
    private readonly int _bits;
    private readonly PreciseWork _work = new();
    private readonly Dictionary<Expr, PreciseMatrix> _memo = new(SameNode.Instance);

    private PreciseMatrixEvaluator(IReadOnlyDictionary<string, Value> point, int bits)
    {
        _point = point;
        _bits = bits;
    }

    public static Outcome<PreciseMatrix> Evaluate(Expr expression, IReadOnlyDictionary<string, Value> point, int bits) =>
        ScalarMath.EvaluateAt(expression, point.ContainsKey, () => new PreciseMatrixEvaluator(point, bits).Eval(expression));

    private PreciseMatrix Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = e switch
        {
            Number n => PreciseMatrix.Of(BigFloat.FromRational(n.Value, _bits)),
            Constant { Kind: ConstantKind.Pi } => PreciseMatrix.Of(BigFloatMath.Pi(_bits)),
            Constant { Kind: ConstantKind.E } => PreciseMatrix.Of(BigFloatMath.E(_bits)),
            Symbol s => Given(s.Name),
            MatrixSymbol m => Given(m.Name),
            Identity => PreciseMatrix.Build(e.Shape.Rows.Size, e.Shape.Rows.Size, (i, j) => i == j ? BigFloat.One : BigFloat.Zero),
            Ones => PreciseMatrix.Build(e.Shape.Rows.Size, e.Shape.Cols.Size, (_, _) => BigFloat.One),
            Zeros => PreciseMatrix.Build(e.Shape.Rows.Size, e.Shape.Cols.Size, (_, _) => BigFloat.Zero),
            Sum s => s.Terms.Select(Eval).Aggregate(Add),
            Product p => ProductOf(p),
            Power p => PowerOf(p),
            Call c => CallOf(c),
            MatMul m => m.Factors.Select(Eval).Aggregate(MatrixProduct),
            Transpose t => Eval(t.Operand).Transposed(),
            MatrixCall c => MatrixCallOf(c),
            _ => throw new InvalidOperationException($"Cannot evaluate {e.GetType().Name} precisely."),
        };
        if (value.Entries.FirstOrDefault(x => !x.IsZero && Math.Abs(x.Scale) > BigFloatMath.ExponentLimit) is { IsZero: false } huge)
        {
            throw new CalcException(PreciseEvaluator.Imprecise(e, $"a value, about 2^{huge.Scale}, is beyond the exponent range of the precise numbers"));
        }

        _memo[e] = value;
        return value;
    }

    private PreciseMatrix Given(string name)
    {
        var value = PreciseMatrix.Exact(_point[name]);
        _work.Charge(value.Count, "reading the point");
        return value;
    }

    private PreciseMatrix Add(PreciseMatrix a, PreciseMatrix b)
    {
        _work.Charge(Math.Max(a.Count, b.Count), "a sum");
        return PreciseMatrix.Entrywise(a, b, (x, y) => BigFloat.Add(x, y, _bits));
    }

    private PreciseMatrix Multiply(PreciseMatrix a, PreciseMatrix b)
    {
        _work.Charge(Math.Max(a.Count, b.Count), "a product");
        return PreciseMatrix.Entrywise(a, b, (x, y) => BigFloat.Multiply(x, y, _bits));
    }

    /// <summary>An element-wise product; the gradients of det through the adjugate, as <see cref="MatrixEvaluator"/> reads them.</summary>
    private PreciseMatrix ProductOf(Product p)
    {
        var factors = p.Factors.ToList();
        var inverse = factors.FindIndex(f => f is Transpose { Operand: MatrixCall { Function: MatrixFunction.Inverse } });
        if (inverse >= 0)
        {
            var x = ((MatrixCall)((Transpose)factors[inverse]).Operand).Argument;
            var det = factors.FindIndex(f => MatrixEvaluator.DeterminantPower(f, x) > 0);
            if (det >= 0)
            {
                // det(X)^k * inv(X)' = det(X)^(k-1) * adj(X)'.
                var rest = factors.Where((_, i) => i != inverse && i != det).Select(Eval).ToList();
                rest.AddRange(DeterminantPowers(factors[det], x));
                return rest.Aggregate(Adjugate(x).Transposed(), Multiply);
            }
        }

        var trace = factors.FindIndex(f => f is MatrixCall { Function: MatrixFunction.Trace } t && TraceChain(t)[0] is MatrixCall { Function: MatrixFunction.Inverse });
        if (trace >= 0)
        {
            var chain = TraceChain((MatrixCall)factors[trace]);
            var x = ((MatrixCall)chain[0]).Argument;
            var det = factors.FindIndex(f => MatrixEvaluator.DeterminantPower(f, x) > 0);
            if (det >= 0)
            {
                // det(X)^k * tr(inv(X)*B) = det(X)^(k-1) * tr(adj(X)*B).
                var product = chain.Skip(1).Select(Eval).Aggregate(Adjugate(x), MatrixProduct);
                var others = factors.Where((_, i) => i != trace && i != det).Select(Eval).ToList();
                others.Add(product.IsScalar ? product : Total(Enumerable.Range(0, product.Rows).Select(i => product[i, i])));
                others.AddRange(DeterminantPowers(factors[det], x));
                return others.Aggregate(Multiply);
            }
        }

        return factors.Select(Eval).Aggregate(Multiply);
    }

    /// <summary>det(X)^(k-1) for the factor det(X)^k (nothing for k = 1).</summary>
    private IEnumerable<PreciseMatrix> DeterminantPowers(Expr factor, Expr x)
    {
        var k = MatrixEvaluator.DeterminantPower(factor, x);
        if (k > 1)
        {
            yield return PreciseMatrix.Of(BigFloatMath.Power(Eval(MatrixAlgebra.Apply(MatrixFunction.Det, x)).Scalar, new System.Numerics.BigInteger(k - 1), _bits));
        }
    }

    private PreciseMatrix Adjugate(Expr x) => ExactLinearAlgebra.Adjugate(Eval(x), _bits, _work);

    /// <summary>The factors under a trace: tr(A*B*C) gives A, B, C; tr(A) gives A.</summary>
    private static IReadOnlyList<Expr> TraceChain(MatrixCall trace) =>
        trace.Argument is MatMul m ? m.Factors : [trace.Argument];

    private PreciseMatrix PowerOf(Power p)
    {
        var b = Eval(p.Base);
        _work.Charge(b.Count * FunctionUnits, "a power");
        if (p.Exponent is Number { Value: var q })
        {
            return b.Map(x => ScalarMath.PowerOutside(x.Sign, Shown(x), q) is { } undefined
                ? throw ScalarMath.Outside(p, undefined)
                : Guarded(p, () => BigFloatMath.Power(x, q, _bits)));
        }

        return PreciseMatrix.Entrywise(b, Eval(p.Exponent), (x, y) => Power(p, x, y));
    }

    /// <summary>b^x for a computed exponent, decided as <see cref="PreciseEvaluator"/> decides it.</summary>
    private BigFloat Power(Power p, BigFloat b, BigFloat x)
    {
        if (b.Sign < 0 && !x.IsInteger)
        {
            // A negative base needs an integer exponent; one that is an integer only within rounding decides nothing.
            var gap = BigFloat.Abs(BigFloat.Subtract(x, BigFloat.FromInteger(x.RoundToInteger()), _bits));
            if (gap.Scale < Math.Max(0, x.Scale) - (_bits - 32))
            {
                throw new CalcException(PreciseEvaluator.Imprecise(p, "its exponent is an integer within rounding, which a negative base needs and which cannot be decided"));
            }
        }

        if (ScalarMath.PowerOutside(b.Sign, Shown(b), x.IsInteger, x.Sign, Shown(x)) is { } why)
        {
            throw ScalarMath.Outside(p, why);
        }

        return b.Sign > 0 || (b.IsZero && x.Sign > 0)
            ? Guarded(p, () => BigFloatMath.Power(b, x, _bits))
            : Guarded(p, () => BigFloatMath.Power(b, x.RoundToInteger(), _bits));
    }

    private PreciseMatrix CallOf(Call c)
    {
        var u = Eval(c.Argument);
        _work.Charge(u.Count * FunctionUnits, $"{c.Function} of every entry");
        var f = FunctionCatalog.Of(c.Function);
        var precise = f.Precise ?? throw new InvalidOperationException($"The catalog entry for {f.Name} has no precise form.");
        return u.Map(x => f.Outside(Shown(x)) is { } why ? throw ScalarMath.Outside(c, why) : Guarded(c, () => precise(x, _bits)));
    }

    /// <summary>A matrix product, or a scaling where one side is a scalar.</summary>
    private PreciseMatrix MatrixProduct(PreciseMatrix a, PreciseMatrix b)
    {
        if (a.IsScalar || b.IsScalar)
        {
            return Multiply(a, b);
        }

        _work.Charge((long)a.Rows * a.Cols * b.Cols, "a matrix product");
        return PreciseMatrix.Build(a.Rows, b.Cols, (i, j) =>
        {
            var total = BigFloat.Zero;
            for (var k = 0; k < a.Cols; k++)
            {
                total = BigFloat.Add(total, BigFloat.Multiply(a[i, k], b[k, j], _bits), _bits);
            }

            return total;
        });
    }

    private PreciseMatrix MatrixCallOf(MatrixCall c)
    {
        var a = Eval(c.Argument);
        _work.Charge(a.Count, c.Name);
        return c.Function switch
        {
            MatrixFunction.Trace => Total(Enumerable.Range(0, Math.Min(a.Rows, a.Cols)).Select(i => a[i, i])),
            MatrixFunction.SumAll => Total(a.Entries),
            MatrixFunction.Norm => PreciseMatrix.Of(BigFloat.Sqrt(a.Entries.Aggregate(BigFloat.Zero, (total, x) => BigFloat.Add(total, BigFloat.Multiply(x, x, _bits), _bits)), _bits)),
            MatrixFunction.Det => PreciseMatrix.Of(ExactLinearAlgebra.Determinant(a, _work).Round(_bits)),
            MatrixFunction.LogDet => LogDeterminant(c, a),
            MatrixFunction.Inverse => ExactLinearAlgebra.Inverse(a, _bits, _work)
                ?? throw SingularPrecisely(c, "needs an invertible matrix, but the matrix is singular at this point (in exact arithmetic).", "singular"),
            MatrixFunction.DiagMatrix => a.IsScalar ? a : PreciseMatrix.Build(a.Rows, a.Rows, (i, j) => i == j ? a.Entries[i] : BigFloat.Zero),
            MatrixFunction.DiagVector => a.IsScalar ? a : PreciseMatrix.Build(Math.Min(a.Rows, a.Cols), 1, (i, _) => a[i, i]),
            _ => throw new InvalidOperationException($"Cannot evaluate {c.Function} precisely."),
        };
    }

    private PreciseMatrix LogDeterminant(MatrixCall c, PreciseMatrix a)
    {
        var det = ExactLinearAlgebra.Determinant(a, _work);
        if (det.Sign <= 0)
        {
            throw SingularPrecisely(c, det.IsZero
                ? "needs a matrix with a positive determinant, but the matrix is singular at this point (in exact arithmetic)."
                : "needs a matrix with a positive determinant, but the determinant here is negative (in exact arithmetic).",
                det.IsZero ? "singular" : "of negative determinant");
        }

        return PreciseMatrix.Of(Guarded(c, () => BigFloatMath.Log(det.Round(_bits + 32), _bits)));
    }

    /// <summary>
    /// A singular matrix (or a logdet of a non-positive determinant) found by exact arithmetic: outside the domain
    /// where the matrix is a variable's value as given (its entries are exact, so the exact determinant is a proof),
    /// else a <see cref="ErrorKind.Precision"/> refusal, since the matrix was computed at a finite precision.
    /// </summary>
    private static CalcException SingularPrecisely(MatrixCall c, string why, string found) =>
        new(c.Argument is Symbol or Transpose { Operand: Symbol }
            ? new CalcError(ErrorKind.OutsideDomain, "Singular matrix", $"{ScalarMath.Describe(c)} {why}")
            : PreciseEvaluator.Imprecise(c, $"the matrix is {found} in arbitrary precision, but it was computed with rounding, so that cannot be decided"));

    private PreciseMatrix Total(IEnumerable<BigFloat> entries) =>
        PreciseMatrix.Of(entries.Aggregate(BigFloat.Zero, (total, x) => BigFloat.Add(total, x, _bits)));

    /// <summary>An arithmetic refusal of the precise numbers (a domain edge within rounding, an exponent out of range) as a precision error.</summary>
    private static BigFloat Guarded(Expr e, Func<BigFloat> compute)
    {
        try
        {
            return compute();
        }
        catch (ArithmeticException ex)
        {
            throw new CalcException(PreciseEvaluator.Imprecise(e, ex.Message));
        }
    }

    private static double Shown(BigFloat value) => PreciseEvaluator.Shown(value);
}
