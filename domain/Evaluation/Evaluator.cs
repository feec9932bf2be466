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
    private readonly Dictionary<Expr, double> _memo = new(ReferenceEqualityComparer.Instance);

    private Evaluator(IReadOnlyDictionary<string, double> point) => _point = point;

    public static Outcome<double> Evaluate(Expr expression, IReadOnlyDictionary<string, double> point)
    {
        var missing = expression.FreeNames.Where(n => !point.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Missing value",
                $"`at` gives no value for {string.Join(", ", missing.Select(n => $"'{n}'"))}, which the expression needs.");
        }

        try
        {
            return new Evaluator(point).Eval(expression);
        }
        catch (CalcException ex)
        {
            return ex.Error;
        }
    }

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
        if (p.Exponent is Number { Value: var q })
        {
            if (b == 0 && q.Sign < 0)
            {
                throw Outside(p, "divides by zero at this point");
            }

            if (b < 0 && !q.IsInteger)
            {
                if (q.Denominator.IsEven)
                {
                    throw Outside(p, $"is an even root of a negative number at this point (base = {b:G6})");
                }

                // An odd root of a negative number is real: (-8)^(1/3) = -2, (-8)^(2/3) = 4.
                var magnitude = Math.Pow(-b, q.ToDouble());
                return q.Numerator.IsEven ? magnitude : -magnitude;
            }

            return q.IsInteger && q.Numerator >= int.MinValue && q.Numerator <= int.MaxValue
                ? IntegerPower(b, (int)q.Numerator)
                : Math.Pow(b, q.ToDouble());
        }

        var x = Eval(p.Exponent);
        if (b < 0 && x != Math.Floor(x))
        {
            throw Outside(p, $"raises a negative base ({b:G6}) to a non-integer power ({x:G6})");
        }

        if (b == 0 && x < 0)
        {
            throw Outside(p, "divides by zero at this point");
        }

        return Math.Pow(b, x);
    }

    private static double IntegerPower(double b, int n) => n switch
    {
        2 => b * b,
        -1 => 1 / b,
        _ => Math.Pow(b, n),
    };

    private double CallOf(Call c)
    {
        var u = Eval(c.Argument);
        return c.Function switch
        {
            Function.Sin => Math.Sin(u),
            Function.Cos => Math.Cos(u),
            Function.Tan => Math.Abs(Math.Cos(u)) < 1e-300 ? throw Outside(c, "is undefined (cos = 0)") : Math.Tan(u),
            Function.Exp => Math.Exp(u),
            Function.Log => u > 0 ? Math.Log(u) : throw Outside(c, $"needs a positive argument, but it is {u:G6} here"),
            Function.Abs => Math.Abs(u),
            Function.Sinh => Math.Sinh(u),
            Function.Cosh => Math.Cosh(u),
            Function.Tanh => Math.Tanh(u),
            Function.Asin => Math.Abs(u) <= 1 ? Math.Asin(u) : throw Outside(c, $"needs an argument in [-1, 1], but it is {u:G6} here"),
            Function.Acos => Math.Abs(u) <= 1 ? Math.Acos(u) : throw Outside(c, $"needs an argument in [-1, 1], but it is {u:G6} here"),
            Function.Atan => Math.Atan(u),
            Function.Sigmoid => Sigmoid(u),
            Function.Softplus => Softplus(u),
            Function.Log1p => u > -1 ? LogOnePlus(u) : throw Outside(c, $"needs an argument greater than -1, but it is {u:G6} here"),
            _ => throw new InvalidOperationException($"Cannot evaluate {c.Function}."),
        };
    }

    /// <summary>1/(1 + e^-u), written so that neither branch overflows.</summary>
    public static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    /// <summary>ln(1 + e^u), written so that it neither overflows nor loses precision.</summary>
    public static double Softplus(double u) => u > 30 ? u + Math.Exp(-u) : LogOnePlus(Math.Exp(u));

    /// <summary>ln(1 + u), accurate for small u.</summary>
    public static double LogOnePlus(double u)
    {
        var w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    private static CalcException Outside(Expr e, string why)
    {
        var text = e.Size <= 60 ? e.ToString() : "a sub-expression";
        return new CalcException(new CalcError(ErrorKind.OutsideDomain, "Point outside the domain",
            $"{text} {why}."));
    }
}
