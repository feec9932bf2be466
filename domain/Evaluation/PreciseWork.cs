using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// The cost of one precise matrix evaluation, counted as it goes in units of one multiply-add of
/// <see cref="ExactEnough.HighBits"/>-bit numbers (a few tenths of a microsecond), and refused with
/// <see cref="ErrorKind.Precision"/> once it passes <see cref="MaxUnits"/>: a 60×60 inverse, a product of
/// 100×100 matrices or ten thousand exponentials is as far as the precise path goes. Every charge also
/// polls the request's time budget (<see cref="WorkBudget"/>).
/// </summary>
internal sealed class PreciseWork
{
    /// <summary>The most units one evaluation may spend (about a tenth of a second).</summary>
    public const long MaxUnits = 400_000;

    private long _units;

    /// <summary>Units of one multiply of numbers of <paramref name="bits"/> bits (schoolbook: quadratic in the length).</summary>
    public static long PerMultiply(long bits)
    {
        var ratio = Math.Max(1.0, bits / (double)ExactEnough.HighBits);
        return (long)Math.Ceiling(ratio * ratio);
    }

    /// <summary>Charges <paramref name="units"/> for <paramref name="what"/>, refusing once the total passes the cap.</summary>
    public void Charge(long units, string what)
    {
        WorkBudget.ThrowIfCancelled();
        _units += units;
        if (_units > MaxUnits)
        {
            throw new CalcException(new CalcError(ErrorKind.Precision, "Value cannot be guaranteed",
                $"The value at this point cannot be guaranteed in double precision, and evaluating it in arbitrary precision would take too long ({what}); "
                + "no value within 1e-9 can be promised. Smaller or better-conditioned matrices can be evaluated."));
        }
    }
}
