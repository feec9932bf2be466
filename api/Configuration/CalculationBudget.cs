using CalcApi.Domain;
using CalcApi.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Configuration;

/// <summary>
/// What one calculation may spend: the engine's limits, and a time budget that ends when the caller
/// goes away or <see cref="RequestLimits.RequestTimeoutSeconds"/> pass, whichever comes first.
/// </summary>
public sealed class CalculationBudget(IOptions<EngineLimits> engineLimits, IOptions<RequestLimits> requestLimits)
{
    public EngineLimits Limits => engineLimits.Value;

    /// <summary>Runs one engine call on a query read from the request, inside the request's time budget; a query that could not be read is its own answer.</summary>
    public Outcome<T> Run<TQuery, T>(Outcome<TQuery> query, Func<TQuery, EngineLimits, CancellationToken, Outcome<T>> calculation, CancellationToken requestAborted)
    {
        if (!query.IsSuccess)
        {
            return query.Error;
        }

        // A budget of zero is spent before the calculation starts (CancelAfter would only fire later, on a timer).
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(requestLimits.Value.RequestTimeoutSeconds));
        using var time = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, deadline.Token);
        if (requestAborted.IsCancellationRequested)
        {
            // The budget was spent waiting for a calculation slot (CalculationGate): refused without starting.
            return CalcError.LimitExceeded("requestTimeout", (long)Math.Ceiling(requestLimits.Value.RequestTimeoutSeconds),
                "The request ran out of its time budget (limit requestTimeout) while waiting for a calculation slot.");
        }

        var outcome = calculation(query.Value, Limits, time.Token);
        return outcome.Error is { Limit: "requestTimeout", Max: null } error
            ? error with { Max = (long)Math.Ceiling(requestLimits.Value.RequestTimeoutSeconds) }
            : outcome;
    }
}
