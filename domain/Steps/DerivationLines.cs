using CalcApi.Domain.Errors;

namespace CalcApi.Domain.Steps;

/// <summary>
/// The lines of a derivation as they are written, bounded like any answer: at most <see cref="MaxLines"/> lines, and their
/// nodes together (all of which the answer prints, three times) at most maxResultNodes. Scalar and matrix derivations share it.
/// </summary>
internal sealed class DerivationLines(long maxNodes)
{
    /// <summary>The most lines a derivation may have; past it the request is refused (ask without steps, or for less).</summary>
    public const int MaxLines = 400;

    private readonly List<StepLine> _lines = [];
    private long _printed;

    public IReadOnlyList<StepLine> Lines => _lines;

    /// <summary>Adds a line; the refusal (a limit) where the derivation has grown past a bound.</summary>
    public CalcError? Add(StepLine line)
    {
        _lines.Add(line);
        _printed = Expressions.Expr.AddSizes(_printed, line.Expression.Size);
        if (_printed > maxNodes)
        {
            return CalcError.LimitExceeded("maxResultNodes", maxNodes,
                $"The derivation's lines together would have more than {maxNodes:N0} nodes when printed; the limit (maxResultNodes) is {maxNodes:N0}. Ask without steps, or for a lower order or a smaller expression.");
        }

        return _lines.Count > MaxLines
            ? CalcError.LimitExceeded("maxSteps", MaxLines,
                $"The derivation would have more than {MaxLines} lines (the limit, maxSteps). Ask without steps, or for a lower order or a smaller expression.")
            : null;
    }
}
