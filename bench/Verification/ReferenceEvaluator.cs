using CalcApi.Bench.Corpus;
using CalcApi.Domain.Syntax;

namespace CalcApi.Bench.Verification;

/// <summary>
/// Evaluates what was written (the parser's syntax tree, before binding) in <see cref="Dual"/>
/// arithmetic: the function's value and, by forward-mode differentiation, its derivative. It shares
/// only the parser with the engine (no binder, smart constructors, differentiator or evaluator), so
/// it is an independent reference for both.
/// </summary>
public sealed class ReferenceEvaluator
{
    private readonly CorpusCase _case;
    private readonly IReadOnlyDictionary<string, double> _point;

    private ReferenceEvaluator(CorpusCase c, IReadOnlyDictionary<string, double> point)
    {
        _case = c;
        _point = point;
    }

    /// <summary>f and df/d(variable) at <paramref name="point"/>.</summary>
    public static Dual Evaluate(CorpusCase c, SyntaxNode syntax, IReadOnlyDictionary<string, double> point) =>
        new ReferenceEvaluator(c, point).Eval(syntax);

    private Dual Eval(SyntaxNode node) => node switch
    {
        NumberSyntax n => Dual.Constant(n.Value.ToDouble()),
        NameSyntax n => Name(n.Name),
        NegateSyntax n => -Eval(n.Operand),
        SumSyntax s => s.Terms.Aggregate(Dual.Constant(0), (total, t) => t.Minus ? total - Eval(t.Term) : total + Eval(t.Term)),
        ProductSyntax p => p.Rest.Aggregate(Eval(p.First), (total, f) =>
            f.Operator is ProductOperator.Divide or ProductOperator.ElementDivide ? total / Eval(f.Factor) : total * Eval(f.Factor)),
        PowerSyntax p => Dual.Pow(Eval(p.Base), Eval(p.Exponent)),
        TransposeSyntax t => Eval(t.Operand),
        CallSyntax { Arguments.Count: 1 } c => Call(c.Name, Eval(c.Arguments[0])),
        _ => throw new NotSupportedException($"The reference evaluator cannot evaluate {node.GetType().Name} at position {node.Start}."),
    };

    private Dual Name(string name)
    {
        if (name == _case.Variable)
        {
            return Dual.Variable(_point[name]);
        }

        return name switch
        {
            "pi" => Dual.Constant(Math.PI),
            "e" => Dual.Constant(Math.E),
            _ when _point.TryGetValue(name, out var value) => Dual.Constant(value),
            _ => throw new NotSupportedException($"`at` gives no value for '{name}'."),
        };
    }

    private static Dual Call(string name, Dual u)
    {
        var x = u.Value;
        return name switch
        {
            "sin" => Dual.Chain(u, Math.Sin(x), Math.Cos(x)),
            "cos" => Dual.Chain(u, Math.Cos(x), -Math.Sin(x)),
            "tan" => Dual.Chain(u, Math.Tan(x), 1 / (Math.Cos(x) * Math.Cos(x))),
            "exp" => Dual.Chain(u, Math.Exp(x), Math.Exp(x)),
            "log" or "ln" => Dual.Chain(u, Math.Log(x), 1 / x),
            "log1p" => Dual.Chain(u, LogOnePlus(x), 1 / (1 + x)),
            "sqrt" => Dual.Chain(u, Math.Sqrt(x), 0.5 / Math.Sqrt(x)),
            "abs" => Dual.Chain(u, Math.Abs(x), x == 0 ? double.NaN : Math.Sign(x)),
            "sinh" => Dual.Chain(u, Math.Sinh(x), Math.Cosh(x)),
            "cosh" => Dual.Chain(u, Math.Cosh(x), Math.Sinh(x)),
            "tanh" => Dual.Chain(u, Math.Tanh(x), 1 - (Math.Tanh(x) * Math.Tanh(x))),
            "asin" => Dual.Chain(u, Math.Asin(x), 1 / Math.Sqrt(1 - (x * x))),
            "acos" => Dual.Chain(u, Math.Acos(x), -1 / Math.Sqrt(1 - (x * x))),
            "atan" => Dual.Chain(u, Math.Atan(x), 1 / (1 + (x * x))),
            "sigmoid" => Dual.Chain(u, Sigmoid(x), Sigmoid(x) * Sigmoid(-x)),
            "softplus" => Dual.Chain(u, x > 30 ? x + Math.Exp(-x) : LogOnePlus(Math.Exp(x)), Sigmoid(x)),
            "sec" => Dual.Chain(u, 1 / Math.Cos(x), Math.Sin(x) / (Math.Cos(x) * Math.Cos(x))),
            "csc" => Dual.Chain(u, 1 / Math.Sin(x), -Math.Cos(x) / (Math.Sin(x) * Math.Sin(x))),
            "cot" => Dual.Chain(u, Math.Cos(x) / Math.Sin(x), -1 / (Math.Sin(x) * Math.Sin(x))),
            "asinh" => Dual.Chain(u, Math.CopySign(LogOnePlus(Math.Abs(x) + (x * x / (1 + Math.Sqrt(1 + (x * x))))), x), 1 / Math.Sqrt((x * x) + 1)),
            "acosh" => Dual.Chain(u, x >= 1 ? Math.Log(x + Math.Sqrt((x * x) - 1)) : double.NaN, 1 / Math.Sqrt((x * x) - 1)),
            "atanh" => Dual.Chain(u, Math.Abs(x) < 1 ? 0.5 * Math.Log((1 + x) / (1 - x)) : double.NaN, 1 / (1 - (x * x))),
            "erf" => Dual.Chain(u, Erf(x), 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x)),
            _ => throw new NotSupportedException($"The reference evaluator does not know the function '{name}'."),
        };
    }

    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>
    /// erf(x) = (2/√π) e^(-x²) Σ 2ⁿ x²ⁿ⁺¹/(1·3·…·(2n + 1)): every term positive, so nothing cancels; beyond |x| = 6 erf is ±1
    /// to the last digit. Not the engine's algorithm.
    /// </summary>
    private static double Erf(double x)
    {
        var a = Math.Abs(x);
        if (double.IsNaN(x) || a >= 6)
        {
            return double.IsNaN(x) ? x : Math.Sign(x);
        }

        var sum = 0.0;
        var term = a;
        for (var n = 1; term > 1e-17 * sum; n++)
        {
            sum += term;
            term *= 2 * a * a / ((2 * n) + 1);
        }

        return Math.CopySign(2 / Math.Sqrt(Math.PI) * Math.Exp(-a * a) * sum, x);
    }

    /// <summary>ln(1 + x) without losing the digits of a small x.</summary>
    private static double LogOnePlus(double x)
    {
        var w = 1 + x;
        return w == 1 ? x : Math.Log(w) * x / (w - 1);
    }
}
