using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Evaluates a scalar expression at a point in double precision, memoised over the DAG. A point outside
/// the domain (log of a non-positive number, a root of a negative one, division by zero) is a
/// <see cref="CalcError"/> naming the sub-expression, never a NaN passed on to the caller.
/// </summary>
public sealed class Evaluator
{
    private readonly IReadOnlyDictionary<string, double> _point;
    private readonly Dictionary<Expr, double> _memo = new(SameNode.Instance);

    private Evaluator(IReadOnlyDictionary<string, double> point) => _point = point;

    public static Outcome<double> Evaluate(Expr expression, IReadOnlyDictionary<string, double> point) =>
        ScalarMath.EvaluateAt<double>(expression, point.ContainsKey, () => new Evaluator(point).Eval(expression));

    private double Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = e switch
        {
            Number n => n.Value.ToDouble(),
            Constant { Kind: ConstantKind.Pi } => Math.PI,
            Constant { Kind: ConstantKind.E } => Math.E,
            Symbol s => _point[s.Name],
            Sum s => SumOf(s),
            Product p => ProductOf(p),
            Power p => PowerOf(p),
            Call c => CallOf(c),
            _ => throw new InvalidOperationException($"Cannot evaluate {e.GetType().Name}."),
        };
        if (!double.IsFinite(value))
        {
            throw Outside(e, double.IsNaN(value)
                ? "is not a real number at this point"
                : "overflows double precision at this point");
        }

        _memo[e] = value;
        return value;
    }

    private double SumOf(Sum s)
    {
        var total = 0.0;
        foreach (var t in s.Terms)
        {
            total += Eval(t);
        }

        return total;
    }

    private double ProductOf(Product p)
    {
        var total = 1.0;
        foreach (var f in p.Factors)
        {
            total *= Eval(f);
        }

        return total;
    }

    private double PowerOf(Power p)
    {
        var b = Eval(p.Base);
        return ScalarMath.Power(b, p.Exponent is Number ? 0 : Eval(p.Exponent), p);
    }

    private double CallOf(Call c) => ScalarMath.Apply(c, Eval(c.Argument));

    private static CalcException Outside(Expr e, string why) => ScalarMath.Outside(e, why);
}
