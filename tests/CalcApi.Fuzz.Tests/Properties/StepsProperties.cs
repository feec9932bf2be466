using CalcApi.Domain;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Steps;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace CalcApi.Fuzz.Tests.Properties;

/// <summary>
/// Every line of a derivation (contract section 6) equals the derivative: for generated functions of x and y, first and
/// second order, full and brief, each line with its diff(…) worked out has the engine's derivative's value at a random
/// point where the engine answers the derivative (or is undefined there, never another number); the last line is the engine's answer.
/// </summary>
public class StepsProperties(ITestOutputHelper output)
{
    private static int _lines;

    [Fact]
    public void Every_line_of_a_derivation_equals_the_derivative()
    {
        _lines = 0;
        Gen.Select(ExpressionGen.SmoothTerms(4), PointGen.Scalar, Gen.Bool, Gen.Int[1, 3])
            .Sample((term, point, wrtY, kind) => Check(term.Text, point, wrtY ? "y" : "x", order: kind == 3 ? 2 : 1, kind == 2 ? StepDetail.Brief : StepDetail.Full),
                writeLine: output.WriteLine, time: Harness.Seconds(5), threads: Harness.Threads,
                print: t => $"steps of d/d{(t.Item3 ? "y" : "x")} order {(t.Item4 == 3 ? 2 : 1)} of \"{t.Item1}\" at {Numeric.Show(t.Item2)}");
        output.WriteLine($"{_lines:N0} lines compared with the derivative");
    }

    private static void Check(string text, Dictionary<string, Value> at, string variable, int order, StepDetail detail)
    {
        var read = Calculus.Read(text, Harness.Limits);
        if (!read.IsSuccess)
        {
            return; // written with a division by zero and the like: refused when read, nothing to derive
        }

        var f = read.Value.Expression;
        var lines = ScalarDerivation.Of(f, [.. Enumerable.Repeat(variable, order)], detail, PrintStyle.Default, long.MaxValue);
        Assert.True(lines.IsSuccess || lines.Error.Kind == CalcApi.Domain.Errors.ErrorKind.LimitExceeded, lines.Error?.Detail);
        if (!lines.IsSuccess)
        {
            return;
        }

        Assert.Equal(CalcApi.Domain.Simplification.Forms.Simplest(Differentiator.Differentiate(f, variable, order)), lines.Value[^1].Expression);
        var point = at.ToDictionary(p => p.Key, p => p.Value.Scalar);
        var values = new LineValues(point);
        if (values.Of(f) is not { } defined || !double.IsFinite(defined))
        {
            return; // outside f's domain a line may hold f's own undefined parts
        }

        var derivatives = new Dictionary<int, double?>();
        foreach (var line in lines.Value)
        {
            // The engine's answer at the point, right or refused: refused where the point is outside the derivative's
            // domain (d/dx sqrt(x) at 0), where the lines may be undefined too.
            if (!derivatives.TryGetValue(line.Order, out var known))
            {
                var answer = Calculus.Differentiate(new DerivativeQuery(text, variable, line.Order, at), Harness.Limits);
                known = derivatives[line.Order] = answer.IsSuccess ? answer.Value.Value : null;
            }

            if (known is not { } expected || Math.Abs(expected) > 1e12)
            {
                return;
            }

            // Lines are evaluated in double precision, the engine's value exactly: where the derivative itself, evaluated
            // in double, is not within the tolerance of its exact value (cot of 36*x^2 + e^(exp(3)), an argument near
            // 5e8, loses seven digits), a line's double value says nothing either way.
            if (values.Of(Differentiator.Differentiate(f, variable, line.Order)) is not { } inDouble || !Numeric.Close(expected, inDouble, 1e-7))
            {
                return;
            }

            // A line may be undefined where the derivative is not: the product rule splits y·y^(1/3), whose derivative
            // exists at y = 0, into factors whose own do not. Undefined is not wrong; a different number is.
            // (At generic points the domain tests require every line defined: tests/CalcApi.Domain.Tests/Steps.)
            var actual = values.Of(line.Expression);
            Interlocked.Increment(ref _lines);
            Assert.True(actual is null || Numeric.Close(expected, actual.Value, 1e-7),
                $"{line.Rule} line {line.Expression} is {actual?.ToString("R") ?? "undefined"}, the derivative of order {line.Order} {expected:R}");
        }
    }
}
