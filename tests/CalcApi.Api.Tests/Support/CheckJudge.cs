using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CalcApi.Api.Endpoints;

namespace CalcApi.Api.Tests.Support;

/// <summary>What one /api/check answer got right and wrong against its row of the table.</summary>
public sealed record CheckJudgement(string? Verdict, IReadOnlyList<string> Codes, IReadOnlyList<string> Failures)
{
    public bool VerdictRight { get; init; }
}

/// <summary>
/// Judges a /api/check answer against the contract (section 7) and a row of Data/check-table.json. Every
/// counterexample is recomputed through the API's other endpoints: the expected side as the derivative or
/// gradient at the point, the answer's side by evaluating the learner's text there (as d/dt of t*(answer)),
/// so a counterexample must be a real one, not just two different numbers.
/// </summary>
public static class CheckJudge
{
    private static readonly string[] Verdicts = ["equivalent", "notEquivalent", "invalid"];

    public static async Task<CheckJudgement> JudgeAsync(HttpClient client, CheckRow row, JsonElement answer)
    {
        var failures = new List<string>();
        var verdict = answer.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (verdict is null || !Verdicts.Contains(verdict))
        {
            failures.Add($"`verdict` is {(v.ValueKind == JsonValueKind.Undefined ? "missing" : v.GetRawText())}, not one of {string.Join(", ", Verdicts)}");
        }
        else if (verdict != row.Verdict)
        {
            failures.Add($"verdict {verdict}, but the table says {row.Verdict}");
        }

        if (!answer.TryGetProperty("correct", out var correct) || correct.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            failures.Add("`correct` is missing or not a boolean");
        }
        else if (correct.GetBoolean() != (verdict == "equivalent"))
        {
            failures.Add($"`correct` is {correct.GetBoolean()} with verdict {verdict}");
        }

        var codes = Diagnosis(answer, failures);
        if (verdict == "equivalent" && codes.Count > 0)
        {
            failures.Add($"an equivalent answer diagnosed with mistakes: {string.Join(", ", codes)}");
        }

        if (row.Diagnosis.Count > 0 && !row.Diagnosis.Any(codes.Contains))
        {
            failures.Add($"diagnosis should name {string.Join(" or ", row.Diagnosis)}; it names {(codes.Count == 0 ? "nothing" : string.Join(", ", codes))}");
        }

        if (verdict == "invalid")
        {
            if (!answer.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object
                || string.IsNullOrWhiteSpace(Text(error, "title")) || string.IsNullOrWhiteSpace(Text(error, "detail")))
            {
                failures.Add("an invalid answer without an `error` that has a title and a detail");
            }
        }
        else if (verdict is not null && Text(answer, "decidedBy") is not ("symbolic" or "numeric"))
        {
            failures.Add($"`decidedBy` is {Text(answer, "decidedBy") ?? "missing"}, not symbolic or numeric");
        }

        var hasCounterexample = answer.TryGetProperty("counterexample", out var counterexample) && counterexample.ValueKind != JsonValueKind.Null;
        if (hasCounterexample != (verdict == "notEquivalent"))
        {
            failures.Add(hasCounterexample ? $"a counterexample with verdict {verdict}" : "notEquivalent without a counterexample");
        }
        else if (hasCounterexample)
        {
            await CheckCounterexampleAsync(client, row, counterexample, failures);
        }

        return new CheckJudgement(verdict, codes, failures) { VerdictRight = verdict == row.Verdict };
    }

    private static List<string> Diagnosis(JsonElement answer, List<string> failures)
    {
        var codes = new List<string>();
        if (!answer.TryGetProperty("diagnosis", out var diagnosis) || diagnosis.ValueKind == JsonValueKind.Null)
        {
            return codes;
        }

        if (diagnosis.ValueKind != JsonValueKind.Array)
        {
            failures.Add($"`diagnosis` is not a list: {diagnosis.GetRawText()}");
            return codes;
        }

        foreach (var item in diagnosis.EnumerateArray())
        {
            var code = item.ValueKind == JsonValueKind.Object ? Text(item, "code") : null;
            if (string.IsNullOrWhiteSpace(code) || string.IsNullOrWhiteSpace(Text(item, "message")))
            {
                failures.Add($"a diagnosis without a code and a message: {item.GetRawText()}");
                continue;
            }

            codes.Add(code);
        }

        return codes;
    }

    // ------------------------------------------------------------------ counterexamples

    private static async Task CheckCounterexampleAsync(HttpClient client, CheckRow row, JsonElement counterexample, List<string> failures)
    {
        if (!counterexample.TryGetProperty("at", out var at) || at.ValueKind != JsonValueKind.Object)
        {
            failures.Add($"a counterexample without a point `at`: {counterexample.GetRawText()}");
            return;
        }

        var expected = Field(counterexample, "expectedValue");
        var given = Field(counterexample, "answerValue");
        foreach (var (side, value) in new[] { ("expectedValue", expected), ("answerValue", given) })
        {
            if (value is { } present && !IsValue(present))
            {
                failures.Add($"the counterexample's {side} is neither a number, null, nor numbers: {present.GetRawText()}");
                return;
            }
        }

        if (!Differ(expected, given))
        {
            failures.Add($"the counterexample's values do not differ: {counterexample.GetRawText()}");
            return;
        }

        var request = row.Request;
        switch (row.Task)
        {
            case "differentiate":
                Compare("expectedValue", expected, await DerivativeAsync(client, request, at), counterexample, failures);
                Compare("answerValue", given, await ScalarValueAsync(client, request.GetProperty("answer").GetString()!, at), counterexample, failures);
                break;
            case "equivalent":
                Compare("expectedValue", expected, await ScalarValueAsync(client, request.GetProperty("expected").GetString()!, at), counterexample, failures);
                Compare("answerValue", given, await ScalarValueAsync(client, request.GetProperty("answer").GetString()!, at), counterexample, failures);
                break;
            case "gradient":
                await CompareGradientAsync(client, request, at, expected, given, counterexample, failures);
                break;
            case "matrix-gradient":
                var wrt = request.GetProperty("wrt").GetString()!;
                var gradient = await MatrixGradientAsync(client, request, at, wrt);
                Compare("expectedValue", expected, gradient, counterexample, failures);
                Compare("answerValue", given, await MatrixValueAsync(client, request, at, expected ?? gradient.Value), counterexample, failures);
                break;
        }
    }

    /// <summary>A gradient's counterexample may give one component (a number) or all of them (an object by variable).</summary>
    private static async Task CompareGradientAsync(HttpClient client, JsonElement request, JsonElement at, JsonElement? expected, JsonElement? given, JsonElement counterexample, List<string> failures)
    {
        var variables = request.GetProperty("variables").EnumerateArray().Select(n => n.GetString()!).ToList();
        var body = new JsonObject
        {
            ["expression"] = request.GetProperty("expression").GetString(),
            ["variables"] = new JsonArray([.. variables.Select(n => (JsonNode?)n)]),
            ["at"] = JsonNode.Parse(at.GetRawText()),
        };
        var response = await client.PostJsonAsync(Routes.Gradient, body.ToJsonString());
        var gradient = await ReadValueAsync(response, a => a.GetProperty("gradient"));
        var components = new Dictionary<string, (Recomputed Expected, Recomputed Given)>();
        foreach (var name in variables)
        {
            var component = gradient.Known && gradient.Value is { } g ? new Recomputed(true, g.GetProperty(name).GetProperty("value")) : gradient;
            var answered = await ScalarValueAsync(client, request.GetProperty("answer").GetProperty(name).GetString()!, at);
            components[name] = (component, answered);
        }

        if (expected is { ValueKind: JsonValueKind.Object } || given is { ValueKind: JsonValueKind.Object })
        {
            foreach (var (name, (e, g)) in components)
            {
                Compare($"expectedValue.{name}", ComponentOf(expected, name), e, counterexample, failures);
                Compare($"answerValue.{name}", ComponentOf(given, name), g, counterexample, failures);
            }

            return;
        }

        // One number each: some component must be what both numbers say.
        if (!components.Values.Any(c => Matches(expected, c.Expected) && Matches(given, c.Given)))
        {
            failures.Add($"no component of the gradient has the counterexample's values {counterexample.GetRawText()} "
                + $"(recomputed: {string.Join("; ", components.Select(c => $"{c.Key}: {Show(c.Value.Expected)} vs {Show(c.Value.Given)}"))})");
        }
    }

    private static JsonElement? ComponentOf(JsonElement? value, string name) =>
        value is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var c) && c.ValueKind != JsonValueKind.Null ? c : null;

    /// <summary>A recomputed value: <see cref="Known"/> false when the API could not settle it (a precision refusal).</summary>
    private readonly record struct Recomputed(bool Known, JsonElement? Value, string? Why = null);

    private static bool Matches(JsonElement? reported, Recomputed recomputed) => !recomputed.Known || Same(reported, recomputed.Value);

    private static void Compare(string side, JsonElement? reported, Recomputed recomputed, JsonElement counterexample, List<string> failures)
    {
        if (recomputed.Why is { } why)
        {
            failures.Add($"could not recompute the counterexample's {side} ({why}): {counterexample.GetRawText()}");
        }
        else if (!Matches(reported, recomputed))
        {
            failures.Add($"the counterexample's {side} is {Show(reported)}, but the API computes {Show(recomputed.Value)} at that point: {counterexample.GetRawText()}");
        }
    }

    private static string Show(JsonElement? value) => value is { } v ? v.GetRawText() : "null (undefined)";

    private static string Show(Recomputed r) => r.Known ? Show(r.Value) : "unsettled";

    private static Task<Recomputed> DerivativeAsync(HttpClient client, JsonElement request, JsonElement at)
    {
        var body = new JsonObject
        {
            ["expression"] = request.GetProperty("expression").GetString(),
            ["variable"] = request.GetProperty("variable").GetString(),
            ["order"] = request.TryGetProperty("order", out var order) ? order.GetInt32() : 1,
            ["at"] = JsonNode.Parse(at.GetRawText()),
        };
        return PostForValueAsync(client, Routes.Differentiate, body, a => a.GetProperty("value"));
    }

    /// <summary>The value of a scalar text at the point: d/dt of t*(text), every name of the point declared (so `e` may be one).</summary>
    private static Task<Recomputed> ScalarValueAsync(HttpClient client, string text, JsonElement at)
    {
        const string t = "t_check";
        var point = (JsonObject)JsonNode.Parse(at.GetRawText())!;
        var names = point.Select(p => (JsonNode?)p.Key).Prepend(t).ToArray();
        point[t] = 1;
        var body = new JsonObject { ["expression"] = $"{t}*({text})", ["variables"] = new JsonArray(names), ["at"] = point };
        return PostForValueAsync(client, Routes.Gradient, body, a => a.GetProperty("gradient").GetProperty(t).GetProperty("value"));
    }

    private static Task<Recomputed> MatrixGradientAsync(HttpClient client, JsonElement request, JsonElement at, string wrt)
    {
        var body = new JsonObject
        {
            ["expression"] = request.GetProperty("expression").GetString(),
            ["variables"] = JsonNode.Parse(request.GetProperty("variables").GetRawText()),
            ["wrt"] = new JsonArray(wrt),
            ["at"] = JsonNode.Parse(at.GetRawText()),
        };
        return PostForValueAsync(client, Routes.MatrixGradient, body, a => a.GetProperty("gradients").GetProperty(wrt).GetProperty("value"));
    }

    /// <summary>
    /// The value of a vector or matrix text at the point, as the gradient of sum(Z .* (text)) with respect to a Z of
    /// the same form as <paramref name="like"/> (for a scalar, of t*(text) with respect to t).
    /// </summary>
    private static Task<Recomputed> MatrixValueAsync(HttpClient client, JsonElement request, JsonElement at, JsonElement? like)
    {
        const string z = "Z_check";
        var text = request.GetProperty("answer").GetString()!;
        var variables = (JsonObject)JsonNode.Parse(request.GetProperty("variables").GetRawText())!;
        var point = (JsonObject)JsonNode.Parse(at.GetRawText())!;
        string expression;
        if (like is { ValueKind: JsonValueKind.Array } array)
        {
            var matrix = array.GetArrayLength() > 0 && array[0].ValueKind == JsonValueKind.Array;
            variables[z] = matrix ? "matrix" : "vector";
            point[z] = matrix
                ? new JsonArray([.. array.EnumerateArray().Select(r => (JsonNode?)new JsonArray([.. r.EnumerateArray().Select(_ => (JsonNode?)0)]))])
                : new JsonArray([.. array.EnumerateArray().Select(_ => (JsonNode?)0)]);
            expression = $"sum({z} .* ({text}))";
        }
        else
        {
            variables[z] = "scalar";
            point[z] = 1;
            expression = $"{z}*({text})";
        }

        var body = new JsonObject { ["expression"] = expression, ["variables"] = variables, ["wrt"] = new JsonArray(z), ["at"] = point };
        return PostForValueAsync(client, Routes.MatrixGradient, body, a => a.GetProperty("gradients").GetProperty(z).GetProperty("value"));
    }

    private static async Task<Recomputed> PostForValueAsync(HttpClient client, string route, JsonObject body, Func<JsonElement, JsonElement> pick)
    {
        var response = await client.PostJsonAsync(route, body.ToJsonString());
        var read = await ReadValueAsync(response, pick);
        return read.Why is null ? read : read with { Why = $"{read.Why}; POST {route} {body.ToJsonString()}" };
    }

    /// <summary>200: the value; 422 outsideDomain: undefined there (null); 422 precision: not settled; anything else: a failure.</summary>
    private static async Task<Recomputed> ReadValueAsync(HttpResponseMessage response, Func<JsonElement, JsonElement> pick)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default;
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return new Recomputed(true, pick(body));
        }

        var kind = body.ValueKind == JsonValueKind.Object ? Text(body, "kind") : null;
        return (response.StatusCode, kind) switch
        {
            (HttpStatusCode.UnprocessableEntity, "outsideDomain") => new Recomputed(true, null),
            (HttpStatusCode.UnprocessableEntity, "precision") => new Recomputed(false, null),
            _ => new Recomputed(false, null, $"{(int)response.StatusCode}: {Calc.Shorten(text)}"),
        };
    }

    // ------------------------------------------------------------------ values

    private static JsonElement? Field(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static string? Text(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A number, or numbers nested in lists (a vector, a matrix), or an object of those (a gradient by variable).</summary>
    private static bool IsValue(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number or JsonValueKind.Null => true,
        JsonValueKind.Array => v.EnumerateArray().All(IsValue),
        JsonValueKind.Object => v.EnumerateObject().All(p => IsValue(p.Value)),
        _ => false,
    };

    /// <summary>Equal to the contract's accuracy, with room for both sides' rounding: 1e-8 relative, 1e-11 absolute.</summary>
    private static bool Same(JsonElement? a, JsonElement? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        ({ } x, { } y) => Same(x, y),
    };

    private static bool Same(JsonElement x, JsonElement y)
    {
        if (x.ValueKind == JsonValueKind.Null || y.ValueKind == JsonValueKind.Null)
        {
            return x.ValueKind == y.ValueKind;
        }

        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number)
        {
            double p = x.GetDouble(), q = y.GetDouble();
            return Math.Abs(p - q) <= Math.Max(1e-8 * Math.Max(Math.Abs(p), Math.Abs(q)), 1e-11);
        }

        if (x.ValueKind == JsonValueKind.Array && y.ValueKind == JsonValueKind.Array)
        {
            return x.GetArrayLength() == y.GetArrayLength() && x.EnumerateArray().Zip(y.EnumerateArray()).All(p => Same(p.First, p.Second));
        }

        if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object)
        {
            var names = x.EnumerateObject().Select(p => p.Name).Union(y.EnumerateObject().Select(p => p.Name));
            return names.All(n => Same(ComponentOf(x, n), ComponentOf(y, n)));
        }

        return false;
    }

    /// <summary>
    /// The two sides of a counterexample really differ: exactly one is undefined (null), or some entry differs by
    /// more than 1e-9 relative (1e-12 absolute), the accuracy every value keeps.
    /// </summary>
    private static bool Differ(JsonElement? a, JsonElement? b) => (a, b) switch
    {
        (null, null) => false,
        (null, _) or (_, null) => true,
        ({ } x, { } y) => Differ(x, y),
    };

    private static bool Differ(JsonElement x, JsonElement y)
    {
        if (x.ValueKind == JsonValueKind.Number && y.ValueKind == JsonValueKind.Number)
        {
            double p = x.GetDouble(), q = y.GetDouble();
            return Math.Abs(p - q) > Math.Max(1e-9 * Math.Max(Math.Abs(p), Math.Abs(q)), 1e-12);
        }

        if (x.ValueKind == JsonValueKind.Array && y.ValueKind == JsonValueKind.Array)
        {
            return x.GetArrayLength() != y.GetArrayLength() || x.EnumerateArray().Zip(y.EnumerateArray()).Any(p => Differ(p.First, p.Second));
        }

        if (x.ValueKind == JsonValueKind.Object && y.ValueKind == JsonValueKind.Object)
        {
            var names = x.EnumerateObject().Select(p => p.Name).Union(y.EnumerateObject().Select(p => p.Name));
            return names.Any(n => Differ(ComponentOf(x, n), ComponentOf(y, n)));
        }

        return x.ValueKind != y.ValueKind;
    }
}
