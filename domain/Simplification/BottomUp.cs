using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// The walk the answer-form passes share: an expression rebuilt bottom up over its scalar structure (sums, products,
/// powers, calls), each distinct node once, keeping every node whose children all came back the same reference as it is,
/// so a pass with nothing to do allocates nothing past its memo and answers its input itself.
/// </summary>
internal static class BottomUp
{
    /// <param name="rewrite">
    /// The node to use for a node, given the node and its children as visited (null where none changed): the node itself,
    /// <see cref="Rebuilt"/> of it, or a rewrite of its own.
    /// </param>
    public static Expr Rewrite(Expr e, Func<Expr, Expr[]?, Expr> rewrite) =>
        Visit(e, rewrite, new Dictionary<Expr, Expr>(SameNode.Instance));

    /// <summary>The node with <paramref name="children"/> in place of its own, through the smart constructors.</summary>
    public static Expr Rebuilt(Expr node, Expr[] children) => node switch
    {
        Sum => Algebra.Add(children),
        Product => Algebra.Mul(children),
        Power => Algebra.Pow(children[0], children[1]),
        Call c => Algebra.Apply(c.Function, children[0]),
        _ => node,
    };

    private static Expr Visit(Expr e, Func<Expr, Expr[]?, Expr> rewrite, Dictionary<Expr, Expr> memo)
    {
        if (e is not (Sum or Product or Power or Call))
        {
            return e;
        }

        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        Expr[]? changed = null;
        var i = 0;
        foreach (var child in e.Children)
        {
            var visited = Visit(child, rewrite, memo);
            if (!ReferenceEquals(visited, child))
            {
                changed ??= [.. e.Children];
                changed[i] = visited;
            }

            i++;
        }

        var result = rewrite(e, changed);
        memo[e] = result;
        return result;
    }
}
