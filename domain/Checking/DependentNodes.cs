using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>The walk every mistake starts from: where in f a rule meets the variable.</summary>
internal static class DependentNodes
{
    /// <summary>The distinct nodes of f that depend on the variable, parents before children.</summary>
    public static IEnumerable<Expr> Of(Expr f, string variable)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>();
        stack.Push(f);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!e.DependsOn(variable) || !seen.Add(e))
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
