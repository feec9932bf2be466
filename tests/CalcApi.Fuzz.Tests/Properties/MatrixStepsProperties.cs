using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Steps;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace CalcApi.Fuzz.Tests.Properties;

/// <summary>
/// Every line of a matrix derivation (contract section 6) is checkable, over the typed generator's functions of a, b, W,
/// c and x: each differential line, printed and read back (d(u) in the language), with d(X) := a random direction U and
/// every other d(u) worked out by the engine (Differentials.Expand), equals the directional derivative of f along U by
/// central differences of the generator's own meaning (MathNet); each gradient line G gives ⟨G, U⟩, the same number.
/// </summary>
public class MatrixStepsProperties(ITestOutputHelper output)
{
    private static int _lines;

    [Fact]
    public void Every_line_of_a_matrix_derivation_read_back_equals_the_directional_derivative()
    {
        _lines = 0;
        Gen.Select(ExpressionGen.TypedTerms(3), PointGen.Typed, Gen.Int[0, PointGen.TypedNames.Length - 1], Gen.Bool)
            .SelectMany((term, point, i, brief) => PointGen.DirectionLike(point[PointGen.TypedNames[i]]).Select(u => (term, point, PointGen.TypedNames[i], u, brief)))
            .Sample((term, point, wrt, direction, brief) => Check(term, point, wrt, direction, brief ? StepDetail.Brief : StepDetail.Full),
                writeLine: output.WriteLine, time: Harness.Seconds(5), threads: Harness.Threads,
                print: t => $"steps of ∂/∂{t.Item3} of \"{t.Item1}\" ({(t.Item5 ? "brief" : "full")}) at {Numeric.Show(t.Item2)} along {Numeric.Show(t.Item4)}");
        output.WriteLine($"{_lines:N0} lines compared with the directional derivative");
        Assert.True(_lines > 0, "no line was compared");
    }

    private static void Check(TypedTerm term, Dictionary<string, Value> point, string wrt, Value direction, StepDetail detail)
    {
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value), StringComparer.Ordinal);
        var read = Calculus.Read(term.Text, Harness.Limits, declarations);
        if (!read.IsSuccess)
        {
            Assert.Equal(ErrorKind.OutsideDomain, read.Error.Kind); // written with a division by zero: refused when read
            return;
        }

        var f = read.Value.Expression;
        var gradient = MatrixGradient.Of(f, wrt);
        var lines = MatrixDerivation.Of(f, wrt, gradient, null, detail, PrintStyle.Default, Harness.Limits.MaxResultNodes);
        if (!lines.IsSuccess)
        {
            Assert.Equal(ErrorKind.LimitExceeded, lines.Error.Kind);
            return;
        }

        var x = point[wrt];
        if (!term.WellConditioned(point)
            || Numeric.Directional(t => term.At(Numeric.With(point, wrt, Numeric.Plus(x, t, direction)))) is not { } reference)
        {
            return; // a kink, a point outside the domain, or digits lost: finite differences settle nothing here
        }

        var along = Numeric.With(point, Differentials.DirectionName(wrt), direction);
        foreach (var line in lines.Value)
        {
            var printed = TextPrinter.Print(line.Expression);
            double? value;
            if (line.Form == "differential")
            {
                var back = Calculus.Read(printed, Harness.Limits, declarations, differentials: DifferentialUse.Expressions);
                Assert.True(back.IsSuccess, $"the {line.Rule} line {printed} does not read back: {back.Error?.Detail}");
                value = Numeric.Eval(Differentials.Expand(back.Value.Expression, v => v == wrt), along);
            }
            else
            {
                var g = MatrixEvaluator.Evaluate(line.Expression, point);
                value = g.IsSuccess ? Numeric.Inner(direction, g.Value) : null;
            }

            // Undefined is not wrong (a line may split f into parts undefined where f is defined); another number is.
            Interlocked.Increment(ref _lines);
            Assert.True(value is null || Numeric.Close(reference, value.Value, 1e-5),
                $"the {line.Rule} line {printed} ({line.Form}) is {value:R} along U, but the directional derivative of f is {reference:R}");
        }
    }
}
