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

    /// <summary>The two precisions, in bits, of the precise path.</summary>
    internal const int LowBits = 192;

    internal const int HighBits = 384;

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

    /// <summary>Whether a double's error bound keeps it within the tolerances.</summary>
    internal static bool IsTrusted(Bounded b) =>
        double.IsFinite(b.Value) && (b.Error <= RelativeTolerance * Math.Abs(b.Value) || b.Error <= AbsoluteTolerance);

    /// <summary>The precise path alone: at <see cref="LowBits"/> and <see cref="HighBits"/>, answered when the two agree.</summary>
    internal static Outcome<double> Precisely(Expr expression, IReadOnlyDictionary<string, double> point)
    {
        var low = PreciseEvaluator.Evaluate(expression, point, LowBits);
        if (!low.IsSuccess)
        {
            return low.Error;
        }

        var high = PreciseEvaluator.Evaluate(expression, point, HighBits);
        if (!high.IsSuccess)
        {
            return high.Error;
        }

        if (!Agree(low.Value, high.Value))
        {
            return new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The value at this point depends on digits beyond {HighBits} bits: evaluations at {LowBits} and {HighBits} bits disagree "
                + $"({low.Value.ToDouble():G6} and {high.Value.ToDouble():G6}), so no value within 1e-9 can be promised.");
        }

        var value = high.Value.ToDouble(out var range);
        return range == DoubleRange.Overflow
            ? new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The value at this point, about 2^{high.Value.Scale}, is beyond the range of double precision.")
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
