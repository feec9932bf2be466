using CalcApi.Domain.Errors;

namespace CalcApi.Domain.Expressions;

/// <summary>
/// Bounds the work of one request: every node built is charged, and the caller's cancellation token
/// (the request's time budget) is polled as nodes are built, so no derivative can run away with a core.
/// The budget belongs to the thread that entered it; outside a scope, building is free.
/// </summary>
public sealed class WorkBudget : IDisposable
{
    [ThreadStatic]
    private static WorkBudget? _current;

    private readonly WorkBudget? _outer;
    private readonly long _maxNodes;
    private readonly CancellationToken _cancellation;
    private long _nodes;

    private WorkBudget(long maxNodes, EngineLimits limits, CancellationToken cancellation)
    {
        _outer = _current;
        _maxNodes = maxNodes;
        Limits = limits;
        _cancellation = cancellation;
        _current = this;
    }

    public EngineLimits Limits { get; }

    /// <summary>The limits in force on this thread.</summary>
    public static EngineLimits CurrentLimits => _current?.Limits ?? EngineLimits.Default;

    public static WorkBudget Enter(EngineLimits limits, CancellationToken cancellation) =>
        new(limits.MaxWorkNodes, limits, cancellation);

    internal static void Charge()
    {
        var budget = _current;
        if (budget is null)
        {
            return;
        }

        var nodes = ++budget._nodes;
        if (nodes > budget._maxNodes)
        {
            throw new CalcException(CalcError.LimitExceeded(
                "maxWorkNodes", budget._maxNodes,
                $"Answering this would build more than {budget._maxNodes:N0} expression nodes (limit maxWorkNodes); the result grows too fast. Ask for a lower order or a smaller expression."));
        }

        if ((nodes & 0xFFF) == 0)
        {
            ThrowIfCancelled();
        }
    }

    [ThreadStatic]
    private static int _ticks;

    /// <summary>
    /// Counts a step of work that builds nothing (comparing or equating two large shared trees can walk
    /// far more than their nodes); every 4,096 steps the time budget is polled.
    /// </summary>
    internal static void Tick()
    {
        if ((++_ticks & 0xFFF) == 0)
        {
            ThrowIfCancelled();
        }
    }

    /// <summary>Polls the request's time budget; used by passes that build no nodes for a while.</summary>
    internal static void ThrowIfCancelled()
    {
        var budget = _current;
        if (budget is not null && budget._cancellation.IsCancellationRequested)
        {
            throw new CalcException(new CalcError(ErrorKind.LimitExceeded, "Limit exceeded: requestTimeout",
                "The request ran out of its time budget (limit requestTimeout) before the answer was complete.")
            { Limit = "requestTimeout" });
        }
    }

    public void Dispose() => _current = _outer;
}
