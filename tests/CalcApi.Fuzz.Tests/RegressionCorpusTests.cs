using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;
using CalcApi.Domain.Syntax;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Properties;
using CalcApi.Fuzz.Tests.Support;

namespace CalcApi.Fuzz.Tests;

/// <summary>
/// Replays Corpus/regressions.jsonl: every input that once failed (or is known to be nasty), one per
/// line, each a JSON object with
/// <list type="bullet">
/// <item><c>id</c>: a name for the test row;</item>
/// <item><c>endpoint</c>: <c>"engine"</c>, or a route such as <c>"/api/differentiate"</c>;</item>
/// <item><c>input</c>: for the engine, <c>{"call": ..., "expression": ..., "variable", "order", "at", "wrt", "direction"}</c>
/// (calls: parse, read, differentiate, gradient, matrix-gradient, optimize, landscape, and the property checks
/// finite-differences, matrix-finite-differences, trust, round-trip, matrix-round-trip); for an endpoint, the request
/// <c>body</c> as JSON, or <c>bodyText</c> as raw text, and optionally <c>contentType</c>;</item>
/// <item><c>expect</c> (optional): <c>{"status": 422}</c> or <c>{"status": [400, 422]}</c> for an endpoint; <c>{"ok": true}</c>, <c>{"error": "LimitExceeded", "limit": "maxOrder"}</c>,
/// <c>{"derivative": "1"}</c>, <c>{"expression": "x"}</c> (the input as the engine prints it), <c>{"value": 1}</c> or <c>{"detailContains": "..."}</c> for the engine;</item>
/// <item><c>problem</c>: what once went wrong; <c>found</c>: the date.</item>
/// </list>
/// Every row must also pass what the fuzz properties check: no exception, no hang, well-formed errors,
/// 2xx or 4xx. In strings, <c>{{repeat:TEXT:COUNT}}</c> stands for TEXT repeated COUNT times (so 100,000
/// parentheses stay one short line).
/// </summary>
public partial class RegressionCorpusTests(FuzzApiFactory factory) : IClassFixture<FuzzApiFactory>
{
    public static TheoryData<string> Ids => [.. Corpus.Select(e => e.Id)];

    private static readonly Lazy<List<CorpusEntry>> Entries = new(Load);

    private static List<CorpusEntry> Corpus => Entries.Value;

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Inputs_that_once_failed_pass(string id)
    {
        var entry = Corpus.Single(e => e.Id == id);
        if (entry.Endpoint == "engine")
        {
            RunEngine(entry);
        }
        else
        {
            await RunHttp(entry);
        }
    }

    [Fact]
    public void The_corpus_is_well_formed()
    {
        Assert.NotEmpty(Corpus);
        Assert.Equal(Corpus.Count, Corpus.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(Corpus, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Problem), $"{e.Id} says nothing about what went wrong");
            Assert.True(DateOnly.TryParse(e.Found, System.Globalization.CultureInfo.InvariantCulture, out _), $"{e.Id} has no date");
            Assert.True(e.Endpoint == "engine" || RequestGen.Endpoints.Contains(e.Endpoint), $"{e.Id}: unknown endpoint {e.Endpoint}");
        });
    }

    // ---------------------------------------------------------------- HTTP

    private async Task RunHttp(CorpusEntry entry)
    {
        var client = factory.CreateClient();
        var body = entry.Input["bodyText"] is JsonValue text ? Expand(text.GetValue<string>()) : ExpandAll(entry.Input["body"]!.DeepClone())!.ToJsonString();
        var contentType = entry.Input["contentType"]?.GetValue<string>() ?? "application/json";
        var request = new HttpCase(entry.Endpoint, body, contentType);
        var (status, mediaType, answer) = await HttpChecks.SendAsync(client, request);
        HttpChecks.AssertAnswer(factory, request, (int)status, mediaType, answer);
        if (entry.Expect?["status"] is { } expected)
        {
            int[] allowed = expected is JsonArray any ? [.. any.Select(s => s!.GetValue<int>())] : [expected.GetValue<int>()];
            Assert.True(allowed.Contains((int)status), $"expected {expected.ToJsonString()}, got {(int)status}: {HttpChecks.Shorten(answer)}");
        }

        await HttpChecks.AssertStillAnswersAsync(client);
    }

    // ---------------------------------------------------------------- the engine

    private static void RunEngine(CorpusEntry entry)
    {
        var input = entry.Input;
        var call = input["call"]!.GetValue<string>();
        var expression = Expand(input["expression"]!.GetValue<string>());
        var variable = input["variable"]?.GetValue<string>();
        var order = input["order"]?.GetValue<int>() ?? 1;
        var at = Values(input["at"]);
        var limits = Harness.Limits;
        switch (call)
        {
            case "finite-differences":
                DerivativeChecks.CheckScalar(expression, at!, variable ?? "x", order);
                return;
            case "matrix-finite-differences":
                DerivativeChecks.CheckMatrix(expression, at!, input["wrt"]!.GetValue<string>(), Value(input["direction"]!));
                return;
            case "trust":
                TrustChecks.Check(expression, at!, variable ?? "x");
                return;
            case "round-trip":
                RoundTripChecks.CheckScalar(expression, variable ?? "x");
                return;
            case "matrix-round-trip":
                RoundTripChecks.CheckMatrix(expression, at!, input["wrt"]!.GetValue<string>());
                return;
        }

        (CalcError? Error, string? Derivative, double? Value, string? Expression) result = call switch
        {
            "parse" => Summary(Harness.Call(call, _ => Parser.Parse(expression, limits)), _ => (null, null)),
            "read" => Summary(Harness.Call(call, _ => Calculus.Read(expression, limits, at?.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value)))), _ => (null, null),
                b => CalcApi.Domain.Printing.TextPrinter.Print(b.Expression)),
            "differentiate" => Summary(
                Harness.Call(call, t => Calculus.Differentiate(new DerivativeQuery(expression, variable, order, at), limits, t)),
                a => (a.Derivative.Text, a.Value), a => a.Expression.Text),
            "gradient" => Summary(
                Harness.Call(call, t => Calculus.Gradient(new GradientQuery(expression, Names(input["variables"]), at), limits, t)),
                a => (string.Join("; ", a.Components.Select(c => c.Derivative.Text)), a.Components.Count == 1 ? a.Components[0].Value : null),
                a => a.Expression.Text),
            "matrix-gradient" => Summary(
                Harness.Call(call, t => Calculus.MatrixGradient(new MatrixGradientQuery(expression, null, Names(input["wrt"]), at), limits, t)),
                a => (string.Join("; ", a.Gradients.Select(g => g.Gradient.Text)), a.Value), a => a.Expression.Text),
            "optimize" => Summary(
                Harness.Call(call, t => Calculus.Optimize(new OptimizationQuery(expression, null, Values(input["constants"]), Values(input["initial"])!,
                    new OptimizerSettings(), input["maxIterations"]?.GetValue<int>() ?? 100, TimeLimit: TimeSpan.FromSeconds(1)), limits, t)),
                r => (string.Join("; ", r.Gradient.Values.Select(g => g.Text)), r.Loss)),
            "landscape" => Summary(
                Harness.Call(call, t => Calculus.Landscape(new LandscapeQuery(expression, null, Values(input["constants"]), Values(input["initial"])!,
                    Range(input["xRange"]), Range(input["yRange"]), input["resolution"]?.GetValue<int>() ?? 10), limits, t)),
                l =>
                {
                    Assert.True(l.Xs.Concat(l.Ys).All(double.IsFinite), $"grid coordinates that are not finite: {string.Join(", ", l.Xs)}");
                    return (null, l.Min);
                }),
            _ => throw new InvalidOperationException($"{entry.Id}: unknown call '{call}'"),
        };

        if (result.Error is { } error)
        {
            Harness.AssertWellFormed(error, expression);
        }

        var expect = entry.Expect;
        if (expect is null)
        {
            return;
        }

        if (expect["ok"]?.GetValue<bool>() == true)
        {
            Assert.True(result.Error is null, $"expected an answer, got {result.Error?.Kind}: {result.Error?.Detail}");
        }

        if (expect["error"] is { } kind)
        {
            Assert.True(result.Error is not null, $"expected a {kind} error, got an answer: {result.Derivative}");
            Assert.Equal(kind.GetValue<string>(), result.Error.Kind.ToString());
            if (expect["limit"] is { } limit)
            {
                Assert.Equal(limit.GetValue<string>(), result.Error.Limit);
            }
        }

        if (expect["detailContains"] is { } fragment)
        {
            Assert.True(result.Error is not null, $"expected an error saying \"{fragment}\", got an answer: {result.Derivative}");
            Assert.Contains(fragment.GetValue<string>(), result.Error.Detail, StringComparison.Ordinal);
        }

        if (expect["derivative"] is { } derivative)
        {
            Assert.True(result.Error is null, $"expected {derivative}, got {result.Error?.Kind}: {result.Error?.Detail}");
            Assert.Equal(derivative.GetValue<string>(), result.Derivative);
        }

        if (expect["expression"] is { } printed)
        {
            Assert.True(result.Error is null, $"expected the expression {printed}, got {result.Error?.Kind}: {result.Error?.Detail}");
            Assert.Equal(printed.GetValue<string>(), result.Expression);
        }

        if (expect["value"] is { } value)
        {
            Assert.True(result.Error is null, $"expected the value {value}, got {result.Error?.Kind}: {result.Error?.Detail}");
            Assert.True(result.Value is { } v && Numeric.Close(value.GetValue<double>(), v, 1e-9), $"expected the value {value}, got {result.Value}");
        }
    }

    private static (CalcError? Error, string? Derivative, double? Value, string? Expression) Summary<T>(
        Outcome<T> outcome, Func<T, (string? Text, double? Value)> answer, Func<T, string>? expression = null)
    {
        if (!outcome.IsSuccess)
        {
            return (outcome.Error, null, null, null);
        }

        var (text, value) = answer(outcome.Value);
        return (null, text, value, expression?.Invoke(outcome.Value));
    }

    private static (double, double) Range(JsonNode? node) =>
        node is JsonArray { Count: 2 } a ? (a[0]!.GetValue<double>(), a[1]!.GetValue<double>()) : (-1, 1);

    private static List<string>? Names(JsonNode? node) => node switch
    {
        null => null,
        JsonArray a => [.. a.Select(n => n!.GetValue<string>())],
        _ => [node.GetValue<string>()],
    };

    private static Dictionary<string, Value>? Values(JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(p => p.Key, p => Value(p.Value!), StringComparer.Ordinal) : null;

    private static Value Value(JsonNode node) => node switch
    {
        JsonArray rows when rows.Count > 0 && rows[0] is JsonArray =>
            CalcApi.Domain.Evaluation.Value.FromRows([.. rows.Select(r => (IReadOnlyList<double>)[.. r!.AsArray().Select(x => x!.GetValue<double>())])]),
        JsonArray entries => CalcApi.Domain.Evaluation.Value.Vector([.. entries.Select(x => x!.GetValue<double>())]),
        _ => CalcApi.Domain.Evaluation.Value.Of(node.GetValue<double>()),
    };

    // ---------------------------------------------------------------- the file

    private sealed record CorpusEntry(string Id, string Endpoint, JsonObject Input, JsonObject? Expect, string Problem, string Found);

    private static List<CorpusEntry> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "regressions.jsonl");
        return [.. File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line =>
            {
                var o = JsonNode.Parse(line)!.AsObject();
                return new CorpusEntry(
                    o["id"]!.GetValue<string>(),
                    o["endpoint"]!.GetValue<string>(),
                    o["input"]!.AsObject(),
                    o["expect"]?.AsObject(),
                    o["problem"]?.GetValue<string>() ?? "",
                    o["found"]?.GetValue<string>() ?? "");
            })];
    }

    private static JsonNode? ExpandAll(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = ExpandAll(o[key]?.DeepClone());
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = ExpandAll(a[i]?.DeepClone());
                }

                return a;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(Expand(v.GetValue<string>()));
            default:
                return node;
        }
    }

    private static string Expand(string text) =>
        Repeat().Replace(text, m => string.Concat(Enumerable.Repeat(m.Groups[1].Value, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))));

    [GeneratedRegex(@"\{\{repeat:(.*?):(\d+)\}\}", RegexOptions.Singleline)]
    private static partial Regex Repeat();
}
