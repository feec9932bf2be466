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

    /// <summary>
    /// A contribution of the caller's in place of the engine's: given the node, the index of the child it is passed to,
    /// the node's adjoint and the engine's contribution, the one to accumulate (null: none). How Checking makes a
    /// mistake on purpose in reverse mode without a second copy of the rules.
    /// </summary>
    internal delegate Expr? Contribution(Expr node, int child, Expr adjoint, Expr contribution);

    private readonly Contribution? _adjust;

    private MatrixGradient(string variable, Contribution? adjust = null)
    {
        _variable = variable;
        _adjust = adjust;
    }

    /// <summary>The gradient with <paramref name="adjust"/> deciding every contribution a node passes to a child, unsimplified.</summary>
    internal static Expr Of(Expr f, string variable, Contribution adjust) => new MatrixGradient(variable, adjust).Run(f);

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
        var transposed = MatrixAlgebra.Transposed(gradient);
        return transposed.Equals(gradient)
            ? gradient
            : Algebra.Mul(Algebra.Half, MatrixSimplifier.CollectCommonFactors(Algebra.Add(gradient, transposed)));
    }

    private Expr Run(Expr f)
    {
        var order = TopologicalOrder(f);
        _adjoints[f] = Algebra.One;
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

        return result ?? Algebra.Zero;
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
            contribution = MatrixAlgebra.Apply(MatrixFunction.SumAll, contribution);
        }

        _adjoints[node] = _adjoints.TryGetValue(node, out var existing) ? Algebra.Add(existing, contribution) : contribution;
    }

    private void Propagate(Expr node, Expr g)
    {
        WorkBudget.ThrowIfCancelled();
        switch (node)
        {
            case Sum s:
                for (var k = 0; k < s.Terms.Length; k++)
                {
                    Pass(node, k, s.Terms[k], g, g);
                }

                break;
            case Product p:
                for (var k = 0; k < p.Factors.Length; k++)
                {
                    if (p.Factors[k].DependsOn(_variable))
                    {
                        Pass(node, k, p.Factors[k], g, Algebra.Mul([g, .. p.Factors.RemoveAt(k)]));
                    }
                }

                break;
            case Power p:
                Pass(node, 0, p.Base, g, Algebra.Mul(g, p.Exponent, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne))));
                Pass(node, 1, p.Exponent, g, Algebra.Mul(g, Algebra.Apply(Function.Log, p.Base), p));
                break;
            case Call c:
                Pass(node, 0, c.Argument, g, Algebra.Mul(g, Differentiator.Outer(c.Function, c.Argument, c)));
                break;
            case MatMul m:
                for (var k = 0; k < m.Factors.Length; k++)
                {
                    if (!m.Factors[k].DependsOn(_variable))
                    {
                        continue;
                    }

                    // For A*X*B: X̄ += A' * Ḡ * B'.
                    var left = k == 0 ? Algebra.One : MatrixAlgebra.Transposed(MatrixAlgebra.Product([.. m.Factors.Take(k)]));
                    var right = k == m.Factors.Length - 1 ? Algebra.One : MatrixAlgebra.Transposed(MatrixAlgebra.Product([.. m.Factors.Skip(k + 1)]));
                    Pass(node, k, m.Factors[k], g, MatrixAlgebra.Product(left, g, right));
                }

                break;
            case Transpose t:
                Pass(node, 0, t.Operand, g, MatrixAlgebra.Transposed(g));
                break;
            case MatrixCall c:
                PropagateMatrixCall(c, g);
                break;
        }
    }

    private void PropagateMatrixCall(MatrixCall c, Expr g) =>
        Pass(c, 0, c.Argument, g, MatrixFunctionCatalog.Of(c.Function).Adjoint(c, c.Argument, g));

    /// <summary>Passes a contribution of <paramref name="node"/>'s adjoint to its child number <paramref name="index"/>, as the caller's adjustment has it.</summary>
    private void Pass(Expr node, int index, Expr child, Expr adjoint, Expr contribution)
    {
        if (_adjust is null)
        {
            Accumulate(child, contribution);
        }
        else if (child.DependsOn(_variable) && _adjust(node, index, adjoint, contribution) is { } adjusted)
        {
            Accumulate(child, adjusted);
        }
    }
}
