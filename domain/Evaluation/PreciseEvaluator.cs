using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Evaluates a scalar expression at a point of doubles (taken as exact) in arbitrary precision, memoised
/// over the DAG: numbers are the exact rationals of the tree, π and e the true constants, and every
/// operation rounds to the precision given in bits. The domain checks and their messages are those of
/// <see cref="Evaluator"/> (<see cref="ScalarMath"/>, the catalog's <c>Outside</c>), decided on the
/// precise value; an argument that lies on the edge of a domain within rounding, or beyond the reach
/// of the precise numbers, is a <see cref="ErrorKind.Precision"/> error; so is a value, or a step, that
/// would need an absurd exponent range or working precision (<see cref="BigFloatMath.ExponentLimit"/>,
/// <see cref="BigFloatMath.MaxWorkingBits"/>): refused at once, not computed. Every node ticks the
/// request's <see cref="WorkBudget"/>, and the series loops poll it.
/// </summary>
public sealed class PreciseEvaluator
{
    private readonly IReadOnlyDictionary<string, double> _point;
    private readonly int _bits;
    private readonly Dictionary<Expr, BigFloat> _memo = new(SameNode.Instance);
    private readonly Dictionary<Expr, bool> _inexact = new(SameNode.Instance);

    private PreciseEvaluator(IReadOnlyDictionary<string, double> point, int bits)
    {
        _point = point;
        _bits = bits;
    }

    /// <summary>The value of <paramref name="expression"/> at <paramref name="point"/>, rounded to <paramref name="bits"/> bits at every step.</summary>
    public static Outcome<BigFloat> Evaluate(Expr expression, IReadOnlyDictionary<string, double> point, int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 64);
        return ScalarMath.EvaluateAt<BigFloat>(expression, point.ContainsKey, () => new PreciseEvaluator(point, bits).Eval(expression));
    }

    private BigFloat Eval(Expr e)
    {
        if (_memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        WorkBudget.Tick();
        var value = e switch
        {
            Number n => BigFloat.FromRational(n.Value, _bits),
            Constant { Kind: ConstantKind.Pi } => BigFloatMath.Pi(_bits),
            Constant { Kind: ConstantKind.E } => BigFloatMath.E(_bits),
            Symbol s => BigFloat.FromDouble(_point[s.Name]),
            Sum s => SumOf(s),
            Product p => ProductOf(p),
            Power p => Guarded(p, () => PowerOf(p)),
            Call c => CallOf(c),
            _ => throw new InvalidOperationException($"Cannot evaluate {e.GetType().Name} precisely."),
        };
        if (!value.IsZero && Math.Abs(value.Scale) > BigFloatMath.ExponentLimit)
        {
            // Kept, a value like 2^(2^40) would make every later step costly (and overflow the exponent).
            throw new CalcException(Imprecise(e, $"its value, about 2^{value.Scale}, is beyond the exponent range of the precise numbers"));
        }

        _memo[e] = value;
        return value;
    }

    private BigFloat SumOf(Sum s)
    {
        var total = BigFloat.Zero;
        foreach (var t in s.Terms)
        {
            total = BigFloat.Add(total, Eval(t), _bits);
        }

        return total;
    }

    private BigFloat ProductOf(Product p)
    {
        var total = BigFloat.One;
        foreach (var f in p.Factors)
        {
            total = BigFloat.Multiply(total, Eval(f), _bits);
        }

        return total;
    }

    private BigFloat PowerOf(Power p)
    {
        var b = Eval(p.Base);
        if (p.Exponent is Number { Value: var q })
        {
            return ScalarMath.PowerOutside(b.Sign, Shown(b), q) is { } undefined
                ? throw ScalarMath.Outside(p, undefined)
                : BigFloatMath.Power(b, q, _bits);
        }

        var x = Eval(p.Exponent);
        if (b.Sign < 0 && !x.IsInteger)
        {
            // A negative base needs an integer exponent. The precise exponent decides it, unless it is an integer within
            // its own rounding (3 + sin(pi)): then nothing is decided, and no value is promised. (Snapping it, as the double
            // path may, would answer x^(erf(4.9)) at a negative x, whose exponent is 1 - 4e-12.)
            var gap = BigFloat.Abs(BigFloat.Subtract(x, BigFloat.FromInteger(x.RoundToInteger()), _bits));
            if (gap.Scale < Math.Max(0, x.Scale) - (_bits - 32))
            {
                throw new CalcException(Imprecise(p, "its exponent is an integer within rounding, which a negative base needs and which cannot be decided"));
            }
        }

        if (ScalarMath.PowerOutside(b.Sign, Shown(b), x.IsInteger, x.Sign, Shown(x)) is { } why)
        {
            throw ScalarMath.Outside(p, why);
        }

        if (b.Sign > 0 || (b.IsZero && x.Sign > 0))
        {
            return BigFloatMath.Power(b, x, _bits);
        }

        // A negative base to an integer power, or 0^0 = 1 as Math.Pow has it.
        return BigFloatMath.Power(b, x.RoundToInteger(), _bits);
    }

    private BigFloat CallOf(Call c)
    {
        var u = Eval(c.Argument);
        var f = FunctionCatalog.Of(c.Function);
        if (Outside(f, c, u) is { } why)
        {
            throw ScalarMath.Outside(c, why);
        }

        var precise = f.Precise ?? throw new InvalidOperationException($"The catalog entry for {f.Name} has no precise form.");
        return Guarded(c, () => precise(u, _bits));
    }

    /// <summary>
    /// Why u lies outside the domain of f, decided on the precise value: where the catalog states the domain as bounds
    /// on u (acosh: u >= 1, log: u > 0), u is compared with them exactly, since the double the catalog's own check would
    /// see can round onto the edge (1 - 1e-22 is 1.0, inside acosh's domain; the precise acosh then refuses it). Other
    /// domains (tan: cos(u) != 0) are the catalog's check of u as a double.
    /// </summary>
    private string? Outside(ScalarFunction f, Call c, BigFloat u)
    {
        var argument = c.Argument;
        var requirements = f.Requires(argument);
        if (requirements.Length == 0 || !requirements.All(r => ReferenceEquals(r.Left, argument) && r.Right is Number { Value.Denominator.IsPowerOfTwo: true }))
        {
            return f.Outside(Shown(u));
        }

        foreach (var r in requirements)
        {
            var bound = ((Number)r.Right).Value;
            // The catalog's bounds are small integers (0, ±1), so u - bound is exact; far from them, its sign is that of u or of -bound.
            var edge = BigFloat.FromRational(bound, 64);
            var margin = bound.IsZero || u.IsZero || Math.Abs(u.Scale) <= 64 ? BigFloat.AddExact(u, -edge) : u.Scale > 0 ? u : -edge;
            if ((margin.IsZero || margin.Scale < Math.Max(0, u.Scale) - _bits + 16) && Inexact(argument))
            {
                // On the edge within this precision's rounding, and u is not exact: erf(18.4) = 1 - 1e-149 is 1 at 192 and
                // 384 bits, and acosh of it was answered. The next precision decides, or none does.
                throw new CalcException(Imprecise(c, "its argument lies on the edge of the domain within rounding"));
            }

            if (!r.Holds(margin.Sign, 0))
            {
                var shown = Shown(u);
                return f.Outside(shown) ?? $"needs an argument {r.Operator} {bound}, but it is {bound} {(margin.Sign < 0 ? "-" : "+")} {Shown(BigFloat.Abs(margin)):G3} here";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the value of <paramref name="e"/> may carry rounding: a constant, a number that is not a binary fraction,
    /// a function (except at an argument of exactly 0, where the catalog's values are exact: sin(0), cosh(0)), a fractional
    /// power, or anything built of those. Sums and products of exact values are taken as exact (at these precisions, the
    /// point's doubles multiply and add without rounding but in long chains).
    /// </summary>
    private bool Inexact(Expr e)
    {
        if (_inexact.TryGetValue(e, out var known))
        {
            return known;
        }

        var inexact = e switch
        {
            Number n => !n.Value.Denominator.IsPowerOfTwo,
            Constant => true,
            Symbol => false,
            Call c => !(_memo.TryGetValue(c.Argument, out var u) && u.IsZero) || Inexact(c.Argument),
            Power p => p.Exponent is not Number { Value.IsInteger: true } || Inexact(p.Base),
            _ => e.Children.Any(Inexact),
        };
        _inexact[e] = inexact;
        return inexact;
    }

    /// <summary>An arithmetic refusal of the precise numbers (a domain edge within rounding, an exponent out of range) as a precision error.</summary>
    private static BigFloat Guarded(Expr e, Func<BigFloat> compute)
    {
        try
        {
            return compute();
        }
        catch (ArithmeticException ex)
        {
            throw new CalcException(Imprecise(e, ex.Message));
        }
    }

    /// <summary>A precise value as a double for the domain checks and their messages: never rounded to 0 or to infinity.</summary>
    internal static double Shown(BigFloat value)
    {
        var shown = value.ToDouble(out var range);
        return range switch
        {
            DoubleRange.Overflow => value.Sign * double.MaxValue,
            DoubleRange.Underflow => value.Sign * double.Epsilon,
            _ => shown,
        };
    }

    internal static CalcError Imprecise(Expr e, string why) =>
        new(ErrorKind.Precision, "Value cannot be guaranteed", $"{ScalarMath.Describe(e)} cannot be evaluated reliably at this point ({why})");
}
