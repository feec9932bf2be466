using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Tests.Support;

/// <summary>Short helpers over the engine for tests: read text, differentiate, evaluate.</summary>
internal static class TestEngine
{
    public static Expr Read(string text, params string[] declared)
    {
        var syntax = Parser.Parse(text);
        Assert.True(syntax.IsSuccess, syntax.Error?.Detail);
        var bound = ScalarBinder.Bind(syntax.Value, declared.Length == 0 ? null : new HashSet<string>(declared));
        Assert.True(bound.IsSuccess, bound.Error?.Detail);
        return bound.Value;
    }

    /// <summary>Reads text that may be meaningless (a generated 1/sin(0) divides by zero); false then.</summary>
    public static bool TryRead(string text, out Expr expression)
    {
        var syntax = Parser.Parse(text);
        var bound = syntax.IsSuccess ? ScalarBinder.Bind(syntax.Value) : null;
        expression = bound is { IsSuccess: true } ? bound.Value : Algebra.Zero;
        return bound is { IsSuccess: true };
    }

    public static Expr D(string text, string variable, int order = 1) =>
        Differentiator.Differentiate(Read(text), variable, order);

    public static double Eval(Expr e, IReadOnlyDictionary<string, double> point)
    {
        var value = Evaluator.Evaluate(e, point);
        Assert.True(value.IsSuccess, value.Error?.Detail);
        return value.Value;
    }

    public static bool TryEval(Expr e, IReadOnlyDictionary<string, double> point, out double value)
    {
        var outcome = Evaluator.Evaluate(e, point);
        value = outcome.IsSuccess ? outcome.Value : double.NaN;
        return outcome.IsSuccess;
    }

    /// <summary>
    /// The central finite difference of f with respect to <paramref name="variable"/>, with one
    /// Richardson step; null where f cannot be evaluated near the point or the estimate is unstable
    /// (a kink or a pole nearby), so that a test never compares against a bad reference.
    /// </summary>
    public static double? CentralDifference(Expr f, string variable, IReadOnlyDictionary<string, double> point)
    {
        var x = point[variable];
        if (!TryEval(f, point, out var center) || Math.Abs(center) > 1e6)
        {
            // Differences of large values lose every digit that matters.
            return null;
        }

        var h = 1e-3 * Math.Max(1, Math.Abs(x));
        double? Estimate(double step)
        {
            var plus = new Dictionary<string, double>(point) { [variable] = x + step };
            var minus = new Dictionary<string, double>(point) { [variable] = x - step };
            return TryEval(f, plus, out var fp) && TryEval(f, minus, out var fm) ? (fp - fm) / (2 * step) : null;
        }

        var coarse = Estimate(h);
        var fine = Estimate(h / 2);
        if (coarse is null || fine is null)
        {
            return null;
        }

        var extrapolated = (4 * fine.Value - coarse.Value) / 3;
        var finer = Estimate(h / 4);
        if (finer is null)
        {
            return null;
        }

        var check = (4 * finer.Value - fine.Value) / 3;
        var scale = Math.Max(1, Math.Abs(extrapolated));
        return Math.Abs(check - extrapolated) <= 1e-6 * scale ? check : null;
    }

    public static void AssertClose(double expected, double actual, double relative = 1e-6, double absolute = 1e-9, string? because = null)
    {
        var tolerance = Math.Max(absolute, relative * Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance,
            $"expected {expected:R} but got {actual:R} (difference {Math.Abs(expected - actual):G3} > {tolerance:G3}){(because is null ? "" : ": " + because)}");
    }
}
