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
        var seen = new HashSet<Expr>(comparer ?? SameNode.Instance);
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
            PushChildren(stack, e);
        }
    }

    /// <summary>The children of <paramref name="e"/>, last first, so that they pop left to right; without the array or the enumerator <see cref="Expr.Children"/> allocates for the scalar nodes.</summary>
    private static void PushChildren(Stack<Expr> stack, Expr e)
    {
        switch (e)
        {
            case Number or Symbol or Constant:
                return;
            case Sum s:
                PushAll(stack, s.Terms.AsSpan());
                return;
            case Product p:
                PushAll(stack, p.Factors.AsSpan());
                return;
            case Power p:
                stack.Push(p.Exponent);
                stack.Push(p.Base);
                return;
            case Call c:
                stack.Push(c.Argument);
                return;
            default:
                PushAll(stack, [.. e.Children]);
                return;
        }
    }

    private static void PushAll(Stack<Expr> stack, ReadOnlySpan<Expr> children)
    {
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
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
            return AnyDistinct(root, predicate);
        }

        return Search(root);

        bool Search(Expr e)
        {
            if (predicate(e))
            {
                return true;
            }

            return e switch
            {
                Number or Symbol or Constant => false,
                Sum s => SearchAll(s.Terms.AsSpan()),
                Product p => SearchAll(p.Factors.AsSpan()),
                Power p => Search(p.Base) || Search(p.Exponent),
                Call c => Search(c.Argument),
                _ => SearchAll([.. e.Children]),
            };
        }

        bool SearchAll(ReadOnlySpan<Expr> children)
        {
            foreach (var child in children)
            {
                if (Search(child))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The DAG search of <see cref="Any"/>: each node once, in the order of <see cref="Distinct"/>; a leaf is cheaper to ask again than to remember.</summary>
    private static bool AnyDistinct(Expr root, Func<Expr, bool> predicate)
    {
        // Sized for a few hundred distinct nodes (what a large answer's DAG usually has) rather than grown to it step by step.
        var seen = new HashSet<Expr>(256, SameNode.Instance);
        var stack = new Stack<Expr>(64);
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e.Size > 1 && !seen.Add(e))
            {
                continue;
            }

            if (predicate(e))
            {
                return true;
            }

            PushChildren(stack, e);
        }

        return false;
    }
}
