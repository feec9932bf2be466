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
/// Every expression in an answer is text in the language that reads back to the same expression: the
/// input as the engine prints it, each derivative and each matrix gradient (which must also evaluate,
/// read back, to the value the engine gave).
/// </summary>
public class RoundTripProperties(ITestOutputHelper output)
{
    [Fact]
    public void Printed_expressions_and_derivatives_read_back_to_themselves() =>
        Gen.Select(Gen.Frequency((3, ExpressionGen.Smooth(4)), (1, ExpressionGen.Wild(3))), Gen.Bool)
            .Sample((text, wrtY) => KnownBugs.Tolerate(() => RoundTripChecks.CheckScalar(text, wrtY ? "y" : "x", skipKnownBugs: true)),
                writeLine: output.WriteLine, time: Harness.Seconds(3), threads: Harness.Threads, print: t => $"\"{MutationGen.Show(t.Item1)}\" d/d{(t.Item2 ? "y" : "x")}");

    [Fact]
    public void Printed_matrix_gradients_read_back_to_themselves_and_their_values() =>
        Gen.Select(ExpressionGen.TypedTerms(3), PointGen.Typed, Gen.Int[0, PointGen.TypedNames.Length - 1])
            .Sample((term, point, i) => KnownBugs.Tolerate(() => RoundTripChecks.CheckMatrix(term.Text, point, PointGen.TypedNames[i], skipKnownBugs: true)),
                writeLine: output.WriteLine, time: Harness.Seconds(3), threads: Harness.Threads,
                print: t => $"\"{t.Item1}\" ∂/∂{PointGen.TypedNames[t.Item3]} at {Numeric.Show(t.Item2)}");
}

/// <summary>The checks behind the properties, also replayed by the regression corpus.</summary>
public static class RoundTripChecks
{
    public static void CheckScalar(string text, string variable, bool skipKnownBugs = false)
    {
        var limits = Harness.Limits;
        var read = Harness.Call("Calculus.Read", _ => Calculus.Read(text, limits));
        if (!read.IsSuccess)
        {
            return;
        }

        var (f, _, style) = read.Value;
        if (skipKnownBugs && KnownBugs.BareIdentityPrinted(TextPrinter.Print(f, style)))
        {
            return;
        }

        AssertReadsBack(TextPrinter.Print(f, style), f, null, null);

        var answer = Harness.Call("Calculus.Differentiate", t => Calculus.Differentiate(new DerivativeQuery(text, variable), limits, t));
        if (!answer.IsSuccess)
        {
            return;
        }

        Assert.Equal(TextPrinter.Print(f, style), answer.Value.Expression.Text);
        var derivative = answer.Value.Derivative.Text;
        if (skipKnownBugs && KnownBugs.BareIdentityPrinted(derivative))
        {
            return;
        }

        var again = ReadOrFail(derivative, null, null);
        var printedAgain = TextPrinter.Print(again.Expression, again.Style);
        Assert.True(printedAgain == derivative, $"\"{derivative}\" reads back as an expression that prints as \"{printedAgain}\"");
        AssertReadsBack(derivative, again.Expression, null, null);
    }

    public static void CheckMatrix(string text, Dictionary<string, Value> point, string wrt, bool skipKnownBugs = false)
    {
        var limits = Harness.Limits;
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value), StringComparer.Ordinal);
        var read = Harness.Call("Calculus.Read", _ => Calculus.Read(text, limits, declarations));
        if (!read.IsSuccess && read.Error.Kind == ErrorKind.OutsideDomain)
        {
            // Written with a division by zero (c/(a'*b - a'*b)): refused, as it should be.
            return;
        }

        Assert.True(read.IsSuccess, $"a well-typed expression does not read: {read.Error?.Detail}");
        var (f, _, style) = read.Value;
        if (skipKnownBugs && KnownBugs.BareIdentityPrinted(TextPrinter.Print(f, style)))
        {
            return;
        }

        AssertReadsBack(TextPrinter.Print(f, style), f, declarations, null);

        var answer = Harness.Call("Calculus.MatrixGradient", t => Calculus.MatrixGradient(new MatrixGradientQuery(text, null, [wrt], point), limits, t));
        if (!answer.IsSuccess)
        {
            return;
        }

        var component = Assert.Single(answer.Value.Gradients);
        var printed = component.Gradient.Text;
        // A gradient that is a constant (0, or a broadcast number) prints as a scalar and reads back as one;
        // anything else reads back with the variable's shape (which sizes a lone I).
        var shaped = Harness.Call("Calculus.Read", _ => Calculus.Read(printed, limits, declarations, component.Shape));
        var scalar = Harness.Call("Calculus.Read", _ => Calculus.Read(printed, limits, declarations));
        var (again, _, againStyle) = !shaped.IsSuccess && scalar.IsSuccess && scalar.Value.Expression.IsScalar && scalar.Value.Expression.FreeNames.Count == 0
            ? scalar.Value
            : ReadOrFail(printed, declarations, component.Shape);
        Assert.True(TextPrinter.Print(again, againStyle) == printed,
            $"\"{printed}\" reads back as an expression that prints as \"{TextPrinter.Print(again, againStyle)}\"");
        if (component.Value is { } expected)
        {
            // Evaluated as the engine evaluates values (contract section 5): a matrix too close to singular for
            // double precision alone is inverted exactly there, so the double evaluator is not the reference.
            var value = ExactValues.Of(again, point);
            Assert.True(value.IsSuccess, $"\"{printed}\", read back, cannot be evaluated where the engine evaluated it: {value.Error?.Detail}");
            Assert.True(Numeric.Close(expected, value.Value, 1e-9),
                $"\"{printed}\", read back, evaluates to {Numeric.Show(value.Value)}, but the engine gave {Numeric.Show(expected)}");
        }
    }

    /// <summary>
    /// Results may be longer and deeper than an input may be (the derivative of sin(sin(…sin(x)…)) is): they are
    /// read back with room for that. (The 400-character limit on one number is not a setting: see LongNumberPrinted.)
    /// </summary>
    private static readonly EngineLimits ReadBackLimits = EngineLimits.Default with { MaxExpressionLength = 50_000_000, MaxNestingDepth = 500 };

    private static BoundExpression ReadOrFail(string text, Dictionary<string, VariableDeclaration>? declarations, CalcApi.Domain.Shapes.Shape? shape)
    {
        var read = Harness.Call("Calculus.Read", _ => Calculus.Read(text, ReadBackLimits, declarations, shape));
        Assert.True(read.IsSuccess, $"the printed result \"{text}\" does not read back: {read.Error?.Title}: {read.Error?.Detail}");
        return read.Value;
    }

    private static void AssertReadsBack(string printed, CalcApi.Domain.Expressions.Expr expected, Dictionary<string, VariableDeclaration>? declarations, CalcApi.Domain.Shapes.Shape? shape)
    {
        var again = ReadOrFail(printed, declarations, shape).Expression;
        Assert.True(again.Equals(expected), $"\"{printed}\" reads back as a different expression, printed \"{TextPrinter.Print(again)}\"");
    }
}
