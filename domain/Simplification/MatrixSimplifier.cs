using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The one heavier rewrite for matrix results, applied to gradients on purpose (not on every node):
/// terms that share a matrix part are collected (u*a*b' + v*a*b' = (u + v)*a*b') and terms that share a
/// right or left factor are factored (M*w + M'*w = (M + M')*w), as the lecture writes them.
/// </summary>
public static class MatrixSimplifier
{
    public static Expr CollectCommonFactors(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return e switch
        {
            Sum s when !s.IsScalar => FactorSum(s),
            Product p when !p.IsScalar => Algebra.Mul([.. p.Factors.Select(CollectCommonFactors)]),
            MatMul m => MatrixAlgebra.Product([.. m.Factors.Select(CollectCommonFactors)]),
            _ => e,
        };
    }

    private sealed record Term(Expr Scalar, IReadOnlyList<Expr> Chain);

    private static Expr FactorSum(Sum s)
    {
        var scalars = s.Terms.Where(t => t.IsScalar).ToList();
        var terms = s.Terms.Where(t => !t.IsScalar).Select(Split).ToList();

        // Same matrix part: add the scalar parts.
        terms = [.. terms
            .GroupBy(t => Chain(t.Chain))
            .Select(g => new Term(Algebra.Add([.. g.Select(t => t.Scalar)]), g.First().Chain))];

        var factored = FactorBy(terms, right: true) ?? FactorBy(terms, right: false);
        var rebuilt = factored ?? [.. terms.Select(t => Algebra.Mul(t.Scalar, Chain(t.Chain)))];
        return Algebra.Add([.. scalars, .. rebuilt]);
    }

    /// <summary>Factors out the last (or first) factor shared by two or more terms; null when none is shared.</summary>
    private static List<Expr>? FactorBy(List<Term> terms, bool right)
    {
        var groups = terms
            .Where(t => t.Chain.Count > 1)
            .GroupBy(t => right ? t.Chain[^1] : t.Chain[0])
            .Where(g => g.Count() > 1)
            .ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        var shared = groups.OrderByDescending(g => g.Count()).First();
        var rest = terms.Where(t => !shared.Contains(t)).Select(t => Algebra.Mul(t.Scalar, Chain(t.Chain)));
        var inner = CollectCommonFactors(
            Algebra.Add([.. shared.Select(t => Algebra.Mul(t.Scalar, Chain(right ? t.Chain.Take(t.Chain.Count - 1) : t.Chain.Skip(1))))]));
        var factor = shared.Key;
        var combined = right ? MatrixAlgebra.Product(inner, factor) : MatrixAlgebra.Product(factor, inner);
        return [.. rest, combined];
    }

    private static Term Split(Expr term)
    {
        var scalars = new List<Expr>();
        Expr matrix = term;
        if (term is Product p)
        {
            scalars.AddRange(p.Factors.Where(f => f.IsScalar));
            var matrices = p.Factors.Where(f => !f.IsScalar).ToArray();
            matrix = matrices.Length == 1 ? matrices[0] : Algebra.Mul(matrices);
        }

        IReadOnlyList<Expr> chain = matrix is MatMul m ? m.Factors : [matrix];
        return new Term(Algebra.Mul([.. scalars]), chain);
    }

    private static Expr Chain(IEnumerable<Expr> factors)
    {
        var list = factors.ToArray();
        return list.Length == 1 ? list[0] : MatrixAlgebra.Product(list);
    }
}
