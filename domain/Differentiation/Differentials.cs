using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Differentiation;

/// <summary>
/// What an expression holding differentials d(u) equals, for comparing it (an answer to a check, a derivation's line
/// read back): each variable X's d(X) becomes a variable of X's shape named "d(X)", an arbitrary direction, and d(u) of
/// anything else its first-order change along those directions, d/dτ u(X + τ d(X), Y + τ d(Y), …) at τ = 0, by the
/// engine's own derivative, so exact. Two differential forms are equal exactly when they agree for every direction.
/// </summary>
public static class Differentials
{
    /// <summary>The parameter τ of the line X + τ d(X); not a name the language reads.</summary>
    private const string Along = "τ";

    /// <summary>The name of the direction d(X) stands for: "d(X)", which no variable of the language can be called.</summary>
    public static string DirectionName(string variable) => $"d({variable})";

    /// <summary>Whether <paramref name="e"/> holds a differential d(u).</summary>
    public static bool Within(Expr e) => Walk.Distinct(e).Any(n => n is Differential);

    /// <summary>The directions d(X) an expanded expression holds, each a variable named by <see cref="DirectionName"/>, in order of first appearance.</summary>
    public static IReadOnlyList<Expr> Directions(Expr expanded) =>
        [.. Walk.Distinct(expanded).Where(n => Name(n) is { } name && name.StartsWith("d(", StringComparison.Ordinal)).Distinct()];

    /// <summary>How a direction is written: d(X).</summary>
    public static string Written(Expr direction) => Name(direction) ?? throw new ArgumentException("Not a direction.", nameof(direction));

    /// <summary>
    /// <paramref name="e"/> with every d(u) worked out in terms of the directions d(X) of the variables that vary
    /// (<paramref name="varies"/>; all of them when null), the others held constant (d(a) = 0): a line of a derivation by
    /// X varies X alone. Without a differential it is returned as it is.
    /// </summary>
    public static Expr Expand(Expr e, Func<string, bool>? varies = null)
    {
        if (!Within(e))
        {
            return e;
        }

        bool Varies(Expr leaf) => Name(leaf) is { } name && (varies?.Invoke(name) ?? true);
        return Substitution.Apply(e, node => node is Differential d ? Of(d.Operand, Varies) : null);
    }

    /// <summary>
    /// df for the gradient G of f with respect to X, as the lecture writes it: tr(G' d(X)) for a matrix X, g' d(x) for a
    /// vector, g d(x) for a scalar, where <paramref name="dx"/> is d(X) itself or the direction that stands for it. Scalar
    /// factors stand before the trace, and the trace is built as it is displayed (the smart constructor would rotate it
    /// to its canonical order): 2*(a'*W*b - c)*tr(b*a'*d(W)).
    /// </summary>
    public static Expr TraceForm(Expr gradient, Expr dx)
    {
        var inner = MatrixAlgebra.Product(MatrixAlgebra.Transposed(gradient), dx);
        if (dx.Shape.Cols.IsOne || inner.IsScalar)
        {
            return inner;
        }

        return inner is Product p && p.Factors.Count(f => !f.IsScalar) == 1
            ? Algebra.Mul([.. p.Factors.Select(f => f.IsScalar ? f : new MatrixCall(MatrixFunction.Trace, f))])
            : new MatrixCall(MatrixFunction.Trace, inner);
    }

    /// <summary>The direction d(X) of a variable: a variable of its shape (symmetric where X is).</summary>
    public static Expr Direction(Expr variable) => variable switch
    {
        MatrixSymbol m => MatrixAlgebra.Variable(DirectionName(m.Name), m.Shape, m.Symmetric),
        Symbol s => Algebra.Variable(DirectionName(s.Name)),
        _ => throw new ArgumentException($"d of a {variable.GetType().Name} is not a direction.", nameof(variable)),
    };

    /// <summary>d(u): the direction where u is a varying variable, else d/dτ u(X + τ d(X), …) at τ = 0 over the varying X (0 where none occurs).</summary>
    private static Expr Of(Expr u, Func<Expr, bool> varies)
    {
        if (IsVariable(u) && varies(u))
        {
            return Direction(u);
        }

        var t = Algebra.Variable(Along);
        var moved = Substitution.Apply(u, leaf => IsVariable(leaf) && varies(leaf) ? Algebra.Add(leaf, Algebra.Mul(t, Direction(leaf))) : null);
        var change = Differentiator.Differentiate(moved, Along);
        var at = Substitution.Apply(change, leaf => leaf.Equals(t) ? Algebra.Zero : null);
        return at is Number { Value.IsZero: true } ? MatrixAlgebra.ZerosOf(u.Shape) : at;
    }

    private static bool IsVariable(Expr e) => e is MatrixSymbol or Symbol;

    private static string? Name(Expr e) => e switch
    {
        MatrixSymbol m => m.Name,
        Symbol s => s.Name,
        _ => null,
    };
}
