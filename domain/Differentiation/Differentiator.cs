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

    private Differentiator(string variable) => _variable = variable;

    public static Expr Differentiate(Expr expression, string variable) =>
        new Differentiator(variable).D(expression);

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
            return Ex.Zero;
        }

        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = e switch
        {
            Symbol => Ex.One,
            Sum s => Ex.Add([.. s.Terms.Select(D)]),
            Product p => ProductRule(p),
            Power p => PowerRule(p),
            Call c => Ex.Mul(Outer(c.Function, c.Argument, c), D(c.Argument)),
            MatMul m => MatMulRule(m),
            Transpose t => Mx.Transpose(D(t.Operand)),
            MatrixCall c => MatrixCallRule(c),
            _ => throw new InvalidOperationException($"No derivative rule for {e.GetType().Name}."),
        };
        _memo[e] = result;
        return result;
    }

    private Expr ProductRule(Product p)
    {
        var terms = new List<Expr>(p.Factors.Length);
        for (var i = 0; i < p.Factors.Length; i++)
        {
            var d = D(p.Factors[i]);
            if (d is Number { Value.IsZero: true })
            {
                continue;
            }

            var factors = p.Factors.ToArray();
            factors[i] = d;
            terms.Add(Ex.Mul(factors));
        }

        return Ex.Add([.. terms]);
    }

    private Expr MatMulRule(MatMul m)
    {
        var terms = new List<Expr>(m.Factors.Length);
        for (var i = 0; i < m.Factors.Length; i++)
        {
            var d = D(m.Factors[i]);
            if (d is Number { Value.IsZero: true })
            {
                continue;
            }

            var factors = m.Factors.ToArray();
            factors[i] = d;
            terms.Add(Mx.MatMul(factors));
        }

        return Ex.Add([.. terms]);
    }

    /// <summary>d tr(A) = tr(dA), d det(A) = det(A) tr(A^-1 dA), d A^-1 = -A^-1 dA A^-1, ...</summary>
    private Expr MatrixCallRule(MatrixCall c)
    {
        var a = c.Argument;
        var da = D(a);
        return c.Function switch
        {
            MatrixFunction.Trace or MatrixFunction.SumAll or MatrixFunction.DiagMatrix or MatrixFunction.DiagVector => Mx.Call(c.Function, da),
            MatrixFunction.Det => Ex.Mul(c, Mx.Call(MatrixFunction.Trace, Mx.MatMul(Mx.Call(MatrixFunction.Inverse, a), da))),
            MatrixFunction.LogDet => Mx.Call(MatrixFunction.Trace, Mx.MatMul(Mx.Call(MatrixFunction.Inverse, a), da)),
            MatrixFunction.Inverse => Ex.Neg(Mx.MatMul(c, da, c)),
            MatrixFunction.Norm => Ex.Mul(Mx.Call(MatrixFunction.SumAll, Ex.Mul(a, da)), Ex.Pow(c, Ex.MinusOne)),
            _ => throw new InvalidOperationException($"No derivative rule for {c.Function}."),
        };
    }

    private Expr PowerRule(Power p)
    {
        var (b, n) = (p.Base, p.Exponent);
        if (!n.DependsOn(_variable))
        {
            // d(u^n) = n u^(n-1) u'
            return Ex.Mul(n, Ex.Pow(b, Ex.Add(n, Ex.MinusOne)), D(b));
        }

        if (!b.DependsOn(_variable))
        {
            // d(a^v) = ln(a) a^v v'
            return Ex.Mul(Ex.Call(Function.Log, b, spelledLn: true), p, D(n));
        }

        // d(u^v) = u^v (v' ln(u) + v u'/u)
        return Ex.Mul(p, Ex.Add(
            Ex.Mul(D(n), Ex.Call(Function.Log, b, spelledLn: true)),
            Ex.Mul(n, D(b), Ex.Pow(b, Ex.MinusOne))));
    }

    /// <summary>f'(u) for the outer function f of the call <paramref name="call"/> = f(u).</summary>
    internal static Expr Outer(Function f, Expr u, Call call) => f switch
    {
        Function.Sin => Ex.Call(Function.Cos, u),
        Function.Cos => Ex.Neg(Ex.Call(Function.Sin, u)),
        Function.Tan => Ex.Pow(Ex.Call(Function.Cos, u), Ex.Num(-2)),
        Function.Exp => call,
        Function.Log => Ex.Pow(u, Ex.MinusOne),
        Function.Abs => Ex.Mul(u, Ex.Pow(call, Ex.MinusOne)),
        Function.Sinh => Ex.Call(Function.Cosh, u),
        Function.Cosh => Ex.Call(Function.Sinh, u),
        Function.Tanh => Ex.Sub(Ex.One, Ex.Pow(call, Ex.Two)),
        Function.Asin => Ex.Pow(Ex.Sub(Ex.One, Ex.Pow(u, Ex.Two)), Ex.Num(new Rational(-1, 2))),
        Function.Acos => Ex.Neg(Ex.Pow(Ex.Sub(Ex.One, Ex.Pow(u, Ex.Two)), Ex.Num(new Rational(-1, 2)))),
        Function.Atan => Ex.Pow(Ex.Add(Ex.One, Ex.Pow(u, Ex.Two)), Ex.MinusOne),
        Function.Sigmoid => Ex.Mul(call, Ex.Sub(Ex.One, call)),
        Function.Softplus => Ex.Call(Function.Sigmoid, u),
        Function.Log1p => Ex.Pow(Ex.Add(Ex.One, u), Ex.MinusOne),
        _ => throw new InvalidOperationException($"No derivative rule for {f}."),
    };
}
