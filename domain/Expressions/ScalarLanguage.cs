namespace CalcApi.Domain.Expressions;

/// <summary>Whether an expression lies in the scalar language, so that the scalar evaluators apply to it.</summary>
public static class ScalarLanguage
{
    /// <summary>
    /// True when every node of <paramref name="root"/> is a number, a constant, a scalar name, or a scalar sum,
    /// product, power or function call: no vector, matrix or matrix function (tr, det: scalar-valued, but of
    /// matrices) anywhere inside. Each shared node is visited once: a derivative's DAG can stand for a tree far
    /// larger than itself.
    /// </summary>
    public static bool Of(Expr root)
    {
        if (root.Size <= SmallTree)
        {
            return OfSmall(root);
        }

        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([root]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e) || e is Number or Constant or Symbol)
            {
                continue;
            }

            if (!(e.IsScalar && e is Sum or Product or Power or Call))
            {
                return false;
            }

            foreach (var child in e.Children)
            {
                stack.Push(child);
            }
        }

        return true;
    }

    /// <summary>A tree this small is walked as a tree, without the set of visited nodes that a shared DAG needs.</summary>
    private const long SmallTree = 64;

    private static bool OfSmall(Expr e) =>
        e is Number or Constant or Symbol
        || (e.IsScalar && e is Sum or Product or Power or Call && e.Children.All(OfSmall));
}
