using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

using CalcApi.Api.Contracts;
using CalcApi.Domain;

namespace CalcApi.Api.Configuration;

/// <summary>
/// Fair scheduling of calculations: cheap requests (<see cref="CalculationCost"/>) run at once; heavy ones
/// take one of <see cref="SchedulingSettings.MaxConcurrentCalculations"/> slots, oldest first, waiting in
/// a queue of at most <see cref="SchedulingSettings.QueueLength"/> for at most
/// <see cref="SchedulingSettings.QueueTimeoutSeconds"/>; a full queue or a wait past its bound answers 503
/// problem+json with Retry-After. The slot is held until the response is complete (an event stream runs
/// after its handler returns), and the time spent waiting counts against the request's time budget.
/// The calculation itself runs on a thread of lower priority (<see cref="BackgroundThread"/>).
/// </summary>
public sealed class CalculationGate : IDisposable
{
    private readonly SchedulingSettings _settings;
    private readonly ConcurrencyLimiter _slots;

    public CalculationGate(IOptions<SchedulingSettings> settings)
    {
        _settings = settings.Value;
        _slots = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _settings.MaxConcurrentCalculations,
            QueueLimit = _settings.QueueLength,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Heavy calculations holding a slot now.</summary>
    public long Running => _settings.MaxConcurrentCalculations - (_slots.GetStatistics()?.CurrentAvailablePermits ?? _settings.MaxConcurrentCalculations);

    /// <summary>Whole seconds a refused caller is told to wait: long enough for the queue to move.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(Math.Max(1, _settings.QueueTimeoutSeconds));

    /// <summary>The endpoint filter every calculation endpoint runs through.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        // A request the engine refuses before any work (its estimated size) is answered at once, not queued.
        var engineLimits = http.RequestServices.GetRequiredService<IOptions<EngineLimits>>().Value;
        if (!context.Arguments.Any(CalculationCost.IsHeavy))
        {
            // Not measured: reading a thread's CPU clock is a system call, a tenth of a cheap request's time on a VM.
            return await next(context);
        }

        if (context.Arguments.Any(a => CalculationCost.IsRefusedBeforeWork(a, engineLimits)))
        {
            return await CalculationCpu.Measure(context, next);
        }

        var gate = http.RequestServices.GetRequiredService<CalculationGate>();
        var requestLimits = http.RequestServices.GetRequiredService<IOptions<RequestLimits>>().Value;
        var arrived = Stopwatch.GetTimestamp();
        var (lease, reason) = await gate.AcquireAsync(http.RequestAborted);
        if (lease is null)
        {
            return gate.Busy(http, reason!);
        }

        http.Response.RegisterForDispose(lease);
        CountWaitAgainstBudget(context, requestLimits, Stopwatch.GetElapsedTime(arrived));
        // At a lower priority than the threads serving cheap requests, which the system then serves first.
        return await BackgroundThread.Run(() => CalculationCpu.Measure(context, next).AsTask());
    }

    private async Task<(RateLimitLease? Lease, string? Reason)> AcquireAsync(CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        wait.CancelAfter(TimeSpan.FromSeconds(_settings.QueueTimeoutSeconds));
        try
        {
            var lease = await _slots.AcquireAsync(1, wait.Token);
            if (lease.IsAcquired)
            {
                return (lease, null);
            }

            lease.Dispose();
            return (null, "queueLength");
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return (null, "queueTimeoutSeconds");
        }
    }

    /// <summary>
    /// For the endpoints whose whole work runs inside the handler under the request's token (all but the
    /// optimisation runs, which have their own Limits:MaxRunSeconds), the token given to the handler ends
    /// when the time budget measured from the request's arrival in the queue is spent, so waiting counts.
    /// </summary>
    private static void CountWaitAgainstBudget(EndpointFilterInvocationContext context, RequestLimits limits, TimeSpan waited)
    {
        if (context.Arguments.Any(a => a is OptimizeRequest) || waited <= TimeSpan.Zero)
        {
            return;
        }

        for (var i = 0; i < context.Arguments.Count; i++)
        {
            if (context.Arguments[i] is CancellationToken token)
            {
                var remaining = TimeSpan.FromSeconds(limits.RequestTimeoutSeconds) - waited;
                var time = CancellationTokenSource.CreateLinkedTokenSource(token);
                if (remaining > TimeSpan.Zero)
                {
                    time.CancelAfter(remaining);
                }
                else
                {
                    // At once, not on a timer: the calculation must see its budget spent before it starts.
                    time.Cancel();
                }

                context.HttpContext.Response.RegisterForDispose(time);
                context.Arguments[i] = time.Token;
            }
        }
    }

    private IResult Busy(HttpContext http, string reason)
    {
        var seconds = RetryAfterSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var (max, why) = reason == "queueLength"
            ? ((object)_settings.QueueLength, $"{_settings.QueueLength} heavy calculations are already waiting (limit queueLength)")
            : (_settings.QueueTimeoutSeconds, $"no calculation slot came free within {_settings.QueueTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s (limit queueTimeoutSeconds)");
        return TypedResults.Problem(
            title: "Server busy",
            detail: $"The server is busy with other heavy calculations: {why}. Try again in {seconds} s; cheap requests (a first or second derivative, a gradient of a short expression) are not queued.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["limit"] = reason, ["max"] = max, ["retryAfterSeconds"] = seconds });
    }

    public void Dispose() => _slots.Dispose();
}
