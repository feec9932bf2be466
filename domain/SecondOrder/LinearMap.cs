using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification;

namespace CalcApi.Domain.SecondOrder;

/// <summary>
/// The Jacobian of a vector expression g(x) with respect to a vector x in closed form, by reusing reverse mode:
/// for a fresh vector u, ∇ₓ(u'g) = J'u, and J' is read off that expression as the linear map it applies to u
/// (M*u → M, v .* u → diag(v), c*u → c*I, sums term by term). Where the map cannot be read off, the answer is
/// the sub-expression that stopped it, never a guessed form.
/// </summary>
public static class LinearMap
{
    /// <summary>J with J[i][j] = ∂gᵢ/∂xⱼ, or an unsupported error naming what could not be read.</summary>
    public static Outcome<Expr> Jacobian(Expr g, string variable)
    {
        // A 1×1 g makes u a scalar symbol, which the linear reading below does not take: that is not a closed form it can read.
        if (MatrixAlgebra.Variable(FreshName(g), g.Shape) is not MatrixSymbol u)
        {
            return Unsupported(g);
        }

        var adjoint = MatrixGradient.Of(MatrixAlgebra.Product(MatrixAlgebra.Transposed(u), g), variable);
        var map = Of(adjoint, u);
        if (!map.IsSuccess)
        {
            return map.Error;
        }

        // Merged before collecting (so like terms meet) and after (collecting X'*...*X out of a sum leaves diagonals side by side).
        var jacobian = map.Value is { } m ? Diagonals(MatrixSimplifier.CollectCommonFactors(Diagonals(MatrixAlgebra.Transposed(m)))) : Algebra.Zero;
        return jacobian.DependsOn(u.Name)
            ? Unsupported(jacobian)
            : jacobian;
    }

    /// <summary>M with e = M*u (null: e does not depend on u), where e is linear in u.</summary>
    internal static Outcome<Expr?> Of(Expr e, Expr u)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        WorkBudget.ThrowIfCancelled();
        var name = ((MatrixSymbol)u).Name;
        if (!e.DependsOn(name))
        {
            return Outcome<Expr?>.Success(null);
        }

        switch (e)
        {
            case MatrixSymbol:
                // u itself: the identity.
                return MatrixAlgebra.IdentityOf(u.Shape.Rows);
            case Sum s:
            {
                Expr? total = null;
                foreach (var term in s.Terms)
                {
                    if (!term.DependsOn(name) || term.Shape != e.Shape)
                    {
                        // An affine term (a constant added to J'u), or a scalar broadcast over a vector: not a linear map of u.
                        return Unsupported(term);
                    }

                    var m = Of(term, u);
                    if (!m.IsSuccess)
                    {
                        return m;
                    }

                    total = total is null ? m.Value : Algebra.Add(total, m.Value!);
                }

                return total;
            }

            case Product p:
            {
                // Exactly one factor is linear in u; the others scale it (a scalar) or multiply it entry-wise (a vector: diag).
                var linear = p.Factors.Where(f => f.DependsOn(name)).ToArray();
                if (linear.Length != 1)
                {
                    return Unsupported(e);
                }

                var inner = Of(linear[0], u);
                if (!inner.IsSuccess || inner.Value is null)
                {
                    return inner;
                }

                var rest = Algebra.Mul([.. p.Factors.Where(f => !f.DependsOn(name))]);
                return (linear[0].IsScalar, rest.IsScalar) switch
                {
                    // c * (L u): c L.
                    (_, true) => Algebra.Mul(rest, inner.Value),
                    // v .* (L u): diag(v) L.
                    (false, false) when rest.Shape == linear[0].Shape && rest.Shape.Cols.IsOne =>
                        MatrixAlgebra.Product(MatrixAlgebra.Apply(MatrixFunction.DiagMatrix, rest), inner.Value),
                    // (r u) w with r a row: w r.
                    (true, false) when rest.Shape.Cols.IsOne => MatrixAlgebra.Product(rest, inner.Value),
                    _ => Unsupported(e),
                };
            }

            case MatMul m:
            {
                var at = Enumerable.Range(0, m.Factors.Length).Where(i => m.Factors[i].DependsOn(name)).ToArray();
                if (at.Length != 1)
                {
                    return Unsupported(e);
                }

                var k = at[0];
                var factor = m.Factors[k];
                var left = k == 0 ? Algebra.One : MatrixAlgebra.Product([.. m.Factors.Take(k)]);
                var right = k == m.Factors.Length - 1 ? null : MatrixAlgebra.Product([.. m.Factors.Skip(k + 1)]);
                if (right is null)
                {
                    // P * (L u): P L.
                    var inner = Of(factor, u);
                    return !inner.IsSuccess || inner.Value is null ? inner : MatrixAlgebra.Product(left, inner.Value);
                }

                if (factor is Transpose t && t.Operand.Shape.Cols.IsOne && right.Shape.Cols.IsOne)
                {
                    // P (L u)' q, with (L u)' q a number: P q' L u.
                    var inner = Of(t.Operand, u);
                    return !inner.IsSuccess || inner.Value is null ? inner : MatrixAlgebra.Product(left, MatrixAlgebra.Transposed(right), inner.Value);
                }

                if (factor is MatrixCall { Function: MatrixFunction.DiagMatrix } d && right.Shape.Cols.IsOne)
                {
                    // P diag(L u) q = P diag(q) L u.
                    var inner = Of(d.Argument, u);
                    return !inner.IsSuccess || inner.Value is null ? inner
                        : MatrixAlgebra.Product(left, MatrixAlgebra.Apply(MatrixFunction.DiagMatrix, right), inner.Value);
                }

                return Unsupported(e);
            }

            case MatrixCall { Function: MatrixFunction.SumAll } c when c.Argument.Shape.Cols.IsOne || c.Argument.Shape.Rows.IsOne:
            {
                // sum(L u) = 1' L u; a row is summed as its transpose (sum(b' .* u') = sum(b .* u)).
                var column = c.Argument.Shape.Cols.IsOne ? c.Argument : MatrixAlgebra.Transposed(c.Argument);
                var inner = Of(column, u);
                return !inner.IsSuccess || inner.Value is null ? inner
                    : MatrixAlgebra.Product(MatrixAlgebra.Transposed(MatrixAlgebra.OnesOf(column.Shape)), inner.Value);
            }

            default:
                return Unsupported(e);
        }
    }

    /// <summary>
    /// Merges the diagonal matrices the reading leaves side by side, so that a Hessian reads as the Cookbook writes it
    /// (X'*diag(d)*X): diag(a)*diag(b) = diag(a .* b), diag(a) + diag(b) = diag(a + b), ones(1, n)*diag(v) = v', diag(v)*ones(n, 1) = v,
    /// and a sum times a diagonal is distributed over its terms. Each rewrite is an identity; the tests check values.
    /// </summary>
    internal static Expr Diagonals(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case Sum s:
            {
                var terms = s.Terms.Select(Diagonals).ToArray();
                var diagonals = terms.Where(IsDiagonal).ToArray();
                if (diagonals.Length < 2)
                {
                    return Algebra.Add(terms);
                }

                var merged = Diag(Algebra.Add([.. diagonals.Select(d => ((MatrixCall)d).Argument)]));
                return Algebra.Add([.. terms.Where(t => !IsDiagonal(t)), merged]);
            }

            case Product p:
                return Algebra.Mul([.. p.Factors.Select(Diagonals)]);
            case Transpose t:
                return MatrixAlgebra.Transposed(Diagonals(t.Operand));
            case MatMul m:
            {
                var factors = new List<Expr>();
                foreach (var factor in m.Factors.Select(Diagonals))
                {
                    if (factors.Count > 0 && IsDiagonal(factors[^1]) && factor is Ones { Shape.Cols.IsOne: true })
                    {
                        // diag(v)*ones(n, 1) = v.
                        factors[^1] = ((MatrixCall)factors[^1]).Argument;
                        continue;
                    }

                    if (factors.Count > 0 && IsDiagonal(factor) && factors[^1] is var last)
                    {
                        if (IsDiagonal(last))
                        {
                            factors[^1] = Diag(Algebra.Mul(((MatrixCall)last).Argument, ((MatrixCall)factor).Argument));
                            continue;
                        }

                        if (last is Ones { Shape.Rows.IsOne: true })
                        {
                            factors[^1] = MatrixAlgebra.Transposed(((MatrixCall)factor).Argument);
                            continue;
                        }

                        if (last is Sum sum && factors.Count == 1)
                        {
                            // (A + B)*diag(v) = A*diag(v) + B*diag(v), each merged again.
                            factors[^1] = Diagonals(Algebra.Add([.. sum.Terms.Select(t => MatrixAlgebra.Product(t, factor))]));
                            continue;
                        }
                    }

                    factors.Add(factor);
                }

                return factors.Count == 1 ? factors[0] : MatrixAlgebra.Product([.. factors]);
            }

            default:
                return e;
        }
    }

    private static bool IsDiagonal(Expr e) => e is MatrixCall { Function: MatrixFunction.DiagMatrix };

    private static Expr Diag(Expr v) => MatrixAlgebra.Apply(MatrixFunction.DiagMatrix, v);

    private static string FreshName(Expr g)
    {
        var name = "u";
        while (g.DependsOn(name))
        {
            name += "_";
        }

        return name;
    }

    private static CalcError Unsupported(Expr e) =>
        new(ErrorKind.Unsupported, "Jacobian not read off",
            $"The engine cannot read the Jacobian off {e} as a linear map of the direction it differentiates along; it answers no form rather than a wrong one.");
}
