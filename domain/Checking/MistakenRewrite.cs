using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>Rebuilds an expression through the smart constructors with some of its leaves replaced, so the result is canonical again.</summary>
internal static class MistakenRewrite
{
    /// <summary><paramref name="e"/> with every leaf for which <paramref name="replace"/> answers an expression replaced by it.</summary>
    public static Expr Substitute(Expr e, Func<Expr, Expr?> replace) => Substitute(e, replace, []);

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

    private static Expr Substitute(Expr e, Func<Expr, Expr?> replace, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Expr Child(Expr c) => Substitute(c, replace, memo);
        var result = e switch
        {
            Sum s => Algebra.Add([.. s.Terms.Select(Child)]),
            Product p => Algebra.Mul([.. p.Factors.Select(Child)]),
            Power p => Algebra.Pow(Child(p.Base), Child(p.Exponent)),
            Call c => Algebra.Apply(c.Function, Child(c.Argument)),
            MatMul m => MatrixAlgebra.Product([.. m.Factors.Select(Child)]),
            Transpose t => MatrixAlgebra.Transposed(Child(t.Operand)),
            MatrixCall c => MatrixAlgebra.Apply(c.Function, Child(c.Argument)),
            _ => replace(e) ?? e,
        };
        memo[e] = result;
        return result;
    }
}
