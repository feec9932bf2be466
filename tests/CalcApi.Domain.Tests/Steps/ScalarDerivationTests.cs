using System.Text.Json;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Steps;
using CalcApi.Domain.Tests.Support;
using Xunit.Abstractions;

namespace CalcApi.Domain.Tests.Steps;

/// <summary>
/// Scalar derivations (contract section 6) are checkable: every line, its unevaluated diff(…) worked out, equals the
/// derivative at the points tried; the first line is diff(f, x), the last is the answer, and every rule is a known code.
/// </summary>
public class ScalarDerivationTests(ITestOutputHelper output)
{
    private static readonly HashSet<string> Codes =
    [
        "start", "constant", "variable", "sum", "constantFactor", "product", "quotient", "power", "generalPower", "exponential",
        "logarithm", "trigonometric", "inverseTrigonometric", "hyperbolic", "absoluteValue", "chain", "special", "matrixFunction", "simplify",
    ];

    public static TheoryData<string> CorpusIds() => [.. Corpus().Keys];

    private static Dictionary<string, JsonElement> Corpus() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "scalar-corpus.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!);

    /// <summary>The derivation, however large its lines together (the server bounds what it prints; the derivation exists regardless).</summary>
    private static IReadOnlyList<StepLine> Derive(Expr f, string x, int order = 1, StepDetail detail = StepDetail.Full)
    {
        var lines = ScalarDerivation.Of(f, [.. Enumerable.Repeat(x, order)], detail, PrintStyle.Default, long.MaxValue);
        Assert.True(lines.IsSuccess, lines.Error?.Detail);
        return lines.Value;
    }

    /// <summary>The first line that does not equal the derivative of its order at the point, or null.</summary>
    private static string? FirstWrongLine(Expr f, string x, IReadOnlyList<StepLine> lines, IReadOnlyDictionary<string, double> point)
    {
        // A derivative is the derivative of f where f is defined: elsewhere a line may hold f's own parts (ln(y) where y < 0).
        if (Evaluator.Evaluate(f, point) is not { IsSuccess: true } defined || !double.IsFinite(defined.Value))
        {
            return null;
        }

        var derivatives = new Dictionary<int, double>();
        var values = new LineValues(point);
        foreach (var line in lines)
        {
            if (!derivatives.TryGetValue(line.Order, out var expected))
            {
                var value = Evaluator.Evaluate(Differentiator.Differentiate(f, x, line.Order), point);
                if (!value.IsSuccess || !double.IsFinite(value.Value))
                {
                    return null; // the derivative is undefined here: nothing to compare
                }

                expected = derivatives[line.Order] = value.Value;
            }

            var actual = values.Of(line.Expression);
            var tolerance = 1e-8 * Math.Max(1, Math.Abs(expected));
            if (actual is not { } a || !(Math.Abs(a - expected) <= tolerance))
            {
                return $"{line.Rule}: {line.Expression} is {actual?.ToString() ?? "undefined"}, the derivative {expected}";
            }
        }

        return null;
    }

    private static void AssertShape(Expr f, string x, IReadOnlyList<StepLine> lines)
    {
        Assert.Equal(Algebra.Diff(f, x), lines[0].Expression);
        Assert.Equal("start", lines[0].Rule);
        Assert.Equal(CalcApi.Domain.Simplification.Forms.Simplest(Differentiator.Differentiate(f, x, lines[^1].Order)), lines[^1].Expression);
        Assert.DoesNotContain(Walk.Distinct(lines[^1].Expression), n => n is Derivative);
        Assert.All(lines, l => Assert.Contains(l.Rule, Codes));
        Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l.Explanation)));
    }

    [Theory]
    [MemberData(nameof(CorpusIds))]
    public void Every_line_of_a_corpus_derivation_equals_the_derivative(string id)
    {
        var c = Corpus()[id];
        var f = TestEngine.Read(c.GetProperty("expression").GetString()!);
        var x = c.GetProperty("variable").GetString()!;
        var at = c.GetProperty("at").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

        foreach (var detail in (StepDetail[])[StepDetail.Full, StepDetail.Brief])
        {
            var lines = Derive(f, x, detail: detail);
            AssertShape(f, x, lines);
            Assert.Null(FirstWrongLine(f, x, lines, at));
        }
    }

    [Fact]
    public void Generated_expressions_have_derivations_whose_every_line_checks_out()
    {
        var generator = new ExpressionGenerator(seed: 20261129);
        var (derivations, lines) = (0, 0);
        for (var i = 0; i < 400; i++)
        {
            if (!TestEngine.TryRead(generator.Next(), out var f) || !f.DependsOn("x"))
            {
                continue;
            }

            var steps = Derive(f, "x");
            AssertShape(f, "x", steps);
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var wrong = FirstWrongLine(f, "x", steps, generator.Point());
                Assert.True(wrong is null, $"{f}: {wrong}");
            }

            derivations++;
            lines += steps.Count;
        }

        output.WriteLine($"{derivations} derivations, {lines} lines checked at 3 points each");
        Assert.True(derivations > 200);
    }

    [Fact]
    public void The_chain_rule_line_says_what_u_is_as_a_student_reads_it()
    {
        var lines = Derive(TestEngine.Read("exp(cos(x^2))"), "x");

        Assert.Equal("diff(exp(cos(x^2)), x)", lines[0].Expression.ToString());
        Assert.Equal("chain", lines[1].Rule);
        Assert.Equal("Chain rule: the derivative of exp(u) is exp(u) times the derivative of u, with u = cos(x^2).", lines[1].Explanation);
        Assert.Equal("exp(cos(x^2))*diff(cos(x^2), x)", lines[1].Expression.ToString());
        Assert.Contains(lines, l => l.Rule == "power" && l.Explanation.Contains("n = 2", StringComparison.Ordinal));
        Assert.Equal("-2*x*sin(x^2)*exp(cos(x^2))", lines[^1].Expression.ToString());
        output.WriteLine(string.Join("\n", lines.Select(l => $"{l.Rule,-14} {l.Expression}    {l.Explanation}")));
    }

    [Fact]
    public void A_quotient_is_differentiated_by_the_quotient_rule()
    {
        var lines = Derive(TestEngine.Read("sin(x)/(x^2 + 1)"), "x");

        Assert.Equal("quotient", lines[1].Rule);
        Assert.Contains("u = sin(x) and v = x^2 + 1", lines[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void X_to_the_x_uses_the_general_power_rule()
    {
        var lines = Derive(TestEngine.Read("x^x"), "x");

        Assert.Equal("generalPower", lines[1].Rule);
        Assert.Equal("x^x*diff(x*ln(x), x)", lines[1].Expression.ToString());
        output.WriteLine(string.Join("\n", lines.Select(l => $"{l.Rule,-14} {l.Expression}")));
    }

    [Fact]
    public void Brief_leaves_out_the_trivial_lines_but_reaches_the_same_answer()
    {
        var f = TestEngine.Read("3*x^2 + 5*x + sin(2*x)");
        var full = Derive(f, "x");
        var brief = Derive(f, "x", detail: StepDetail.Brief);

        Assert.True(brief.Count < full.Count, $"{brief.Count} brief lines against {full.Count}");
        Assert.DoesNotContain(brief.Skip(1).SkipLast(1), l => l.Rule is "sum" or "constant" or "constantFactor" or "variable");
        Assert.Equal(full[^1].Expression, brief[^1].Expression);
    }

    [Fact]
    public void A_higher_order_is_one_derivation_per_order_each_checkable()
    {
        var f = TestEngine.Read("x^3*exp(x)");
        var lines = Derive(f, "x", order: 3);

        Assert.Equal([1, 2, 3], lines.Where(l => l.Rule == "start").Select(l => l.Order));
        Assert.Equal(Algebra.Diff(CalcApi.Domain.Simplification.Forms.Simplest(Differentiator.Differentiate(f, "x", 2)), "x"), lines.First(l => l.Order == 3).Expression);
        Assert.Null(FirstWrongLine(f, "x", lines, new Dictionary<string, double> { ["x"] = 0.7 }));
    }

    [Fact]
    public void A_derivation_past_the_line_limit_is_refused_naming_it()
    {
        var f = TestEngine.Read("sin(x)^(x + 1)*cos(x)^(x*x)*tan(x)^sin(x)*exp(x)^cos(x)*log(x)^x");
        var lines = ScalarDerivation.Of(f, [.. Enumerable.Repeat("x", 6)], StepDetail.Full, PrintStyle.Default, EngineLimits.Default.MaxResultNodes);

        Assert.False(lines.IsSuccess);
        Assert.Equal(Errors.ErrorKind.LimitExceeded, lines.Error.Kind);
        Assert.Contains("Ask without steps", lines.Error.Detail, StringComparison.Ordinal);
    }
}
