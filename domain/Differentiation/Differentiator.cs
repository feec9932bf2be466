using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Differentiation;

/// <summary>
/// d/dx of a scalar expression, one rule per line. Memoised over the expression DAG, so a sub-expression
/// that occurs many times (as the chain and product rules make them) is differentiated once.
/// Results come out of the smart constructors, hence already in canonical form.
/// </summary>
public sealed class Differentiator
{
    private readonly string _variable;
    private readonly Dictionary<Expr, Expr> _memo = [];
    private readonly Func<Expr, Func<Expr, Expr>, Expr?>? _rule;

    private Differentiator(string variable, Func<Expr, Func<Expr, Expr>, Expr?>? rule = null)
    {
        _variable = variable;
        _rule = rule;
    }

    public static Expr Differentiate(Expr expression, string variable) =>
        new Differentiator(variable).D(expression);

    /// <summary>
    /// d/dx with a rule of the caller's tried first at every node that depends on x: <paramref name="rule"/> gets the
    /// node and this differentiation (memoised, for the inner derivatives) and answers the node's derivative, or null
    /// for the engine's own rule. How a mistake is made on purpose (Checking) without a second copy of the rules.
    /// </summary>
    internal static Expr Differentiate(Expr expression, string variable, Func<Expr, Func<Expr, Expr>, Expr?> rule) =>
        new Differentiator(variable, rule).D(expression);

    public static Expr Differentiate(Expr expression, string variable, int order)
    {
        var result = expression;
        for (var i = 0; i < order; i++)
        {
            result = Differentiate(result, variable);
        }

        return result;
    }

    private Expr D(Expr e)
    {
        if (!e.DependsOn(_variable))
        {
            return Algebra.Zero;
        }

        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = _rule?.Invoke(e, D) ?? e switch
        {
            Symbol => Algebra.One,
            Sum s => Algebra.Add([.. s.Terms.Select(D)]),
            Product p => ProductRule(p.Factors, f => Algebra.Mul(f)),
            Power p => PowerRule(p),
            Call c => Algebra.Mul(Outer(c.Function, c.Argument, c), D(c.Argument)),
            MatMul m => ProductRule(m.Factors, f => MatrixAlgebra.Product(f)),
            Transpose t => MatrixAlgebra.Transposed(D(t.Operand)),
            MatrixCall c => MatrixCallRule(c),
            _ => throw new InvalidOperationException($"No derivative rule for {e.GetType().Name}."),
        };
        _memo[e] = result;
        return result;
    }

    /// <summary>
    /// d(u·v·w) = u'·v·w + u·v'·w + u·v·w', for scalar products and, in order, for matrix products
    /// (<paramref name="multiply"/> builds either).
    /// </summary>
    private Expr ProductRule(System.Collections.Immutable.ImmutableArray<Expr> factors, Func<Expr[], Expr> multiply)
    {
        var terms = new List<Expr>(factors.Length);
        for (var i = 0; i < factors.Length; i++)
        {
            var d = D(factors[i]);
            if (d is Number { Value.IsZero: true })
            {
                continue;
            }

            var term = factors.ToArray();
            term[i] = d;
            terms.Add(multiply(term));
        }

        return Algebra.Add([.. terms]);
    }

    /// <summary>d f(A) for a matrix function: the catalog's differential (d det(A) = det(A) tr(A⁻¹ dA), ...).</summary>
    private Expr MatrixCallRule(MatrixCall c) => MatrixFunctionCatalog.Of(c.Function).Differential(c, c.Argument, D(c.Argument));

    private Expr PowerRule(Power p)
    {
        var (b, n) = (p.Base, p.Exponent);
        if (!n.DependsOn(_variable))
        {
            // d(u^n) = n u^(n-1) u'
            return Algebra.Mul(n, Algebra.Pow(b, Algebra.Add(n, Algebra.MinusOne)), D(b));
        }

        if (!b.DependsOn(_variable))
        {
            // d(a^v) = ln(a) a^v v'
            return Algebra.Mul(Algebra.Apply(Function.Log, b), p, D(n));
        }

        // d(u^v) = u^v (v' ln(u) + v u'/u)
        return Algebra.Mul(p, Algebra.Add(
            Algebra.Mul(D(n), Algebra.Apply(Function.Log, b)),
            Algebra.Mul(n, D(b), Algebra.Pow(b, Algebra.MinusOne))));
    }

    /// <summary>f'(u) for the outer function f of the call <paramref name="call"/> = f(u): the catalog's rule.</summary>
    internal static Expr Outer(Function f, Expr u, Call call) => FunctionCatalog.Of(f).Derivative(u, call);
}
