using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Steps;

/// <summary>How a derivation's line becomes the next: one unevaluated node (diff(u, x) or d(u)) replaced, wherever it occurs.</summary>
internal static class LineRewrite
{
    /// <summary>
    /// The line with every copy of <paramref name="target"/> replaced, rebuilt through the smart constructors along the
    /// paths to it only: a sub-tree without the target is kept as it is (so lines share it, and a long line costs what
    /// changed, not its size). An unevaluated node is not looked into. A trace of a product holding a differential keeps
    /// the order it is shown in (the trace trick's line), where the smart constructor would rotate it.
    /// </summary>
    public static Expr Replace(Expr line, Expr target, Expr replacement)
    {
        var memo = new Dictionary<Expr, Expr>(SameNode.Instance);
        var holds = new Dictionary<Expr, bool>(SameNode.Instance);
        bool Holds(Expr node)
        {
            if (!holds.TryGetValue(node, out var known))
            {
                known = node.Size >= target.Size && (node.Equals(target) || (node is not (Differential or Derivative) && node.Children.Any(Holds)));
                holds[node] = known;
            }

            return known;
        }

        Expr Visit(Expr node)
        {
            if (memo.TryGetValue(node, out var known))
            {
                return known;
            }

            var result = !Holds(node) ? node : node switch
            {
                _ when node.Equals(target) => replacement,
                Differential or Derivative => node,
                Sum s => Algebra.Add([.. s.Terms.Select(Visit)]),
                Product p => Algebra.Mul([.. p.Factors.Select(Visit)]),
                Power p => Algebra.Pow(Visit(p.Base), Visit(p.Exponent)),
                Call c => Algebra.Apply(c.Function, Visit(c.Argument)),
                MatMul m => MatrixAlgebra.Product([.. m.Factors.Select(Visit)]),
                Transpose t => MatrixAlgebra.Transposed(Visit(t.Operand)),
                MatrixCall c => Rebuilt(c, Visit(c.Argument)),
                _ => node,
            };
            memo[node] = result;
            return result;
        }

        return Visit(line);
    }

    /// <summary>A matrix call with its argument rebuilt; a trace of a product that holds a differential keeps the order it is shown in.</summary>
    private static Expr Rebuilt(MatrixCall c, Expr argument) =>
        ReferenceEquals(argument, c.Argument) ? c
        : c.Function == MatrixFunction.Trace && argument is MatMul m && Walk.Distinct(m).Any(n => n is Differential) ? new MatrixCall(MatrixFunction.Trace, m)
        : MatrixAlgebra.Apply(c.Function, argument);
}
