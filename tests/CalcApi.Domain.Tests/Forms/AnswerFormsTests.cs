using System.Text.Json;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Tests.Forms;

/// <summary>
/// The engine's answers over the forms corpus (the scalar corpus and the high-order cases) against SymPy's simplified
/// forms (bench/data/sympy-forms.jsonl): each printed answer, read back and evaluated on its own, equals SymPy's form at
/// the case's point, so every rewrite the answer form makes is checked by an independent system where it matters, in the
/// text a reader gets; and the answers stay as small as the forms report measured them (issue 10: no larger than SymPy's
/// on 170 of 177, none over 1.5 times), so a pass that stops
/// firing, or a change that lengthens answers, fails here rather than only in a report nobody reran.
/// </summary>
public class AnswerFormsTests
{
    /// <summary>Cases whose answer has no more operations than SymPy's, as the forms report counted on 2026-11-29.</summary>
    private const int AtMostSympysAtLeast = 170;

    private const double Relative = 1e-8;

    private const double Absolute = 1e-12;

    private static readonly Lazy<Dictionary<string, JsonElement>> CasesById = new(() =>
        Lines("scalar-corpus.jsonl").Concat(Lines("high-order-corpus.jsonl")).ToDictionary(e => e.GetProperty("id").GetString()!));

    private static readonly Lazy<Dictionary<string, string>> SympyById = new(() =>
        Lines("sympy-forms.jsonl").Where(r => r.GetProperty("status").GetString() == "ok")
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("simplified").GetString()!));

    public static TheoryData<string> FinishedIds() => [.. SympyById.Value.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(FinishedIds))]
    public void The_printed_answer_read_back_equals_sympys_form_at_the_point(string id)
    {
        var c = CasesById.Value[id];
        var at = c.GetProperty("at").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var answer = Answer(c);

        var engine = ExactEnough.Evaluate(ReadBack(answer, id), at);
        var sympy = ExactEnough.Evaluate(ReadBack(SympyById.Value[id], id), at);
        Assert.True(engine.IsSuccess, $"{id}: the answer has no value at the point: {engine.Error?.Detail}\n{answer}");
        Assert.True(sympy.IsSuccess, $"{id}: SymPy's form has no value at the point: {sympy.Error?.Detail}");
        var tolerance = Relative * Math.Max(Math.Abs(sympy.Value), Math.Abs(engine.Value)) + Absolute;
        Assert.True(Math.Abs(sympy.Value - engine.Value) <= tolerance,
            $"{id}: the answer gives {engine.Value:R}, SymPy's form {sympy.Value:R}.\nAnswer: {answer}\nSymPy: {SympyById.Value[id]}");
    }

    [Fact]
    public void Answers_are_no_larger_than_sympys_on_as_many_cases_as_measured_and_never_over_one_and_a_half_times()
    {
        var larger = new List<string>();
        var over = new List<string>();
        foreach (var (id, form) in SympyById.Value)
        {
            var ours = Operations(Answer(CasesById.Value[id]));
            var theirs = Operations(form);
            if (ours > theirs)
            {
                larger.Add($"{id} ({ours} against {theirs})");
            }

            if (ours > 1.5 * theirs)
            {
                over.Add(id);
            }
        }

        // Issue 10's second target: none more than 1.5 times SymPy's size.
        Assert.True(over.Count == 0, $"over 1.5 times SymPy's size: {string.Join(", ", over)}");

        var atMost = SympyById.Value.Count - larger.Count;
        Assert.True(atMost >= AtMostSympysAtLeast,
            $"{atMost} of {SympyById.Value.Count} answers are no larger than SymPy's, fewer than the {AtMostSympysAtLeast} measured; larger: {string.Join(", ", larger)}");
    }

    private static string Answer(JsonElement c)
    {
        var answer = Calculus.Differentiate(new DerivativeQuery(c.GetProperty("expression").GetString()!, c.GetProperty("variable").GetString()!, Order(c)), EngineLimits.Default);
        Assert.True(answer.IsSuccess, $"The engine refused {c.GetProperty("id")}: {answer.Error?.Detail}");
        return answer.Value.Derivative.Text;
    }

    private static CalcApi.Domain.Expressions.Expr ReadBack(string text, string id)
    {
        var read = Calculus.Read(text, EngineLimits.Default with { MaxExpressionLength = Math.Max(text.Length, EngineLimits.Default.MaxExpressionLength) });
        Assert.True(read.IsSuccess, $"{id}: '{text}' does not read: {read.Error?.Detail}");
        return read.Value.Expression;
    }

    private static int Operations(string text)
    {
        var syntax = Parser.Parse(text, EngineLimits.Default with { MaxExpressionLength = Math.Max(text.Length, EngineLimits.Default.MaxExpressionLength) });
        Assert.True(syntax.IsSuccess, syntax.Error?.Detail);
        return OperationCount.Of(syntax.Value);
    }

    private static int Order(JsonElement c) => c.TryGetProperty("order", out var order) ? order.GetInt32() : 1;

    private static IEnumerable<JsonElement> Lines(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement);
}
