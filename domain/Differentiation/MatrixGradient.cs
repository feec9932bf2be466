using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification;

namespace CalcApi.Domain.Differentiation;

/// <summary>
/// The gradient ∂f/∂X of a scalar f with respect to a scalar, vector or matrix variable X, in closed
/// form, by symbolic reverse mode: every node receives an adjoint Ḡ of its own shape, and the rules
/// pass it down (for C = A*B: Ā += Ḡ*B', B̄ += A'*Ḡ; for det(A): Ā += Ḡ det(A) inv(A)'; ...). The
/// result satisfies f(X + εU) = f(X) + ε tr(U' ∂f/∂X) + O(ε²), and has the shape of X.
/// </summary>
public sealed class MatrixGradient
{
    private readonly string _variable;
    private readonly Dictionary<Expr, Expr> _adjoints = [];

    private MatrixGradient(string variable) => _variable = variable;

    public static Expr Of(Expr f, string variable)
    {
        if (!f.IsScalar)
        {
            throw new InvalidOperationException("Gradients are of scalar functions.");
        }

        var gradient = new MatrixGradient(variable).Run(f);
        return MatrixSimplifier.CollectCommonFactors(gradient);
    }

    /// <summary>The gradient within symmetric matrices: (G + G')/2 of the unconstrained gradient G.</summary>
    public static Expr Symmetrised(Expr gradient)
    {
        var transposed = Mx.Transpose(gradient);
        return transposed.Equals(gradient)
            ? gradient
            : Ex.Mul(Ex.Half, MatrixSimplifier.CollectCommonFactors(Ex.Add(gradient, transposed)));
    }

    private Expr Run(Expr f)
    {
        var order = TopologicalOrder(f);
        _adjoints[f] = Ex.One;
        Expr? result = null;
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var node = order[i];
            if (!_adjoints.TryGetValue(node, out var adjoint))
            {
                continue;
            }

            if (node is Symbol s && s.Name == _variable || node is MatrixSymbol m && m.Name == _variable)
            {
                result = adjoint;
                continue;
            }

            Propagate(node, adjoint);
        }

        return result ?? Ex.Zero;
    }

    /// <summary>The nodes that depend on the variable, children before parents, each once.</summary>
    private List<Expr> TopologicalOrder(Expr root)
    {
        var order = new List<Expr>();
        var visited = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (node, expanded) = stack.Pop();
            if (expanded)
            {
                order.Add(node);
                continue;
            }

            if (!node.DependsOn(_variable) || !visited.Add(node))
            {
                continue;
            }

            stack.Push((node, true));
            foreach (var child in node.Children)
            {
                stack.Push((child, false));
            }
        }

        return order;
    }

    private void Accumulate(Expr node, Expr contribution)
    {
        if (!node.DependsOn(_variable))
        {
            return;
        }

        // A scalar that was broadcast over a matrix collects the sum of the matrix's adjoint.
        if (node.IsScalar && !contribution.IsScalar)
        {
            contribution = Mx.Call(MatrixFunction.SumAll, contribution);
        }

        _adjoints[node] = _adjoints.TryGetValue(node, out var existing) ? Ex.Add(existing, contribution) : contribution;
    }

    private void Propagate(Expr node, Expr g)
    {
        WorkBudget.ThrowIfCancelled();
        switch (node)
        {
            case Sum s:
                foreach (var term in s.Terms)
                {
                    Accumulate(term, g);
                }

                break;
            case Product p:
                for (var k = 0; k < p.Factors.Length; k++)
                {
                    if (p.Factors[k].DependsOn(_variable))
                    {
                        Accumulate(p.Factors[k], Ex.Mul([g, .. p.Factors.RemoveAt(k)]));
                    }
                }

                break;
            case Power p:
                Accumulate(p.Base, Ex.Mul(g, p.Exponent, Ex.Pow(p.Base, Ex.Add(p.Exponent, Ex.MinusOne))));
                Accumulate(p.Exponent, Ex.Mul(g, Ex.Call(Function.Log, p.Base, spelledLn: true), p));
                break;
            case Call c:
                Accumulate(c.Argument, Ex.Mul(g, Differentiator.Outer(c.Function, c.Argument, c)));
                break;
            case MatMul m:
                for (var k = 0; k < m.Factors.Length; k++)
                {
                    if (!m.Factors[k].DependsOn(_variable))
                    {
                        continue;
                    }

                    // For A*X*B: X̄ += A' * Ḡ * B'.
                    var left = k == 0 ? Ex.One : Mx.Transpose(Mx.MatMul([.. m.Factors.Take(k)]));
                    var right = k == m.Factors.Length - 1 ? Ex.One : Mx.Transpose(Mx.MatMul([.. m.Factors.Skip(k + 1)]));
                    Accumulate(m.Factors[k], Mx.MatMul(left, g, right));
                }

                break;
            case Transpose t:
                Accumulate(t.Operand, Mx.Transpose(g));
                break;
            case MatrixCall c:
                PropagateMatrixCall(c, g);
                break;
        }
    }

    private void PropagateMatrixCall(MatrixCall c, Expr g)
    {
        var a = c.Argument;
        var inverseTransposed = c.Function is MatrixFunction.Det or MatrixFunction.LogDet
            ? Mx.Transpose(Mx.Call(MatrixFunction.Inverse, a))
            : null;
        var contribution = c.Function switch
        {
            MatrixFunction.Trace => Ex.Mul(g, Mx.IdentityMatrix(a.Shape.Rows)),
            MatrixFunction.Det => Ex.Mul(g, c, inverseTransposed!),
            MatrixFunction.LogDet => Ex.Mul(g, inverseTransposed!),
            MatrixFunction.Inverse => Ex.Neg(Mx.MatMul(Mx.Transpose(c), g, Mx.Transpose(c))),
            MatrixFunction.SumAll => Ex.Mul(g, Mx.OnesMatrix(a.Shape)),
            MatrixFunction.Norm => Ex.Mul(g, a, Ex.Pow(c, Ex.MinusOne)),
            MatrixFunction.DiagMatrix => Mx.Call(MatrixFunction.DiagVector, g),
            MatrixFunction.DiagVector => Mx.Call(MatrixFunction.DiagMatrix, g),
            _ => throw new InvalidOperationException($"No adjoint rule for {c.Function}."),
        };
        Accumulate(a, contribution);
    }
}
