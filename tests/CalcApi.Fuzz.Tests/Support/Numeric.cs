using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>
/// Reference derivatives by central differences with Richardson extrapolation, refusing (null) where
/// the estimate is not trustworthy: the function undefined nearby, huge, or the two extrapolations
/// disagreeing (a kink, a pole or a branch cut close by). A test never compares against a bad reference.
/// </summary>
public static class Numeric
{
    /// <summary>Values past this are "huge": their differences have lost the digits that matter.</summary>
    public const double Huge = 1e4;

    /// <summary>f at a point, or null where it is undefined (or the evaluator gives up).</summary>
    public static double? Eval(Expr f, IReadOnlyDictionary<string, Value> point)
    {
        try
        {
            var value = MatrixEvaluator.Evaluate(f, point);
            return value.IsSuccess && value.Value.IsScalar && double.IsFinite(value.Value.Scalar) ? value.Value.Scalar : null;
        }
        catch (Exception ex) when (ex.GetType().Name == "CalcException")
        {
            // The engine's internal carrier of user errors, thrown outside a budget scope: undefined here.
            return null;
        }
    }

    /// <summary>
    /// d/dt g(t) at t = 0 for g(t) = f(point moved by t·direction), or null where it cannot be trusted:
    /// two Richardson extrapolations of central differences must agree, and so must the one-sided
    /// (forward and backward) estimates, which tells a kink (|x| at 0, x^(2/3) at 0) from a smooth point.
    /// </summary>
    public static double? Directional(Func<double, double?> g, double scale = 1)
    {
        var center = g(0);
        if (center is not { } f0 || Math.Abs(f0) > Huge)
        {
            return null;
        }

        var h = 1e-3 * Math.Max(1, scale);
        double? Central(double step) => g(step) is { } plus && g(-step) is { } minus ? (plus - minus) / (2 * step) : null;
        double? OneSided(double step) => g(step) is { } moved ? (moved - f0) / step : null;

        if (Central(h) is not { } d1 || Central(h / 2) is not { } d2 || Central(h / 4) is not { } d4)
        {
            return null;
        }

        var coarse = (4 * d2 - d1) / 3;
        var fine = (4 * d4 - d2) / 3;
        var magnitude = Math.Max(1, Math.Abs(fine));
        if (Math.Abs(fine - coarse) > 1e-7 * magnitude || Math.Abs(fine) > Huge * 10)
        {
            return null;
        }

        // One-sided differences, one Richardson step each (error O(h²)): both sides must agree with the centre.
        if (OneSided(h / 4) is not { } f1 || OneSided(h / 8) is not { } f2 || OneSided(-h / 4) is not { } b1 || OneSided(-h / 8) is not { } b2)
        {
            return null;
        }

        var forward = 2 * f2 - f1;
        var backward = 2 * b2 - b1;
        return Math.Abs(forward - fine) <= 1e-3 * magnitude && Math.Abs(backward - fine) <= 1e-3 * magnitude ? fine : null;
    }

    /// <summary>The partial derivative of f with respect to the scalar <paramref name="variable"/> at <paramref name="point"/>.</summary>
    public static double? Partial(Expr f, string variable, IReadOnlyDictionary<string, Value> point)
    {
        var x = point[variable].Scalar;
        return Directional(t => Eval(f, With(point, variable, Value.Of(x + t))), Math.Abs(x));
    }

    /// <summary>The directional derivative of f at <paramref name="point"/> along <paramref name="direction"/> of <paramref name="variable"/>.</summary>
    public static double? Along(Expr f, string variable, Value direction, IReadOnlyDictionary<string, Value> point)
    {
        var x = point[variable];
        return Directional(t => Eval(f, With(point, variable, Plus(x, t, direction))));
    }

    /// <summary>⟨U, G⟩ = tr(Uᵀ G), the first-order change of f along U when G is its gradient.</summary>
    public static double Inner(Value u, Value g) => (u.IsScalar, g.IsScalar) switch
    {
        (true, true) => u.Scalar * g.Scalar,
        (false, true) => u.Matrix!.Enumerate().Sum() * g.Scalar,
        (false, false) => u.Matrix!.PointwiseMultiply(g.Matrix!).Enumerate().Sum(),
        _ => throw new ArgumentException("A scalar direction for a matrix gradient."),
    };

    public static Value Plus(Value x, double t, Value u) => x.IsScalar
        ? Value.Of(x.Scalar + t * u.Scalar)
        : Value.Of(x.Matrix! + t * u.Matrix!, x.IsVector);

    public static Dictionary<string, Value> With(IReadOnlyDictionary<string, Value> point, string name, Value value) =>
        new(point, StringComparer.Ordinal) { [name] = value };

    public static bool Close(double expected, double actual, double relative = 1e-5) =>
        Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected));

    public static bool Close(Value expected, Value actual, double relative = 1e-9) =>
        (expected.IsScalar, actual.IsScalar) switch
        {
            (true, true) => Close(expected.Scalar, actual.Scalar, relative),
            (false, false) => expected.Matrix!.RowCount == actual.Matrix!.RowCount && expected.Matrix.ColumnCount == actual.Matrix.ColumnCount
                && expected.Matrix.Enumerate().Zip(actual.Matrix.Enumerate()).All(p => Close(p.First, p.Second, relative)),
            (true, false) => actual.Matrix!.Enumerate().All(v => Close(expected.Scalar, v, relative)),
            (false, true) => expected.Matrix!.Enumerate().All(v => Close(v, actual.Scalar, relative)),
        };

    public static string Show(Value v) => v.IsScalar
        ? v.Scalar.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
        : "[" + string.Join("; ", v.Matrix!.EnumerateRows().Select(r => string.Join(", ", r.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))))) + "]";

    public static string Show(IReadOnlyDictionary<string, Value> point) =>
        string.Join(", ", point.Select(p => $"{p.Key} = {Show(p.Value)}"));

    public static Matrix<double> Dense(int rows, int cols, double[] entries) =>
        Matrix<double>.Build.Dense(rows, cols, (i, j) => entries[(i * cols) + j]);
}
