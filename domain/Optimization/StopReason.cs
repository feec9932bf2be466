namespace CalcApi.Domain.Optimization;

/// <summary>Why a run stopped; a run never ends without one.</summary>
public enum StopReason
{
    /// <summary>The gradient's norm fell below the tolerance: converged.</summary>
    Tolerance,
    /// <summary>The iteration budget ran out.</summary>
    MaxIterations,
    /// <summary>The loss stopped being finite or grew without bound.</summary>
    Diverged,
    /// <summary>The run's time budget ran out (or the client went away).</summary>
    TimeLimit,
    /// <summary>A step left the loss's domain (log of a negative, say); the answer is the last iterate where the loss was defined.</summary>
    OutsideDomain,
}
