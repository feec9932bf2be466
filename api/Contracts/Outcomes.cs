using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Chains steps that may each fail: the first error is the outcome, and no later step runs.</summary>
public static class Outcomes
{
    /// <summary>The next step, run only when this one succeeded.</summary>
    public static Outcome<TNext> Then<T, TNext>(this Outcome<T> outcome, Func<T, Outcome<TNext>> next) =>
        outcome.IsSuccess ? next(outcome.Value) : outcome.Error;

    /// <summary>The value turned into another, when there is one.</summary>
    public static Outcome<TNext> Map<T, TNext>(this Outcome<T> outcome, Func<T, TNext> map) =>
        outcome.IsSuccess ? map(outcome.Value) : outcome.Error;
}
