using System.Xml.Linq;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Tests.Support;
using Xunit.Abstractions;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>
/// Hundreds of generated expressions: each derivative must match central finite differences at a
/// random point where the function is defined, and every printed form must parse back to itself.
/// </summary>
public class FiniteDifferencePropertyTests(ITestOutputHelper output)
{
    private const int Expressions = 600;

    [Fact]
    public void Generated_derivatives_match_central_differences()
    {
        var generator = new ExpressionGenerator(seed: 20261126);
        var compared = 0;
        var failures = new List<string>();
        for (var i = 0; i < Expressions; i++)
        {
            var text = generator.Next();
            if (!TestEngine.TryRead(text, out var f))
            {
                continue; // generated nonsense such as 1/sin(0): refused when read, nothing to differentiate
            }

            foreach (var variable in new[] { "x", "y" })
            {
                var derivative = CalcApi.Domain.Differentiation.Differentiator.Differentiate(f, variable);
                for (var attempt = 0; attempt < 8; attempt++)
                {
                    var point = generator.Point();
                    var reference = TestEngine.CentralDifference(f, variable, point);
                    if (reference is null || Math.Abs(reference.Value) > 1e6)
                    {
                        continue;
                    }

                    if (!TestEngine.TryEval(derivative, point, out var value))
                    {
                        failures.Add($"d/d{variable} {text} = {derivative} cannot be evaluated at {Show(point)} where f can");
                        break;
                    }

                    var tolerance = Math.Max(1e-6, 1e-5 * Math.Abs(reference.Value));
                    if (Math.Abs(value - reference.Value) > tolerance)
                    {
                        failures.Add($"d/d{variable} {text} = {derivative}: {value:R} but finite differences give {reference.Value:R} at {Show(point)}");
                    }

                    compared++;
                    break;
                }
            }
        }

        output.WriteLine($"{compared} derivatives compared with finite differences.");
        Assert.True(compared > Expressions, $"only {compared} derivatives could be compared");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void Printing_and_parsing_again_gives_the_same_expression()
    {
        var generator = new ExpressionGenerator(seed: 7);
        for (var i = 0; i < Expressions; i++)
        {
            if (!TestEngine.TryRead(generator.Next(), out var f))
            {
                continue;
            }

            foreach (var e in new[] { f, CalcApi.Domain.Differentiation.Differentiator.Differentiate(f, "x") })
            {
                var text = TextPrinter.Print(e);
                Assert.Equal(e, TestEngine.Read(text));
                Assert.Equal(text, TextPrinter.Print(TestEngine.Read(text)));
                Assert.False(string.IsNullOrEmpty(LatexPrinter.Print(e)));
                _ = XDocument.Parse(MathMLPrinter.Print(e).Replace("&#x", "&amp;#x", StringComparison.Ordinal));
            }
        }
    }

    private static string Show(Dictionary<string, double> point) => string.Join(", ", point.Select(p => $"{p.Key} = {p.Value:R}"));
}
