using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// The contract's promise for a numeric value (section 5): within 1e-9 relative error (1e-12 absolute
/// near zero) of the exact value at the point, or refused with <see cref="ErrorKind.Precision"/>.
/// First the double evaluation with a running error bound, which answers the common case at little
/// more than the plain cost; where the bound is too wide, an intermediate overflows, or double
/// precision sees a domain error, the expression is evaluated again in arbitrary precision at two
/// precisions, and answered when they agree.
/// </summary>
public static class ExactEnough
{
    /// <summary>The relative bound the double path must prove (100 times inside the contract's 1e-9).</summary>
    internal const double RelativeTolerance = 1e-11;

    /// <summary>The absolute bound that suffices near zero (100 times inside the contract's 1e-12).</summary>
    internal const double AbsoluteTolerance = 1e-14;

    /// <summary>The first two precisions, in bits, of the precise path, which settle most values.</summary>
    internal const int LowBits = 192;

    internal const int HighBits = 384;

    /// <summary>
    /// Every precision, in bits, of the precise path: each evaluation is compared with the one before, and the first two
    /// that agree answer. Most values settle at the first pair; an argument reduced modulo π from e^500 (721 integer bits)
    /// or a cancellation of hundreds of bits needs the later ones, which the request's work budget bounds.
    /// </summary>
    internal static readonly int[] Precisions = [LowBits, HighBits, 1024, 2048];

    /// <summary>The value of the scalar <paramref name="expression"/> at <paramref name="point"/> (doubles taken as exact), right or refused.</summary>
    public static Outcome<double> Evaluate(Expr expression, IReadOnlyDictionary<string, double> point)
    {
        var quick = BoundedEvaluator.Evaluate(expression, point);
        if (quick.IsSuccess)
        {
            if (IsTrusted(quick.Value))
            {
                return quick.Value.Value;
            }
        }
        else if (quick.Error.Kind != ErrorKind.OutsideDomain)
        {
            return quick.Error;
        }

        return Precisely(expression, point);
    }

    /// <summary>
    /// Whether the scalar condition holds at the point, decided on precise values: its two sides at each of
    /// <see cref="Precisions"/> in turn, until two in a row agree on the sign of their difference (and on its size, to a
    /// factor of two), or both find it exactly zero. Null where that does not happen, or where a side cannot be evaluated
    /// (outside the scalar language, outside its domain, a missing name): the caller decides then. In double,
    /// tanh(7 pi) >= 1 holds (1.0 >= 1) though tanh(7 pi) = 1 - 1.6e-19, and 2^4096 <= 1 is not decided at all (overflow).
    /// </summary>
    public static bool? Holds(Condition condition, IReadOnlyDictionary<string, double> point)
    {
        BigFloat? previous = null;
        foreach (var bits in Precisions)
        {
            Outcome<BigFloat> left, right;
            try
            {
                left = PreciseEvaluator.Evaluate(condition.Left, point, bits);
                right = PreciseEvaluator.Evaluate(condition.Right, point, bits);
            }
            catch (InvalidOperationException)
            {
                return null; // not of the scalar language
            }

            if (!left.IsSuccess || !right.IsSuccess)
            {
                return null;
            }

            var difference = BigFloat.Subtract(left.Value, right.Value, bits);
            if (previous is { } before && (difference.IsZero
                    ? before.IsZero
                    : before.Sign == difference.Sign && BigFloat.Abs(BigFloat.Subtract(before, difference, 64)) < BigFloat.ScaleB(BigFloat.Abs(difference), -1)))
            {
                return condition.Holds(difference.Sign, 0);
            }

            previous = difference;
        }

        return null;
    }

    /// <summary>Whether a double's error bound keeps it within the tolerances.</summary>
    internal static bool IsTrusted(Bounded b) =>
        double.IsFinite(b.Value) && (b.Error <= RelativeTolerance * Math.Abs(b.Value) || b.Error <= AbsoluteTolerance);

    /// <summary>
    /// The precise path alone: at each of <see cref="Precisions"/> in turn, answered when two in a row agree on the value,
    /// or refused as outside the domain when two in a row find it so (one alone may be misled by its own rounding on a
    /// domain edge); refused for precision when even the last two do not settle it.
    /// </summary>
    internal static Outcome<double> Precisely(Expr expression, IReadOnlyDictionary<string, double> point)
    {
        var previous = PreciseEvaluator.Evaluate(expression, point, Precisions[0]);
        for (var i = 1; i < Precisions.Length; i++)
        {
            if (!previous.IsSuccess && previous.Error.Kind is not (ErrorKind.Precision or ErrorKind.OutsideDomain))
            {
                return previous.Error;
            }

            var current = PreciseEvaluator.Evaluate(expression, point, Precisions[i]);
            if (current.IsSuccess && previous.IsSuccess && Agree(previous.Value, current.Value))
            {
                return Answer(current.Value);
            }

            if (current is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain } && previous is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain })
            {
                return current.Error;
            }

            if (i == Precisions.Length - 1)
            {
                return Unsettled(previous, current, Precisions[i - 1], Precisions[i]);
            }

            previous = current;
        }

        return previous.IsSuccess ? Answer(previous.Value) : previous.Error;
    }

    /// <summary>The refusal when the last two precisions do not settle the value, or whether the point is inside the domain.</summary>
    private static CalcError Unsettled(Outcome<BigFloat> previous, Outcome<BigFloat> current, int previousBits, int currentBits)
    {
        if (!current.IsSuccess && current.Error.Kind is not (ErrorKind.OutsideDomain or ErrorKind.Precision))
        {
            return current.Error;
        }

        if (current.IsSuccess && previous.IsSuccess)
        {
            return new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The value at this point depends on digits beyond {currentBits} bits: evaluations at {previousBits} and {currentBits} bits disagree "
                + $"({previous.Value.ToDouble():G6} and {current.Value.ToDouble():G6}), so no value within 1e-9 can be promised.");
        }

        var failed = (current.IsSuccess ? previous.Error : current.Error)!;
        return failed.Kind == ErrorKind.Precision ? failed
            : new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The point lies on the edge of the domain within {currentBits} bits (one precision finds it inside, the other outside): {failed.Detail}");
    }

    /// <summary>A settled precise value as a double, refused beyond its range.</summary>
    private static Outcome<double> Answer(BigFloat settled)
    {
        var value = settled.ToDouble(out var range);
        return range == DoubleRange.Overflow
            ? new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The value at this point, about 2^{settled.Scale}, is beyond the range of double precision.")
            : value;
    }

    /// <summary>Within 1e-12 relative of each other, or both within 1e-13 of each other near zero.</summary>
    private static bool Agree(BigFloat low, BigFloat high)
    {
        var difference = BigFloat.Abs(BigFloat.Subtract(low, high, HighBits));
        if (difference.IsZero || difference.ToDouble() <= AbsoluteTolerance * 10)
        {
            return true;
        }

        return !high.IsZero && BigFloat.Divide(difference, BigFloat.Abs(high), 64).ToDouble() <= RelativeTolerance / 10;
    }
}
