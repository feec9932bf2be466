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
/// The gradient by the engine's own symbolic reverse mode (<see cref="MatrixGradient"/>), with one rule replaced by
/// its wrong version (<see cref="MatrixSlip"/>) at one node of the expression: the engine asks at every
/// contribution a node passes on, and only the site's are changed.
/// </summary>
internal sealed class MistakenGradient
{
    private readonly string _variable;
    private readonly MatrixSlip _slip;
    private readonly Expr _site;
    private readonly int _keep;
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
        var gradient = MatrixGradient.Of(f, variable, run.Adjust);
        return run._meaningless ? null : MatrixSimplifier.CollectCommonFactors(gradient);
    }

    /// <summary>
    /// The contribution the slip passes from <paramref name="node"/> to its child number <paramref name="child"/>: the
    /// engine's own everywhere but at the site, where the rule is the wrong one (null: nothing passed).
    /// </summary>
    private Expr? Adjust(Expr node, int child, Expr g, Expr contribution)
    {
        if (!node.Equals(_site))
        {
            return contribution;
        }

        switch (_slip, node)
        {
            case (MatrixSlip.KeepOneOccurrence, Product or MatMul):
                return child == _keep ? contribution : null;
            case (MatrixSlip.PowerCoefficientDropped, Power p):
                return child == 0 ? Algebra.Mul(g, Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne))) : null;
            case (MatrixSlip.TraceNotTransposed, MatMul):
                var flipped = TransposedInPlace(contribution);
                _meaningless |= flipped is null;
                return flipped;
            case (MatrixSlip.InverseNotTransposed, MatrixCall c):
                var inverse = MatrixAlgebra.Apply(MatrixFunction.Inverse, c.Argument);
                return c.Function switch
                {
                    MatrixFunction.Det => Algebra.Mul(g, c, inverse),
                    MatrixFunction.LogDet => Algebra.Mul(g, inverse),
                    _ => Algebra.Neg(MatrixAlgebra.Product(c, g, c)),
                };
            default:
                return contribution;
        }
    }

    /// <summary>The nodes of f where <paramref name="slip"/> can be made, outermost first (for the trace slip: the products inside a trace).</summary>
    public static IReadOnlyList<Expr> Sites(Expr f, string variable, MatrixSlip slip)
    {
        var sites = new List<Expr>();
        foreach (var e in DependentNodes.Of(f, variable))
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
