using System.Text.Json;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Tests.Forms;

/// <summary>
/// SymPy's simplified derivatives of the corpus cases (bench/data/sympy-forms.jsonl, measured once offline by
/// bench/tools/sympy-forms.py) are the yardstick of issue 10's size comparison. These tests keep that data honest
/// without Python: it covers every case of both corpora at the right order, every form SymPy finished reads in our
/// language, and each one equals the engine's own derivative at the case's point, which cross-checks the engine by
/// an independent system as much as it checks the data.
/// </summary>
public class SympyFormsDataTests
{
    /// <summary>SymPy's value and the engine's must agree this closely (relative), or within <see cref="Absolute"/> near 0.</summary>
    private const double Relative = 1e-8;

    private const double Absolute = 1e-12;

    private static readonly string[] Statuses = ["ok", "timeout", "unprintable", "error"];

    private static readonly Lazy<Dictionary<string, JsonElement>> CasesById = new(() =>
        Lines("scalar-corpus.jsonl").Concat(Lines("high-order-corpus.jsonl")).ToDictionary(e => e.GetProperty("id").GetString()!));

    private static readonly Lazy<List<JsonElement>> Rows = new(() => [.. Lines("sympy-forms.jsonl")]);

    public static TheoryData<string> FinishedIds() =>
        [.. Rows.Value.Where(r => r.GetProperty("status").GetString() == "ok").Select(r => r.GetProperty("id").GetString()!)];

    [Fact]
    public void Every_corpus_case_has_exactly_one_row_at_its_order()
    {
        var rows = Rows.Value.GroupBy(r => r.GetProperty("id").GetString()!).ToList();
        Assert.Empty(rows.Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(CasesById.Value.Keys.Order(StringComparer.Ordinal), rows.Select(g => g.Key).Order(StringComparer.Ordinal));
        foreach (var row in Rows.Value)
        {
            var c = CasesById.Value[row.GetProperty("id").GetString()!];
            Assert.Equal(Order(c), row.GetProperty("order").GetInt32());
        }
    }

    [Fact]
    public void Every_row_says_how_sympy_ended_and_a_finished_row_has_its_form()
    {
        Assert.Single(Rows.Value.Select(r => r.GetProperty("sympy").GetString()).Distinct());
        foreach (var row in Rows.Value)
        {
            var status = row.GetProperty("status").GetString();
            Assert.Contains(status, Statuses);
            var form = row.GetProperty("simplified");
            Assert.True(status == "ok" ? form.ValueKind == JsonValueKind.String && form.GetString()!.Length > 0 : form.ValueKind == JsonValueKind.Null,
                $"{row.GetProperty("id")}: status {status} with simplified {form}");
        }

        // The yardstick is worth little if SymPy finished only a few cases: all textbook and high-order cases must be there.
        Assert.All(Rows.Value.Where(r => CasesById.Value[r.GetProperty("id").GetString()!].GetProperty("group").GetString() != "scaling"),
            r => Assert.Equal("ok", r.GetProperty("status").GetString()));
    }

    [Theory]
    [MemberData(nameof(FinishedIds))]
    public void Sympys_simplified_form_reads_in_our_language_and_equals_the_engines_derivative_at_the_point(string id)
    {
        var c = CasesById.Value[id];
        var row = Rows.Value.Single(r => r.GetProperty("id").GetString() == id);
        var form = row.GetProperty("simplified").GetString()!;
        var at = c.GetProperty("at").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

        var read = Calculus.Read(form, EngineLimits.Default with { MaxExpressionLength = Math.Max(form.Length, EngineLimits.Default.MaxExpressionLength) });
        Assert.True(read.IsSuccess, $"SymPy's form of {id} does not read: {read.Error?.Detail}\n{form}");
        var sympy = ExactEnough.Evaluate(read.Value.Expression, at);
        Assert.True(sympy.IsSuccess, $"SymPy's form of {id} has no value at the point: {sympy.Error?.Detail}");

        var query = new DerivativeQuery(c.GetProperty("expression").GetString()!, c.GetProperty("variable").GetString()!, Order(c),
            at.ToDictionary(p => p.Key, p => Value.Of(p.Value)));
        var engine = Calculus.Differentiate(query, EngineLimits.Default);
        Assert.True(engine.IsSuccess, $"The engine refused {id}: {engine.Error?.Detail}");
        var value = engine.Value.Value!.Value;

        var tolerance = Relative * Math.Max(Math.Abs(sympy.Value), Math.Abs(value)) + Absolute;
        Assert.True(Math.Abs(sympy.Value - value) <= tolerance,
            $"{id}: SymPy's form gives {sympy.Value:R}, the engine {value:R} (difference {Math.Abs(sympy.Value - value):G3}, tolerance {tolerance:G3}).\nSymPy: {form}");
    }

    private static int Order(JsonElement c) => c.TryGetProperty("order", out var order) ? order.GetInt32() : 1;

    private static IEnumerable<JsonElement> Lines(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement);
}
