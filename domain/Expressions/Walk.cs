namespace CalcApi.Domain.Expressions;

/// <summary>The one walk over an expression's DAG that the passes needing "every node once" share.</summary>
public static class Walk
{
    /// <summary>
    /// The distinct nodes of <paramref name="root"/>, parents before children (left to right), each once: a derivative's
    /// DAG can stand for a tree far larger than itself. A node <paramref name="into"/> rejects is neither yielded nor
    /// walked into. Nodes are told apart by reference unless <paramref name="comparer"/> says otherwise.
    /// </summary>
    public static IEnumerable<Expr> Distinct(Expr root, Func<Expr, bool>? into = null, IEqualityComparer<Expr>? comparer = null)
    {
        var seen = new HashSet<Expr>(comparer ?? ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (into is not null && !into(e) || !seen.Add(e))
            {
                continue;
            }

            yield return e;
            foreach (var child in e.Children.Reverse())
            {
                stack.Push(child);
            }
        }
    }
}
