using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>
/// Gives a syntax tree its meaning: decides every name's kind and every operand's shape, checks that
/// operands conform (naming both operands and their sizes when they do not), decides what each
/// <c>*</c> is (a scalar product, a scaling or a matrix product), and builds the canonical expression.
/// Two passes: shapes are inferred first (<c>Binder.Shapes.cs</c>), with unknown sizes unified across the
/// whole expression; then the expression is built with every size resolved (<c>Binder.Build.cs</c>).
/// </summary>
public sealed partial class Binder
{
    private readonly string? _text;
    private readonly IReadOnlyDictionary<string, VariableDeclaration> _declarations;
    private readonly InputDerivative? _derivative;
    private readonly DifferentialUse _differentials;
    private readonly Dictionary<string, (DimVar Rows, DimVar Cols)> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxNode, (DimVar Rows, DimVar Cols)> _shapes = new(SameSyntax.Instance);
    private readonly HashSet<(SyntaxNode, int)> _matrixProducts = [];
    private readonly List<string> _names = [];
    private List<Condition>? _conditions;
    private bool _writesLog;
    private bool _writesLn;

    private Binder(string? text, IReadOnlyDictionary<string, VariableDeclaration> declarations, InputDerivative? derivative, DifferentialUse differentials)
    {
        _text = text;
        _declarations = declarations;
        _derivative = derivative;
        _differentials = differentials;
    }

    /// <param name="root">The parsed expression.</param>
    /// <param name="text">The text it was parsed from, quoted in shape errors.</param>
    /// <param name="declarations">Declared names; an undeclared name is a scalar. A declared <c>e</c>, <c>pi</c> or <c>I</c> shadows the constant.</param>
    /// <param name="expectedShape">The shape the whole expression is known to have (a gradient read back has its variable's), which sizes a lone I or ones.</param>
    /// <param name="derivative">How diff(f, x, n) in the text is evaluated; without it, diff is refused (only the engine can differentiate).</param>
    /// <param name="differentials">Where d(u) is read: in answers to a check (of variables), derivation lines read back (of anything); else it is refused.</param>
    public static Outcome<BoundTree> Bind(SyntaxNode root, string? text, IReadOnlyDictionary<string, VariableDeclaration> declarations, Shape? expectedShape = null,
        InputDerivative? derivative = null, DifferentialUse differentials = DifferentialUse.None) =>
        ThrownErrors.Catch<BoundTree>(() =>
        {
            var binder = new Binder(text, declarations, derivative, differentials);
            var (rows, cols) = binder.Infer(root);
            if (expectedShape is { } expected && !(IsScalar((rows, cols)) && expected.IsScalar)
                && (!DimVar.Unify(rows, DimVar.From(expected.Rows, "rows")) || !DimVar.Unify(cols, DimVar.From(expected.Cols, "cols"))))
            {
                throw new CalcException(new CalcError(ErrorKind.Semantic, "Unexpected shape",
                    $"The expression is {rows}×{cols}, but {expected} was expected.") { Position = 0 });
            }

            var expression = binder.Build(root);
            return new BoundTree(expression, binder.FreeNames, binder.VariableShapes, binder.NaturalLogSpelling()) { Conditions = binder._conditions ?? [] };
        });

    public static bool IsConstantName(string name, Func<string, bool> isDeclared) =>
        name is "pi" or "e" or "I" && !isDeclared(name);

    private static (DimVar, DimVar) Scalar => (DimVar.One, DimVar.One);

    private static bool IsScalar((DimVar Rows, DimVar Cols) s) => s.Rows.IsOne && s.Cols.IsOne;

    /// <summary>Notes a name read as a value (not as a function), in order of first appearance.</summary>
    private void Read(string name)
    {
        if (!_names.Contains(name))
        {
            _names.Add(name);
        }
    }

    /// <summary>How the text spells the natural log: log where it only ever writes log, else ln (also where it writes neither).</summary>
    private string NaturalLogSpelling() => _writesLog && !_writesLn ? "log" : "ln";

    private List<string> FreeNames() => [.. _names.Where(n => !IsConstantName(n, _declarations.ContainsKey))];

    private Dictionary<string, Shape> VariableShapes() => _variables
        .Where(p => !IsConstantName(p.Key, _declarations.ContainsKey))
        .ToDictionary(p => p.Key, p => new Shape(p.Value.Rows.Resolve(), p.Value.Cols.Resolve()), StringComparer.Ordinal);

    private string Show(SyntaxNode node) =>
        _text is not null && node.End > node.Start && node.End <= _text.Length ? _text[node.Start..node.End].Trim() : "the operand";

    private static string Show((DimVar Rows, DimVar Cols) s) => $"{s.Rows}×{s.Cols}";

    private CalcException ShapeError(int position, string detail) =>
        new(new CalcError(ErrorKind.Semantic, "Shapes do not conform", detail) { Position = position });

    /// <summary>
    /// Syntax nodes told apart by reference and hashed by where they start: nodes sharing a start are only those nested at
    /// one position (a sum, its first product, that product's first factor), while an identity hash is made in each new
    /// node's header on first use, a slow path that was a good part of reading a short input.
    /// </summary>
    private sealed class SameSyntax : IEqualityComparer<SyntaxNode>
    {
        public static SameSyntax Instance { get; } = new();

        public bool Equals(SyntaxNode? x, SyntaxNode? y) => ReferenceEquals(x, y);

        public int GetHashCode(SyntaxNode obj) => obj.Start;
    }
}
