using System.Numerics;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>A double and a bound on its distance from the exact value (NaN or infinity: no bound).</summary>
internal readonly record struct Bounded(double Value, double Error)
{
    public static Bounded Unbounded(double value) => new(value, double.PositiveInfinity);
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
    /// <summary>The unit roundoff of double precision, 2^-53.</summary>
    private const double Unit = 1.0 / (1L << 53);

    /// <summary>How many units a library function (Math.*, the catalog's values) is allowed, with a margin.</summary>
    private const double LibraryUnits = 8;

    /// <summary>The relative error of an argument above which a first-order bound is not believed.</summary>
    private const double Linear = 1e-4;

    /// <summary>The relative step of the difference that estimates |f'(u)|: 2^-26.</summary>
    private const double SlopeStep = 1.0 / (1 << 26);

    private static readonly BigInteger ExactInDouble = BigInteger.One << 53;

    private readonly IReadOnlyDictionary<string, double> _point;
    private readonly Dictionary<Expr, Bounded> _memo = new(ReferenceEqualityComparer.Instance);

    private BoundedEvaluator(IReadOnlyDictionary<string, double> point) => _point = point;

    public static Outcome<Bounded> Evaluate(Expr expression, IReadOnlyDictionary<string, double> point) =>
        ScalarMath.EvaluateAt(expression, point.ContainsKey, () => new BoundedEvaluator(point).Eval(expression));

    private Bounded Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var value = e switch
        {
            Number n => NumberOf(n.Value),
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

    private static Bounded NumberOf(Rational q)
    {
        var value = q.ToDouble();
        var exact = q.Denominator.IsPowerOfTwo && BigInteger.Abs(q.Numerator) <= ExactInDouble;
        return new Bounded(value, exact ? 0 : Unit * Math.Abs(value) + double.Epsilon);
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

    private Bounded PowerOf(Power p)
    {
        var b = Eval(p.Base);
        if (p.Exponent is Number { Value: var q })
        {
            var y = ScalarMath.Power(b.Value, 0, p);
            var error = LibraryUnits * Unit * Math.Abs(y) + double.Epsilon;
            if (!q.IsInteger && !q.Denominator.IsPowerOfTwo)
            {
                // Math.Pow is given q rounded to a double: y^(q(1 + Unit)) = y · (1 + q ln|b| Unit).
                error += Math.Abs(y * Math.Log(Math.Abs(b.Value)) * q.ToDouble()) * Unit;
            }

            return b.Error == 0 ? new Bounded(y, error)
                : !(b.Error <= Linear * Math.Abs(b.Value)) ? Bounded.Unbounded(y)
                : new Bounded(y, error + Math.Abs(q.ToDouble() * y / b.Value) * b.Error);
        }

        var x = Eval(p.Exponent);
        var value = ScalarMath.Power(b.Value, x.Value, p);
        var bound = LibraryUnits * Unit * Math.Abs(value) + double.Epsilon;
        if (b.Error > 0)
        {
            if (!(b.Error <= Linear * Math.Abs(b.Value)))
            {
                return Bounded.Unbounded(value);
            }

            bound += Math.Abs(value * x.Value / b.Value) * b.Error;
        }

        if (x.Error > 0)
        {
            // d(b^x)/dx = b^x ln b; a negative base (an integer exponent) does not survive a perturbed exponent.
            var sensitivity = b.Value > 0 ? Math.Abs(Math.Log(b.Value)) * x.Error : double.PositiveInfinity;
            if (!(sensitivity <= Linear))
            {
                return Bounded.Unbounded(value);
            }

            bound += Math.Abs(value) * sensitivity;
        }

        return new Bounded(value, bound);
    }

    private Bounded CallOf(Call c)
    {
        var u = Eval(c.Argument);
        var f = FunctionCatalog.Of(c.Function);
        var value = ScalarMath.Apply(c, u.Value);
        var error = LibraryUnits * Unit * Math.Abs(value) + double.Epsilon;
        if (u.Error == 0)
        {
            return new Bounded(value, error);
        }

        // Where u's uncertainty reaches past a domain edge (asin of sec(7.9e-9) = 1 + 3e-17, which is 1.0 in double),
        // whether the point is inside at all is not known here: no bound, and the precise path decides.
        if (!(u.Error <= Linear * Math.Abs(u.Value)) || f.Outside(u.Value - u.Error) is not null || f.Outside(u.Value + u.Error) is not null)
        {
            return Bounded.Unbounded(value);
        }

        // |f'(u)| from a step to one side of u that stays inside the domain (outside it, the values are NaN), no shorter
        // than u's own uncertainty. A periodic function varies on the scale of 1, not of |u|: its step is at most 2^-26
        // (never under a few units in the last place of u), and an uncertainty beyond 1e-4 leaves no bound at all. A step
        // of |u| 2^-26 at u = 8.1e25 (x^2 at x = -9e12, uncertain by 1e10) spanned 10^18 periods of tan, whose
        // "slope" there was noise, and the bound trusted a value with no correct digit.
        var step = Math.Max(Math.Abs(u.Value) * SlopeStep, u.Error);
        if (f.Id is Function.Sin or Function.Cos or Function.Tan or Function.Sec or Function.Csc or Function.Cot)
        {
            if (!(u.Error <= Linear))
            {
                return Bounded.Unbounded(value);
            }

            var ulp = Math.BitIncrement(Math.Abs(u.Value)) - Math.Abs(u.Value);
            step = Math.Max(Math.Min(Math.Abs(u.Value), 1) * SlopeStep, Math.Max(u.Error, 4 * ulp));
        }

        var beside = f.Value(u.Value + step);
        if (!double.IsFinite(beside))
        {
            beside = f.Value(u.Value - step);
        }

        return new Bounded(value, error + Math.Abs(beside - value) / step * u.Error);
    }
}
