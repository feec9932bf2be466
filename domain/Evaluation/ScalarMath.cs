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
            if (PowerOutside(SignOf(b), b, q) is { } undefined)
            {
                throw Outside(p, undefined);
            }

            if (b < 0 && !q.IsInteger)
            {
                // An odd root of a negative number is real: (-8)^(1/3) = -2, (-8)^(2/3) = 4.
                var magnitude = Math.Pow(-b, q.ToDouble());
                return q.Numerator.IsEven ? magnitude : -magnitude;
            }

            return q.IsInteger && q.Numerator >= int.MinValue && q.Numerator <= int.MaxValue
                ? IntegerPower(b, (int)q.Numerator)
                : Math.Pow(b, q.ToDouble());
        }

        if (b < 0 && IsNearInteger(x))
        {
            x = Math.Round(x);
        }

        return PowerOutside(SignOf(b), b, x == Math.Floor(x), SignOf(x), x) is { } why ? throw Outside(p, why) : Math.Pow(b, x);
    }

    /// <summary>Why b^q is undefined for an exact exponent q (b given by its sign, and as the message shows it), or null.</summary>
    public static string? PowerOutside(int baseSign, double shownBase, Rational q) =>
        baseSign == 0 && q.Sign < 0 ? DividesByZero
        : baseSign < 0 && !q.IsInteger && q.Denominator.IsEven ? $"is an even root of a negative number at this point (base = {shownBase:G6})"
        : null;

    /// <summary>Why b^x is undefined for a computed exponent x, or null.</summary>
    public static string? PowerOutside(int baseSign, double shownBase, bool integerExponent, int exponentSign, double shownExponent) =>
        baseSign < 0 && !integerExponent ? $"raises a negative base ({shownBase:G6}) to a non-integer power ({shownExponent:G6})"
        : baseSign == 0 && exponentSign < 0 ? DividesByZero
        : null;

    /// <summary>An exponent computed in floating point (det(...) = 120.00000000000003) that is an integer in truth.</summary>
    public static bool IsNearInteger(double x) => x != Math.Floor(x) && Math.Abs(x - Math.Round(x)) <= 1e-9 * Math.Max(1, Math.Abs(x));

    /// <summary>The sign, with NaN counted as positive (as the comparisons above always did), where Math.Sign would throw.</summary>
    private static int SignOf(double v) => v < 0 ? -1 : v == 0 ? 0 : 1;

    private const string DividesByZero = "divides by zero at this point";

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
