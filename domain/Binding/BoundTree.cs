using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Binding;

/// <summary>What the <see cref="Binder"/> learnt about an expression, so that no caller walks a tree again to find it.</summary>
/// <param name="Expression">The canonical expression.</param>
/// <param name="FreeNames">The names read as values, in order of first appearance, without the constants (e, pi, I) unless declared.</param>
/// <param name="VariableShapes">The shape inferred for every variable named in the text, whether or not it survives in <paramref name="Expression"/> (x - x is 0).</param>
/// <param name="NaturalLogSpelling">How the text spells the natural log (ln or log), so that an answer spells it the same way throughout.</param>
public sealed record BoundTree(Expr Expression, IReadOnlyList<string> FreeNames, IReadOnlyDictionary<string, Shape> VariableShapes, string NaturalLogSpelling);
