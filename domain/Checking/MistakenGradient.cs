using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification;

namespace CalcApi.Domain.Checking;

/// <summary>A rule of matrix calculus (reverse mode) as a student gets it wrong.</summary>
internal enum MatrixSlip
{
    /// <summary>A product with the variable in two or more factors (x'*M*x) differentiated through one of them only.</summary>
    KeepOneOccurrence,
    /// <summary>∂(u^n) = u^(n−1)·∂u: the exponent not brought down (for a square, the factor 2 lost).</summary>
    PowerCoefficientDropped,
    /// <summary>∂ det(X)/∂X = det(X)·inv(X), ∂ logdet(X)/∂X = inv(X), the adjoint of inv(X) as −inv(X)·G·inv(X): the transposes left out.</summary>
    InverseNotTransposed,
    /// <summary>∂ tr(A*X*B)/∂X = A*B: the factors beside X not transposed.</summary>
    TraceNotTransposed,
}

/// <summary>
/// The gradient by symbolic reverse mode, as <see cref="MatrixGradient"/> computes it, with one rule replaced by
/// its wrong version (<see cref="MatrixSlip"/>) at one node of the expression; every other node passes its
/// adjoint on by the engine's own rules.
/// </summary>
internal sealed class MistakenGradient
{
    private readonly string _variable;
    private readonly MatrixSlip _slip;
    private readonly Expr _site;
    private readonly int _keep;
    private readonly Dictionary<Expr, Expr> _adjoints = [];
    private bool _meaningless;

    private MistakenGradient(string variable, MatrixSlip slip, Expr site, int keep)
    {
        _variable = variable;
        _slip = slip;
        _site = site;
        _keep = keep;
    }

    /// <summary>
    /// ∂f/∂variable with the slip made at <paramref name="site"/> (for <see cref="MatrixSlip.KeepOneOccurrence"/>,
    /// only factor <paramref name="keep"/> of the site is differentiated); null where the slip gives no matrix of the
    /// right shape (the transposes of non-square factors cannot be dropped).
    /// </summary>
    public static Expr? Of(Expr f, string variable, MatrixSlip slip, Expr site, int keep = -1)
    {
        var run = new MistakenGradient(variable, slip, site, keep);
        var gradient = run.Run(f);
        return run._meaningless ? null : MatrixSimplifier.CollectCommonFactors(gradient);
    }

    /// <summary>The nodes of f where <paramref name="slip"/> can be made, outermost first (for the trace slip: the products inside a trace).</summary>
    public static IReadOnlyList<Expr> Sites(Expr f, string variable, MatrixSlip slip)
    {
        var sites = new List<Expr>();
        foreach (var e in Nodes(f, variable))
        {
            var site = slip switch
            {
                MatrixSlip.KeepOneOccurrence when e is Product or MatMul && DependentFactors(e, variable).Count >= 2 => e,
                MatrixSlip.PowerCoefficientDropped when e is Power { Exponent: Number n } p && !n.Value.IsOne && p.Base.DependsOn(variable) => e,
                MatrixSlip.InverseNotTransposed when e is MatrixCall { Function: MatrixFunction.Det or MatrixFunction.LogDet or MatrixFunction.Inverse } => e,
                MatrixSlip.TraceNotTransposed when e is MatrixCall { Function: MatrixFunction.Trace, Argument: MatMul m } => m,
                _ => null,
            };
            if (site is not null && !sites.Contains(site))
            {
                sites.Add(site);
            }
        }

        return sites;
    }

    /// <summary>The indices of the factors of a product that depend on the variable.</summary>
    public static IReadOnlyList<int> DependentFactors(Expr product, string variable)
    {
        var factors = product switch
        {
            Product p => p.Factors,
            MatMul m => m.Factors,
            _ => [],
        };
        return [.. Enumerable.Range(0, factors.Length).Where(k => factors[k].DependsOn(variable))];
    }

    /// <summary>The distinct nodes of f that depend on the variable, parents before children.</summary>
    public static IEnumerable<Expr> Nodes(Expr f, string variable)
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

    private Expr Run(Expr f)
    {
        var order = TopologicalOrder(f);
        _adjoints[f] = Algebra.One;
        Expr? result = null;
        for (var i = order.Count - 1; i >= 0 && !_meaningless; i--)
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

        if (node.IsScalar && !contribution.IsScalar)
        {
            contribution = MatrixAlgebra.Apply(MatrixFunction.SumAll, contribution);
        }

        _adjoints[node] = _adjoints.TryGetValue(node, out var existing) ? Algebra.Add(existing, contribution) : contribution;
    }

    private void Propagate(Expr node, Expr g)
    {
        WorkBudget.ThrowIfCancelled();
        var here = node.Equals(_site);
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
                    if (p.Factors[k].DependsOn(_variable) && !(here && _slip == MatrixSlip.KeepOneOccurrence && k != _keep))
                    {
                        Accumulate(p.Factors[k], Algebra.Mul([g, .. p.Factors.RemoveAt(k)]));
                    }
                }

                break;
            case Power p when here && _slip == MatrixSlip.PowerCoefficientDropped:
                Accumulate(p.Base, Algebra.Mul(g, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne))));
                break;
            case Power p:
                Accumulate(p.Base, Algebra.Mul(g, p.Exponent, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne))));
                Accumulate(p.Exponent, Algebra.Mul(g, Algebra.Apply(Function.Log, p.Base), p));
                break;
            case Call c:
                Accumulate(c.Argument, Algebra.Mul(g, FunctionCatalog.Of(c.Function).Derivative(c.Argument, c)));
                break;
            case MatMul m:
                for (var k = 0; k < m.Factors.Length; k++)
                {
                    if (!m.Factors[k].DependsOn(_variable) || here && _slip == MatrixSlip.KeepOneOccurrence && k != _keep)
                    {
                        continue;
                    }

                    var left = k == 0 ? Algebra.One : MatrixAlgebra.Transposed(MatrixAlgebra.Product([.. m.Factors.Take(k)]));
                    var right = k == m.Factors.Length - 1 ? Algebra.One : MatrixAlgebra.Transposed(MatrixAlgebra.Product([.. m.Factors.Skip(k + 1)]));
                    var contribution = MatrixAlgebra.Product(left, g, right);
                    if (here && _slip == MatrixSlip.TraceNotTransposed)
                    {
                        var flipped = TransposedInPlace(contribution);
                        if (flipped is null)
                        {
                            _meaningless = true;
                            return;
                        }

                        contribution = flipped;
                    }

                    Accumulate(m.Factors[k], contribution);
                }

                break;
            case Transpose t:
                Accumulate(t.Operand, MatrixAlgebra.Transposed(g));
                break;
            case MatrixCall c when here && _slip == MatrixSlip.InverseNotTransposed:
                var inverse = MatrixAlgebra.Apply(MatrixFunction.Inverse, c.Argument);
                Accumulate(c.Argument, c.Function switch
                {
                    MatrixFunction.Det => Algebra.Mul(g, c, inverse),
                    MatrixFunction.LogDet => Algebra.Mul(g, inverse),
                    _ => Algebra.Neg(MatrixAlgebra.Product(c, g, c)),
                });
                break;
            case MatrixCall c:
                Accumulate(c.Argument, MatrixFunctionCatalog.Of(c.Function).Adjoint(c, c.Argument, g));
                break;
        }
    }

    /// <summary>
    /// A product of square atoms with each atom's transpose toggled in place, the order kept: A'*B' becomes A*B
    /// (what is left when the transposes of ∂ tr(A*X*B)/∂X = A'*B' are forgotten); null when an atom is not
    /// square (its transpose cannot be dropped without changing the shape) or the product is not a plain one.
    /// </summary>
    internal static Expr? TransposedInPlace(Expr e)
    {
        switch (e)
        {
            case { IsScalar: true }:
                return e;
            case Product p:
                var scaled = new Expr[p.Factors.Length];
                for (var i = 0; i < scaled.Length; i++)
                {
                    if (TransposedInPlace(p.Factors[i]) is not { } factor)
                    {
                        return null;
                    }

                    scaled[i] = factor;
                }

                return Algebra.Mul(scaled);
            case MatMul m:
                var factors = new Expr[m.Factors.Length];
                for (var i = 0; i < factors.Length; i++)
                {
                    if (TransposedInPlace(m.Factors[i]) is not { } factor)
                    {
                        return null;
                    }

                    factors[i] = factor;
                }

                return MatrixAlgebra.Product(factors);
            case Transpose t when t.Operand.Shape.IsSquare:
                return t.Operand;
            case Identity:
                return e;
            case MatrixSymbol or MatrixCall { Function: MatrixFunction.Inverse } when e.Shape.IsSquare:
                return MatrixAlgebra.Transposed(e);
            default:
                return null;
        }
    }
}
