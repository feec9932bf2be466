using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Printing;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace CalcApi.Fuzz.Tests.Properties;

/// <summary>
/// Every derivative the engine returns matches finite differences where the function is defined and
/// smooth: scalar derivatives (first and second order) of generated functions of x and y, and matrix
/// gradients of generated functions of a, b, W, c, x along random directions. The differences are
/// taken of the generator's own meaning of each expression, computed without the engine, and the
/// engine's reading of the expression must have that value too (a simplification that changes the
/// function is caught here, not only a wrong derivative).
/// </summary>
public class DerivativeProperties(ITestOutputHelper output)
{
    [Fact]
    public void Scalar_derivatives_match_central_differences() =>
        Gen.Select(ExpressionGen.SmoothTerms(4), PointGen.Scalar, Gen.Bool, Gen.Int[1, 3])
            .Sample((term, point, wrtY, order) => KnownBugs.Tolerate(() => DerivativeChecks.CheckScalar(term.Text, point, wrtY ? "y" : "x", order == 3 ? 2 : 1, term, skipKnownBugs: true)),
                writeLine: output.WriteLine, time: Harness.Seconds(5), threads: Harness.Threads,
                print: t => $"d/d{(t.Item3 ? "y" : "x")} order {(t.Item4 == 3 ? 2 : 1)} of \"{t.Item1}\" at {Numeric.Show(t.Item2)}");

    [Fact]
    public void Matrix_gradients_match_directional_differences() =>
        Gen.Select(ExpressionGen.TypedTerms(3), PointGen.Typed, Gen.Int[0, PointGen.TypedNames.Length - 1])
            .SelectMany((term, point, i) => PointGen.DirectionLike(point[PointGen.TypedNames[i]]).Select(u => (term, point, PointGen.TypedNames[i], u)))
            .Sample((term, point, wrt, direction) => KnownBugs.Tolerate(() => DerivativeChecks.CheckMatrix(term.Text, point, wrt, direction, term, skipKnownBugs: true)),
                writeLine: output.WriteLine, time: Harness.Seconds(5), threads: Harness.Threads,
                print: t => $"∂/∂{t.Item3} of \"{t.Item1}\" at {Numeric.Show(t.Item2)} along {Numeric.Show(t.Item4)}");
}

/// <summary>The checks behind the properties, also replayed by the regression corpus.</summary>
public static class DerivativeChecks
{
    /// <summary>
    /// d^order f / d variable^order at the point, from the engine, against a central difference of f (order
    /// 1) or of the engine's own first derivative read back from its text (order 2). f is the generator's
    /// <paramref name="term"/> where there is one (else the engine's reading of the text), and the engine's
    /// reading must agree with it in value.
    /// </summary>
    public static void CheckScalar(string text, Dictionary<string, Value> point, string variable, int order, ScalarTerm? term = null, bool skipKnownBugs = false)
    {
        var limits = Harness.Limits;
        var read = Harness.Call("Calculus.Read", _ => Calculus.Read(text, limits));
        if (!read.IsSuccess && read.Error.Kind == ErrorKind.OutsideDomain)
        {
            // Written with a division by zero (1/(x - x)): refused, as it should be.
            return;
        }

        Assert.True(read.IsSuccess, $"a well-formed expression does not read: {read.Error?.Title}: {read.Error?.Detail}");
        var f = read.Value.Expression;

        Func<double, double?> along = term is null
            ? t => Numeric.Eval(f, Numeric.With(point, variable, Value.Of(point[variable].Scalar + t)))
            : t => Finite(variable == "x" ? term.F(point["x"].Scalar + t, point["y"].Scalar) : term.F(point["x"].Scalar, point["y"].Scalar + t));
        var conditioned = term is null || term.WellConditioned(point["x"].Scalar, point["y"].Scalar);
        if (term is not null && conditioned && along(0) is { } meant && Numeric.Eval(f, point) is { } engine && Math.Abs(meant) <= Numeric.Huge)
        {
            Assert.True(Numeric.Close(meant, engine, 1e-7),
                $"the engine reads the expression as {TextPrinter.Print(f)}, which is {engine:R} at this point, but the expression is {meant:R} there");
        }

        var answer = Harness.Call("Calculus.Differentiate", t => Calculus.Differentiate(new DerivativeQuery(text, variable, order, point), limits, t));
        if (!answer.IsSuccess)
        {
            if (answer.Error.Kind == ErrorKind.Precision)
            {
                // "Right or refused" (contract section 5): a refusal only where far more precision settles nothing either.
                AssertUnsettled(text, variable, order, point, answer.Error, limits);
                return;
            }

            // A limit, or a point outside the derivative's domain. (Where f is smooth the derivative should exist,
            // but symbolic formulas are 0/0 at isolated points, d/dx sqrt(x*y) at y = 0: not checked.)
            Assert.True(answer.Error.Kind is ErrorKind.LimitExceeded or ErrorKind.OutsideDomain,
                $"a well-formed expression gives {answer.Error.Kind}: {answer.Error.Title}: {answer.Error.Detail}");
            return;
        }

        double? reference;
        if (order == 1)
        {
            reference = Numeric.Directional(along, Math.Abs(point[variable].Scalar));
        }
        else
        {
            var first = ReadBack(LowerDerivative(text, variable, limits));
            reference = Numeric.Partial(first, variable, point);
        }

        if (reference is null || !conditioned)
        {
            return;
        }

        var value = answer.Value.Value;
        if (value is { } v0 && !Stable(answer.Value.Derivative.Text, point, variable, v0))
        {
            // The formula is evaluated next to a singularity of one of its parts (tan(acos(x)) at x = 0): its
            // value there is rounding noise, even when the derivative itself is fine.
            return;
        }

        Assert.True(value is { } v && Numeric.Close(reference.Value, v),
            $"the engine says {value:R} (derivative {answer.Value.Derivative.Text}) but finite differences give {reference.Value:R}");
    }

    private static double? Finite(double d) => double.IsFinite(d) ? d : null;

    /// <summary>
    /// A refusal for precision is right only where the value cannot be had: evaluated independently of the
    /// engine's choice, at 1,024 and 2,048 bits, the derivative must still disagree with itself (x/tan(pi), whose
    /// double value is a confident wrong number: tan(π) is 0), lie beyond double range, or be refused again. A
    /// refusal of a value that 1,024 bits settle is a failure.
    /// </summary>
    private static void AssertUnsettled(string text, string variable, int order, Dictionary<string, Value> point, CalcError refusal, EngineLimits limits)
    {
        var symbolic = Harness.Call("Calculus.Differentiate", t => Calculus.Differentiate(new DerivativeQuery(text, variable, order), limits, t));
        Assert.True(symbolic.IsSuccess, $"refused for precision at the point, but the derivative itself fails: {symbolic.Error?.Detail}");
        var derivative = ReadBack(symbolic.Value.Derivative.Text);
        if (!CalcApi.Domain.Expressions.ScalarLanguage.Of(derivative))
        {
            // The independent precise reference reads the scalar language only; a derivative with det, tr or a
            // matrix inside (refused by the matrix path's own precision check) is not judged here.
            return;
        }

        var at = point.ToDictionary(p => p.Key, p => p.Value.Scalar);
        var low = PreciseEvaluator.Evaluate(derivative, at, 1024);
        var high = PreciseEvaluator.Evaluate(derivative, at, 2048);
        if (!low.IsSuccess || !high.IsSuccess)
        {
            return;
        }

        var value = high.Value.ToDouble(out var range);
        var settled = range == CalcApi.Domain.Numbers.DoubleRange.Finite
            && Math.Abs(low.Value.ToDouble() - value) <= Math.Max(1e-12 * Math.Abs(value), 1e-14);
        Assert.False(settled,
            $"refused for precision ({refusal.Detail}), but at 1,024 and 2,048 bits the derivative {symbolic.Value.Derivative.Text} is {value:R}");
    }

    /// <summary>Whether the derivative's formula, read back, has nearly the same value a hair's breadth away.</summary>
    private static bool Stable(string derivative, Dictionary<string, Value> point, string variable, double value)
    {
        var read = Calculus.Read(derivative, Harness.Limits);
        if (!read.IsSuccess)
        {
            return true;
        }

        var x = point[variable].Scalar;
        var nearby = Numeric.Eval(read.Value.Expression, Numeric.With(point, variable, Value.Of(x + (1e-7 * Math.Max(1, Math.Abs(x))))));
        return nearby is { } v && Math.Abs(v - value) <= 1e-4 * Math.Max(1, Math.Abs(value));
    }

    /// <summary>The engine's first derivative, to difference for the second.</summary>
    private static string LowerDerivative(string text, string variable, EngineLimits limits)
    {
        var first = Harness.Call("Calculus.Differentiate", t => Calculus.Differentiate(new DerivativeQuery(text, variable, 1), limits, t));
        Assert.True(first.IsSuccess, $"the second derivative exists but the first does not: {first.Error?.Detail}");
        return first.Value.Derivative.Text;
    }

    private static CalcApi.Domain.Expressions.Expr ReadBack(string text)
    {
        var read = Calculus.Read(text, Harness.Limits);
        Assert.True(read.IsSuccess, $"the printed derivative does not read back: \"{text}\": {read.Error?.Detail}");
        return read.Value.Expression;
    }

    /// <summary>
    /// ⟨U, ∂f/∂X⟩ from the engine's gradient against d/dt f(X + tU) by differences, f being the generator's
    /// <paramref name="term"/> where there is one; and the engine's value of f must be the term's.
    /// </summary>
    public static void CheckMatrix(string text, Dictionary<string, Value> point, string wrt, Value direction, TypedTerm? term = null, bool skipKnownBugs = false)
    {
        var limits = Harness.Limits;
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value), StringComparer.Ordinal);
        var read = Harness.Call("Calculus.Read", _ => Calculus.Read(text, limits, declarations));
        if (!read.IsSuccess && read.Error.Kind == ErrorKind.OutsideDomain)
        {
            return;
        }

        Assert.True(read.IsSuccess, $"a well-typed expression does not read: {read.Error?.Title}: {read.Error?.Detail}");
        var f = read.Value.Expression;

        var answer = Harness.Call("Calculus.MatrixGradient", t => Calculus.MatrixGradient(new MatrixGradientQuery(text, null, [wrt], point), limits, t));
        if (!answer.IsSuccess)
        {
            // Precision: a value that cannot be promised (inv of a matrix that arbitrary precision finds singular,
            // computed with rounding: det(a*a' - b*b')'s gradient) is refused, the contract's alternative to a wrong number.
            Assert.True(answer.Error.Kind is ErrorKind.LimitExceeded or ErrorKind.OutsideDomain or ErrorKind.Precision,
                $"a well-typed expression gives {answer.Error.Kind}: {answer.Error.Title}: {answer.Error.Detail}");
            return;
        }

        var conditioned = term is null || term.WellConditioned(point);
        if (term is not null && conditioned && term.At(point) is { } meant && answer.Value.Value is { } engine && Math.Abs(meant) <= Numeric.Huge)
        {
            Assert.True(Numeric.Close(meant, engine, 1e-7),
                $"the engine reads the expression as {answer.Value.Expression.Text}, which is {engine:R} at this point, but the expression is {meant:R} there");
        }

        var component = Assert.Single(answer.Value.Gradients);
        Assert.NotNull(component.Value);
        var gradient = component.Value;
        var x = point[wrt];
        Assert.True(x.IsScalar ? gradient.IsScalar : gradient.Matrix is { } m && m.RowCount == x.Matrix!.RowCount && m.ColumnCount == x.Matrix.ColumnCount,
            $"the gradient with respect to {wrt} is {Numeric.Show(gradient)}, not of {wrt}'s shape {Numeric.Show(x)}");

        var reference = term is null
            ? Numeric.Along(f, wrt, direction, point)
            : Numeric.Directional(t => term.At(Numeric.With(point, wrt, Numeric.Plus(x, t, direction))));
        if (reference is null || !conditioned)
        {
            return;
        }

        var predicted = Numeric.Inner(direction, gradient);
        Assert.True(Numeric.Close(reference.Value, predicted),
            $"⟨U, ∂f/∂{wrt}⟩ is {predicted:R} by the engine's gradient {component.Gradient.Text} = {Numeric.Show(gradient)}, but finite differences give {reference.Value:R}");
    }
}
