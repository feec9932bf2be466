using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// The contract's promise (section 5) for values with vectors and matrices in them, as <see cref="ExactEnough"/>
/// keeps it for scalars: every entry within 1e-9 relative error (1e-12 absolute near zero) of the exact value,
/// or a refusal with <see cref="ErrorKind.Precision"/>. <see cref="MatrixEvaluator"/> answers first and decides
/// the domain, as before; <see cref="BoundedMatrixEvaluator"/> then bounds the error of every entry, and where
/// the bounds prove <see cref="ExactEnough"/>'s tolerances the evaluator's own numbers are the answer (the common
/// case: well-conditioned matrices, at the cost of a few more matrix products). Otherwise the expression is
/// evaluated again by <see cref="PreciseMatrixEvaluator"/> at two precisions and answered where they agree, or
/// refused where they do not, or where that evaluation would cost too much (<see cref="PreciseWork"/>).
/// </summary>
public static class MatrixExactEnough
{
    /// <summary>The value of <paramref name="expression"/> at <paramref name="point"/> (doubles taken as exact), right or refused.</summary>
    public static Outcome<Value> Evaluate(Expr expression, IReadOnlyDictionary<string, Value> point)
    {
        var plain = MatrixEvaluator.Evaluate(expression, point, illConditionedAnswered: true);
        return plain.IsSuccess ? Confirm(expression, point, plain.Value) : plain.Error;
    }

    /// <summary>
    /// <paramref name="candidate"/>, a double value of <paramref name="expression"/> at the point found some other
    /// way (the evaluator's, or an optimiser's), where a bound proves it; else the value found precisely, or a refusal.
    /// </summary>
    internal static Outcome<Value> Confirm(Expr expression, IReadOnlyDictionary<string, Value> point, Value candidate) =>
        ThrownErrors.Catch(() => ConfirmWithin(expression, point, candidate));

    private static Outcome<Value> ConfirmWithin(Expr expression, IReadOnlyDictionary<string, Value> point, Value candidate)
    {
        var bounded = BoundedMatrixEvaluator.Evaluate(expression, point);
        if (bounded is not null && Proves(bounded, candidate))
        {
            return candidate;
        }

        var low = PreciseMatrixEvaluator.Evaluate(expression, point, ExactEnough.LowBits);
        if (!low.IsSuccess)
        {
            return low.Error;
        }

        var high = PreciseMatrixEvaluator.Evaluate(expression, point, ExactEnough.HighBits);
        if (!high.IsSuccess)
        {
            return high.Error;
        }

        var entries = new double[high.Value.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            if (Settled(low.Value.Entries[i], high.Value.Entries[i]) is { } refused)
            {
                return refused;
            }

            entries[i] = high.Value.Entries[i].ToDouble();
        }

        var (rows, cols) = (high.Value.Rows, high.Value.Cols);
        return (rows == 1 && cols == 1
            ? Value.Of(entries[0])
            : Value.Of(Matrix<double>.Build.Dense(rows, cols, (i, j) => entries[(i * cols) + j]), candidate.IsVector)).As(candidate.Form);
    }

    /// <summary>
    /// ‖(G₁, …, Gₖ)‖: the Euclidean norm of all the entries of <paramref name="parts"/> together (an optimiser's
    /// gradient norm), <paramref name="candidate"/> where a bound proves it, else found precisely, or refused.
    /// </summary>
    internal static Outcome<double> Norm(IReadOnlyList<Expr> parts, IReadOnlyDictionary<string, Value> point, double candidate) =>
        ThrownErrors.Catch(() => NormWithin(parts, point, candidate));

    private static Outcome<double> NormWithin(IReadOnlyList<Expr> parts, IReadOnlyDictionary<string, Value> point, double candidate)
    {
        var bounded = parts.Select(p => BoundedMatrixEvaluator.Evaluate(p, point)).ToList();
        if (bounded.All(b => b is not null))
        {
            // |‖v̂‖ − ‖v‖| ≤ ‖v̂ − v‖ ≤ ‖err‖, plus the rounding of the squares, their sum and the root.
            double squares = 0, errors = 0, count = 0;
            foreach (var b in bounded)
            {
                for (var i = 0; i < b!.Count; i++)
                {
                    squares += b.Value[i] * b.Value[i];
                    errors += b.Error[i] * b.Error[i];
                    count++;
                }
            }

            var norm = Math.Sqrt(squares);
            var bound = Math.Sqrt(errors) + (BoundedMatrix.Gamma(count + 3) * norm) + Math.Abs(candidate - norm);
            if (ExactEnough.IsTrusted(new Bounded(candidate, bound)))
            {
                return candidate;
            }
        }

        var low = PreciseNorm(parts, point, ExactEnough.LowBits);
        if (!low.IsSuccess)
        {
            return low.Error;
        }

        var high = PreciseNorm(parts, point, ExactEnough.HighBits);
        if (!high.IsSuccess)
        {
            return high.Error;
        }

        return Settled(low.Value, high.Value) is { } refused ? refused : high.Value.ToDouble();
    }

    private static Outcome<BigFloat> PreciseNorm(IReadOnlyList<Expr> parts, IReadOnlyDictionary<string, Value> point, int bits)
    {
        var squares = BigFloat.Zero;
        foreach (var part in parts)
        {
            var value = PreciseMatrixEvaluator.Evaluate(part, point, bits);
            if (!value.IsSuccess)
            {
                return value.Error;
            }

            foreach (var x in value.Value.Entries)
            {
                squares = BigFloat.Add(squares, BigFloat.Multiply(x, x, bits), bits);
            }
        }

        return BigFloat.Sqrt(squares, bits);
    }

    /// <summary>Whether the bounds prove every entry of <paramref name="candidate"/> within the tolerances.</summary>
    private static bool Proves(BoundedMatrix bounded, Value candidate)
    {
        var entries = candidate.IsScalar ? [candidate.Scalar] : candidate.Matrix!.ToColumnMajorArray();
        if (entries.Length != bounded.Count)
        {
            return false;
        }

        for (var i = 0; i < entries.Length; i++)
        {
            if (!ExactEnough.IsTrusted(new Bounded(entries[i], Math.Abs(entries[i] - bounded.Value[i]) + bounded.Error[i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Null when the two precise values agree (within 1e-12 relative, or 1e-13 absolute near zero) and fit a double; the refusal otherwise.</summary>
    private static CalcError? Settled(BigFloat low, BigFloat high)
    {
        var difference = BigFloat.Abs(BigFloat.Subtract(low, high, ExactEnough.HighBits));
        var agree = difference.IsZero || difference.ToDouble() <= ExactEnough.AbsoluteTolerance * 10
            || (!high.IsZero && BigFloat.Divide(difference, BigFloat.Abs(high), 64).ToDouble() <= ExactEnough.RelativeTolerance / 10);
        if (!agree)
        {
            return new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The value at this point depends on digits beyond {ExactEnough.HighBits} bits: evaluations at {ExactEnough.LowBits} and {ExactEnough.HighBits} bits disagree "
                + $"({low.ToDouble():G6} and {high.ToDouble():G6}), so no value within 1e-9 can be promised.");
        }

        high.ToDouble(out var range);
        return range == DoubleRange.Overflow
            ? new CalcError(ErrorKind.Precision, "Value cannot be guaranteed", $"The value at this point, about 2^{high.Scale}, is beyond the range of double precision.")
            : null;
    }
}
