using CalcApi.Domain.Errors;

namespace CalcApi.Domain.Expressions;

/// <summary>The errors for limits hit while building expressions.</summary>
internal static class Limits
{
    public static CalcException IntegerTooLarge()
    {
        var max = WorkBudget.CurrentLimits.MaxIntegerBits;
        return new CalcException(CalcError.LimitExceeded(
            "maxIntegerBits", max,
            $"An exact number in this calculation would need more than {max:N0} bits (limit maxIntegerBits)."));
    }
}
