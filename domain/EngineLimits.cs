namespace CalcApi.Domain;

/// <summary>
/// Every limit the engine enforces. Each has a stable name (the property name in camelCase) that
/// appears in the error it produces, so a caller knows which one was hit and what its value is.
/// </summary>
public sealed record EngineLimits
{
    /// <summary>Characters in one expression.</summary>
    public int MaxExpressionLength { get; init; } = 10_000;

    /// <summary>Nesting depth of parentheses, function calls, powers and unary minus.</summary>
    public int MaxNestingDepth { get; init; } = 200;

    /// <summary>Derivative order.</summary>
    public int MaxOrder { get; init; } = 10;

    /// <summary>Nodes in a result, counted as printed (a shared sub-expression counts each time it appears).</summary>
    public int MaxResultNodes { get; init; } = 200_000;

    /// <summary>Distinct nodes the engine may build while answering one request.</summary>
    public int MaxWorkNodes { get; init; } = 2_000_000;

    /// <summary>Bits in any exact integer (numerator or denominator) the engine builds.</summary>
    public int MaxIntegerBits { get; init; } = 4_096;

    /// <summary>Variables in one gradient.</summary>
    public int MaxVariables { get; init; } = 100;

    /// <summary>Iterations of one optimisation run (maxIterations in a request may not exceed it).</summary>
    public int MaxIterations { get; init; } = 1_000_000;

    /// <summary>Seconds one optimisation run may take before it stops with stopReason timeLimit.</summary>
    public double MaxRunSeconds { get; init; } = 10;

    /// <summary>Points of an optimisation run's history (the history is downsampled to at most this many).</summary>
    public int MaxHistoryPoints { get; init; } = 2_000;

    /// <summary>Entries of any one vector or matrix value given for numeric work.</summary>
    public int MaxMatrixEntries { get; init; } = 250_000;

    public static EngineLimits Default { get; } = new();
}
