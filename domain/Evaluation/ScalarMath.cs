using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// The scalar semantics shared by every evaluator: powers (with real odd roots of negative numbers)
/// and the scalar functions, each refusing a point outside its domain with an error that names the
/// sub-expression.
/// </summary>
internal static class ScalarMath
{
    /// <summary>b^x for the power node <paramref name="p"/>; a numeric exponent is read exactly from the node.</summary>
    public static double Power(double b, double x, Power p)
    {
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

        if (b < 0 && x != Math.Floor(x) && Math.Abs(x - Math.Round(x)) <= 1e-9 * Math.Max(1, Math.Abs(x)))
        {
            // An exponent computed in floating point (det(...) = 120.00000000000003) that is an integer in truth.
            x = Math.Round(x);
        }

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

    /// <summary>The function of the call <paramref name="c"/> at u.</summary>
    public static double Apply(Call c, double u) => c.Function switch
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

    /// <summary>Evaluates at a point that must give every free name a value; domain errors come back as values.</summary>
    public static Outcome<T> EvaluateAt<T>(Expr expression, Func<string, bool> hasValue, Func<T> evaluate)
    {
        var missing = expression.FreeNames.Where(n => !hasValue(n)).ToList();
        if (missing.Count > 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Missing value",
                $"`at` gives no value for {string.Join(", ", missing.Select(n => $"'{n}'"))}, which the expression needs.");
        }

        return ThrownErrors.Catch(() => Outcome<T>.Success(evaluate()));
    }

    public static CalcException Outside(Expr e, string why)
    {
        var text = e.Size <= 60 ? e.ToString() : "a sub-expression";
        return new CalcException(new CalcError(ErrorKind.OutsideDomain, "Point outside the domain", $"{text} {why}."));
    }
}
