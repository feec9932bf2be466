namespace CalcApi.Domain.Expressions;

/// <summary>Rebuilds an expression through the smart constructors with some of its leaves replaced, so the result is canonical again.</summary>
public static class Substitution
{
    /// <summary>
    /// <paramref name="e"/> with every leaf (and every node the walk does not go into: d(u), diff(u, x)) for which
    /// <paramref name="replace"/> answers an expression replaced by it; memoised, so a shared sub-tree is rebuilt once.
    /// </summary>
    public static Expr Apply(Expr e, Func<Expr, Expr?> replace) => Apply(e, replace, []);

    private static Expr Apply(Expr e, Func<Expr, Expr?> replace, Dictionary<Expr, Expr> memo)
    {
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Expr Child(Expr c) => Apply(c, replace, memo);
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
