using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>What the mistaken rules read off an expression: its variables, as a student may take them.</summary>
internal static class MistakenRewrite
{
    /// <summary>The matrix symbol <paramref name="m"/> as a student who takes it to be symmetric reads it (M' = M).</summary>
    public static Expr AsSymmetric(MatrixSymbol m) => MatrixAlgebra.Variable(m.Name, m.Shape, symmetric: true);

    /// <summary>The square, non-symmetric matrices of f other than <paramref name="except"/>, by name, in order.</summary>
    public static IReadOnlyList<MatrixSymbol> NonSymmetricSquareMatrices(Expr f, string except) =>
        [.. Leaves(f).OfType<MatrixSymbol>()
            .Where(m => m.Name != except && !m.Symmetric && m.Shape.IsSquare && !m.Shape.IsScalar)
            .DistinctBy(m => m.Name)
            .OrderBy(m => m.Name, StringComparer.Ordinal)];

    /// <summary>The leaf named <paramref name="name"/> (a scalar, vector or matrix variable), or null.</summary>
    public static Expr? Variable(Expr f, string name) =>
        Leaves(f).FirstOrDefault(e => e is Symbol s && s.Name == name || e is MatrixSymbol m && m.Name == name);

    private static IEnumerable<Expr> Leaves(Expr f) =>
        Walk.Distinct(f, comparer: EqualityComparer<Expr>.Default).Where(e => !e.Children.Any());
}
