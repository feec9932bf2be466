using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Optimization;

/// <summary>Asks for the loss on a resolution × resolution grid over its two unknowns.</summary>
public sealed record LandscapeQuery(
    string Loss,
    IReadOnlyDictionary<string, VariableDeclaration>? Variables,
    IReadOnlyDictionary<string, Value>? Constants,
    IReadOnlyDictionary<string, Value> Initial,
    (double Min, double Max) XRange,
    (double Min, double Max) YRange,
    int Resolution = 60);

/// <summary>The loss on a grid: <c>Values[j][i]</c> is the loss at (Xs[i], Ys[j]), null where it is not finite.</summary>
public sealed record Landscape(IReadOnlyList<string> Axes, double[] Xs, double[] Ys, double?[][] Values, double? Min, double? Max);
