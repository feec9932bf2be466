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

    /// <summary>The function of the call <paramref name="c"/> at u, refused outside its real domain.</summary>
    public static double Apply(Call c, double u)
    {
        var f = FunctionCatalog.Of(c.Function);
        return f.Outside(u) is { } why ? throw Outside(c, why) : f.Value(u);
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
        var text = Describe(e);
        return new CalcException(new CalcError(ErrorKind.OutsideDomain, "Point outside the domain", $"{text} {why}."));
    }

    /// <summary>A sub-expression as an error message names it: its text when short.</summary>
    public static string Describe(Expr e) => e.Size <= 60 ? Printing.TextPrinter.Print(e) : "a sub-expression";
}
