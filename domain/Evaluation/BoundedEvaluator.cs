using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>A double and a bound on its distance from the exact value (NaN or infinity: no bound).</summary>
internal readonly record struct Bounded(double Value, double Error)
{
    public static Bounded Unbounded(double value) => new(value, double.PositiveInfinity);

    /// <summary>A (value, error) pair, as the entry-wise rules of <see cref="BoundedMatrixEvaluator"/> write them.</summary>
    public static implicit operator Bounded((double Value, double Error) pair) => new(pair.Value, pair.Error);
}

/// <summary>
/// The double evaluation of <see cref="Evaluator"/> carrying a first-order bound on the error of every
/// node (forward error analysis): rounding adds a unit in the last place, a sum adds its terms' errors,
/// a product its factors' relative errors, a function adds |f'(u)|·err(u), with |f'(u)| estimated from
/// the catalog's own double value by a one-sided difference (NaN outside the domain, so infinite: no bound). Where an argument is already so uncertain
/// that a first-order bound means nothing (a relative error above 1e-4 going into a power or a
/// function), the bound is infinite. Domain errors are those of <see cref="ScalarMath"/>.
/// </summary>
internal sealed class BoundedEvaluator
{
    private const double Unit = EntryBounds.Unit;

    private readonly IReadOnlyDictionary<string, double> _point;
    private readonly Dictionary<Expr, Bounded> _memo;

    private BoundedEvaluator(IReadOnlyDictionary<string, double> point, Expr expression)
    {
        _point = point;
        // Sized for the expression (a growing memo was a tenth of a textbook request's time), at most 256 to start.
        _memo = new((int)Math.Min(expression.Size, 256), SameNode.Instance);
    }

    public static Outcome<Bounded> Evaluate(Expr expression, IReadOnlyDictionary<string, double> point) =>
        ScalarMath.EvaluateAt(expression, point.ContainsKey, () => new BoundedEvaluator(point, expression).Eval(expression));

    private Bounded Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = e switch
        {
            Number n => EntryBounds.Number(n.Value),
            Constant { Kind: ConstantKind.Pi } => new Bounded(Math.PI, Unit * Math.PI),
            Constant { Kind: ConstantKind.E } => new Bounded(Math.E, Unit * Math.E),
            Symbol s => new Bounded(_point[s.Name], 0),
            Sum s => SumOf(s),
            Product p => ProductOf(p),
            Power p => PowerOf(p),
            Call c => CallOf(c),
            _ => throw new InvalidOperationException($"Cannot evaluate {e.GetType().Name}."),
        };
        _memo[e] = value;
        return value;
    }

    private Bounded SumOf(Sum s)
    {
        double total = 0, error = 0;
        for (var i = 0; i < s.Terms.Length; i++)
        {
            var term = Eval(s.Terms[i]);
            total += term.Value;
            error += term.Error + (i == 0 ? 0 : Unit * Math.Abs(total));
        }

        return new Bounded(total, error);
    }

    private Bounded ProductOf(Product p)
    {
        var first = Eval(p.Factors[0]);
        double total = first.Value, error = first.Error;
        for (var i = 1; i < p.Factors.Length; i++)
        {
            var factor = Eval(p.Factors[i]);
            var product = total * factor.Value;
            error = Math.Abs(total) * factor.Error + Math.Abs(factor.Value) * error + error * factor.Error + Unit * Math.Abs(product) + double.Epsilon;
            total = product;
        }

        return new Bounded(total, error);
    }

    private Bounded PowerOf(Power p) =>
        p.Exponent is Number { Value: var q } ? EntryBounds.PowerByNumber(p, q, Eval(p.Base)) : EntryBounds.Power(p, Eval(p.Base), Eval(p.Exponent));

    private Bounded CallOf(Call c) => EntryBounds.Call(c, Eval(c.Argument));
}
