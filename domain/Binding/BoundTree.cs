using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Binding;

/// <summary>
/// What the <see cref="Binder"/> learnt about an expression, so that no caller walks a tree again to find it.
/// The names and shapes are collected while binding and listed only when asked for (reading alone does not pay for them).
/// </summary>
public sealed class BoundTree
{
    private readonly Func<IReadOnlyList<string>> _freeNames;
    private readonly Func<IReadOnlyDictionary<string, Shape>> _variableShapes;
    private IReadOnlyList<string>? _names;
    private IReadOnlyDictionary<string, Shape>? _shapes;

    internal BoundTree(Expr expression, Func<IReadOnlyList<string>> freeNames, Func<IReadOnlyDictionary<string, Shape>> variableShapes, string naturalLogSpelling)
    {
        Expression = expression;
        _freeNames = freeNames;
        _variableShapes = variableShapes;
        NaturalLogSpelling = naturalLogSpelling;
    }

    /// <summary>The canonical expression.</summary>
    public Expr Expression { get; }

    /// <summary>The names read as values, in order of first appearance, without the constants (e, pi, I) unless declared.</summary>
    public IReadOnlyList<string> FreeNames => _names ??= _freeNames();

    /// <summary>The shape inferred for every variable named in the text, whether or not it survives in <see cref="Expression"/> (x - x is 0).</summary>
    public IReadOnlyDictionary<string, Shape> VariableShapes => _shapes ??= _variableShapes();

    /// <summary>The conditions of the real domain of the expression as written, which canonical forms may have dropped (sqrt(x)^2 is x where x &gt;= 0).</summary>
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>How the text spells the natural log (ln or log), so that an answer spells it the same way throughout.</summary>
    public string NaturalLogSpelling { get; }

    public void Deconstruct(out Expr expression, out IReadOnlyList<string> freeNames, out IReadOnlyDictionary<string, Shape> variableShapes, out string naturalLogSpelling) =>
        (expression, freeNames, variableShapes, naturalLogSpelling) = (Expression, FreeNames, VariableShapes, NaturalLogSpelling);
}
