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

    /// <summary>
    /// Whether some node of <paramref name="root"/> satisfies <paramref name="predicate"/>, stopping at the first. A small
    /// tree is searched as a tree (no set of seen nodes to allocate: most answers are a few nodes, and this is asked of
    /// every one); a large one as the DAG, each node once.
    /// </summary>
    public static bool Any(Expr root, Func<Expr, bool> predicate)
    {
        const int SmallTree = 64;
        if (root.Size > SmallTree)
        {
            return Distinct(root).Any(predicate);
        }

        return Search(root);

        bool Search(Expr e)
        {
            if (predicate(e))
            {
                return true;
            }

            // The scalar nodes' children read directly: Children allocates an array for a power or a call, and an
            // enumerator for every node, and this look is asked of every answer several times.
            switch (e)
            {
                case Sum s:
                    foreach (var term in s.Terms)
                    {
                        if (Search(term))
                        {
                            return true;
                        }
                    }

                    return false;
                case Product p:
                    foreach (var factor in p.Factors)
                    {
                        if (Search(factor))
                        {
                            return true;
                        }
                    }

                    return false;
                case Power p:
                    return Search(p.Base) || Search(p.Exponent);
                case Call c:
                    return Search(c.Argument);
            }

            foreach (var child in e.Children)
            {
                if (Search(child))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
