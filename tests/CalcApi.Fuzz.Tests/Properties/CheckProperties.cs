using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CalcApi.Api.Endpoints;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace CalcApi.Fuzz.Tests.Properties;

/// <summary>
/// Issue 12, the equivalence property of POST /api/check (contract section 7), over the benchmark corpus
/// (bench/data/scalar-corpus.jsonl) and the generators' scalar and matrix expressions:
/// (a) the engine's own derivative (or matrix gradient), checked as an answer, is `equivalent`;
/// (b) so is a rearrangement of it (<see cref="Rearrange.Rewrite"/>: terms and scalar factors reordered, a product
///     distributed, a common factor pulled out, a - b as -(b - a), 0.5*(2*(…)));
/// (c) a perturbed derivative (one number constant times 1.5, or a constant added) is `notEquivalent`, with a
///     counterexample whose values differ (by exactly the constant added, for that perturbation).
/// The lines of a derivative's steps (contract section 6) belong here too, each `equivalent` to the derivative;
/// /api/differentiate has no steps yet, so that part waits for them.
/// In `dotnet test` the cases are one fixed list (deterministic, about 300); CALCAPI_CHECK_EXPLORE=1 draws random
/// cases for 8 s (times CALCAPI_FUZZ_SCALE) instead.
/// </summary>
public class CheckProperties(FuzzApiFactory factory, ITestOutputHelper output) : IClassFixture<FuzzApiFactory>
{
    private const string CheckRoute = "/api/check";

    private static readonly bool Explore = Environment.GetEnvironmentVariable("CALCAPI_CHECK_EXPLORE") == "1";

    /// <summary>Printed derivatives longer than this are left out: the property is about judging, not about size limits.</summary>
    private const int MaxAnswerLength = 4_000;

    /// <summary>The typed generator's declarations: a and b of length 3, W 3×3 (ExpressionGen.N), c and x scalars.</summary>
    private static readonly string TypedVariables =
        $$"""{ "a": { "shape": [{{ExpressionGen.N}}] }, "b": { "shape": [{{ExpressionGen.N}}] }, "W": { "shape": [{{ExpressionGen.N}}, {{ExpressionGen.N}}] }, "c": "scalar", "x": "scalar" }""";

    private static readonly string[] MatrixWrt = ["a", "b", "W"];

    /// <summary>One case: a scalar derivative (Variable) or a matrix gradient (Wrt), and the seed of its rewrites.</summary>
    public sealed record CheckCase(string Expression, string? Variable, string? Wrt, int Seed)
    {
        public override string ToString() => Variable is not null ? $"d/d{Variable} \"{Expression}\" (seed {Seed})" : $"∂/∂{Wrt} \"{Expression}\" (seed {Seed})";
    }

    private static Gen<CheckCase> ScalarCases { get; } =
        Gen.Select(ExpressionGen.Smooth(3), Gen.Frequency((3, Gen.Const("x")), (1, Gen.Const("y"))), Gen.Int, (e, v, s) => new CheckCase(e, v, null, s));

    private static Gen<CheckCase> MatrixCases { get; } =
        Gen.Select(ExpressionGen.Typed(2), Gen.OneOf(MatrixWrt), Gen.Int, (e, w, s) => new CheckCase(e, null, w, s));

    /// <summary>The corpus's textbook cases and the small ones of each scaling family (n ≤ 8).</summary>
    public static IReadOnlyList<CheckCase> CorpusCases { get; } = LoadCorpus();

    private static List<CheckCase> LoadCorpus()
    {
        var cases = new List<CheckCase>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "scalar-corpus.jsonl")).Where(l => l.Trim().Length > 0))
        {
            var c = JsonDocument.Parse(line).RootElement;
            var id = c.GetProperty("id").GetString()!;
            var n = id.StartsWith("sc-", StringComparison.Ordinal) ? int.Parse(id[(id.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture) : 0;
            if (n <= 8)
            {
                // The rewrites' seed: the case's place in the file (a string's hash code changes from run to run).
                cases.Add(new CheckCase(c.GetProperty("expression").GetString()!, c.GetProperty("variable").GetString()!, null, (cases.Count * 7919) + 17));
            }
        }

        return cases;
    }

    [Fact]
    public async Task The_engines_own_derivative_and_its_rearrangements_are_equivalent_and_a_perturbed_one_is_not()
    {
        var tally = new CheckTally();
        using var client = factory.CreateClient();
        if (Explore)
        {
            await Gen.Frequency((3, ScalarCases), (1, MatrixCases)).SampleAsync(c => CheckAsync(client, c, tally),
                writeLine: output.WriteLine, time: Harness.Seconds(8), threads: Harness.Threads, print: c => c.ToString());
        }
        else
        {
            // The corpus, then one fixed list of generated cases (one seed pins it): about 300 in all.
            var generated = Check.Single(Gen.Select(ScalarCases.Array[140], MatrixCases.Array[60], (s, m) => s.Concat(m).ToArray()), _ => true, "b4Gs3EguZsz3");
            foreach (var c in CorpusCases.Concat(generated))
            {
                try
                {
                    await CheckAsync(client, c, tally);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new Xunit.Sdk.XunitException($"{c}\n---- {ex.Message}");
                }
            }
        }

        output.WriteLine(tally.ToString());
        Assert.True(tally.JudgedCount >= (Explore ? 1 : 150), $"the property judged too few cases: {tally}");
        Assert.True(tally.UndecidedCount <= 0.05 * (tally.JudgedCount + tally.UndecidedCount), $"too many checks could not decide: {tally}");
    }

    /// <summary>The three checks of one case; a case whose derivative the engine refuses (a limit, a domain) is skipped.</summary>
    private static async Task CheckAsync(HttpClient client, CheckCase c, CheckTally tally)
    {
        var random = new Random(c.Seed);
        var (derivative, shape) = await DerivativeAsync(client, c);
        if (derivative is null || derivative.Length > MaxAnswerLength || KnownBugs.BareIdentityPrinted(derivative))
        {
            tally.Skipped();
            return;
        }

        // (a) the engine's own answer
        var own = await CheckAsync(client, c, derivative);
        if (Verdict(own) == "undecided")
        {
            tally.Undecided();
            return;
        }

        Assert.True(Verdict(own) == "equivalent", $"the engine's own derivative \"{derivative}\" is judged {Verdict(own)}: {Show(own)}");

        // (b) a rearrangement of it
        var rearranged = Rearrange.Rewrite(derivative, scalar: c.Variable is not null, random);
        var judged = await CheckAsync(client, c, rearranged);
        Assert.True(Verdict(judged) == "equivalent", $"\"{rearranged}\", a rearrangement of the derivative \"{derivative}\", is judged {Verdict(judged)}: {Show(judged)}");

        // (c) a perturbed one
        const double added = 0.125;
        var scaled = c.Variable is not null && random.Next(3) > 0 ? Rearrange.ScaleOneConstant(derivative, random) : null;
        var perturbed = scaled ?? Rearrange.AddConstant(derivative, added.ToString(CultureInfo.InvariantCulture), shape);
        var wrong = await CheckAsync(client, c, perturbed);
        if (scaled is not null && Verdict(wrong) == "equivalent" && !await DifferAnywhereAsync(client, c, derivative, scaled))
        {
            // The constant changed nothing the numbers can see (a 2 in 2*0 …): not a wrong answer after all.
            tally.HarmlessPerturbation();
            tally.Judged();
            return;
        }

        Assert.True(Verdict(wrong) == "notEquivalent", $"\"{perturbed}\", the derivative \"{derivative}\" perturbed, is judged {Verdict(wrong)}: {Show(wrong)}");
        var counterexample = wrong.TryGetProperty("counterexample", out var ce) && ce.ValueKind == JsonValueKind.Object
            ? ce
            : throw new Xunit.Sdk.XunitException($"notEquivalent without a counterexample: {Show(wrong)}");
        var expected = Field(counterexample, "expectedValue");
        var answered = Field(counterexample, "answerValue");
        Assert.True(counterexample.TryGetProperty("at", out var at) && at.ValueKind == JsonValueKind.Object, $"a counterexample without a point: {Show(wrong)}");
        if (scaled is null && expected is { } e && answered is { } a)
        {
            // Added: every entry of the answer's value is the expected one plus the constant.
            var pairs = Entries(e).Zip(Entries(a)).ToList();
            Assert.True(pairs.Count > 0 && pairs.All(p => Math.Abs(p.Second - p.First - added) <= 1e-8 * Math.Max(1, Math.Abs(p.First))),
                $"the counterexample of \"{perturbed}\" should differ by {added} in every entry: {counterexample.GetRawText()}");
        }
        else
        {
            Assert.True(Differ(expected, answered), $"the counterexample's values do not differ: {counterexample.GetRawText()}");
        }

        tally.Judged();
    }

    private static async Task<(string? Text, (int, int)? Shape)> DerivativeAsync(HttpClient client, CheckCase c)
    {
        if (c.Variable is { } variable)
        {
            var body = new JsonObject { ["expression"] = c.Expression, ["variable"] = variable };
            var answer = await PostAsync(client, Routes.Differentiate, body);
            return (answer?.GetProperty("derivative").GetString(), null);
        }

        var request = new JsonObject { ["expression"] = c.Expression, ["variables"] = JsonNode.Parse(TypedVariables), ["wrt"] = new JsonArray(c.Wrt) };
        var gradient = (await PostAsync(client, Routes.MatrixGradient, request))?.GetProperty("gradients").GetProperty(c.Wrt!);
        return (gradient?.GetProperty("expression").GetString(), c.Wrt == "W" ? (ExpressionGen.N, ExpressionGen.N) : (ExpressionGen.N, 1));
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, CheckCase c, string answer)
    {
        var body = c.Variable is { } variable
            ? new JsonObject { ["task"] = "differentiate", ["expression"] = c.Expression, ["variable"] = variable, ["answer"] = answer }
            : new JsonObject { ["task"] = "matrix-gradient", ["expression"] = c.Expression, ["variables"] = JsonNode.Parse(TypedVariables), ["wrt"] = c.Wrt, ["answer"] = answer };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(CheckRoute, content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.UnprocessableEntity && JsonDocument.Parse(text).RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "precision")
        {
            // "Cannot decide": too few points inside both domains (a narrow one, atanh(acosh(x)) on 1 <= x < 1.54) were
            // found to judge. A refusal, not a verdict: counted, and bounded below.
            return JsonDocument.Parse("""{ "verdict": "undecided" }""").RootElement.Clone();
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST {CheckRoute} {body.ToJsonString()} answered {(int)response.StatusCode}: {HttpChecks.Shorten(text)}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>200's body, or null for a refusal (a limit, a point outside the domain).</summary>
    private static async Task<JsonElement?> PostAsync(HttpClient client, string route, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(route, content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>
    /// Whether two scalar texts differ by more than 1e-6 (relative) at one of a few points, evaluated by the engine
    /// (as d/dt of t*(text)): a scaled constant the checker calls equivalent must really change nothing.
    /// </summary>
    private static async Task<bool> DifferAnywhereAsync(HttpClient client, CheckCase c, string first, string second)
    {
        foreach (var (x, y) in new[] { (0.3, 0.4), (0.7, -0.9), (1.3, 1.1), (-0.6, 0.25), (2.1, -1.7), (-1.4, 2.2) })
        {
            var p = await ValueAsync(client, first, x, y);
            var q = await ValueAsync(client, second, x, y);
            if (p is { } u && q is { } v && Math.Abs(u - v) > 1e-6 * Math.Max(1, Math.Max(Math.Abs(u), Math.Abs(v))))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<double?> ValueAsync(HttpClient client, string text, double x, double y)
    {
        var body = new JsonObject
        {
            ["expression"] = $"t_check*({text})",
            ["variables"] = new JsonArray("t_check", "x", "y"),
            ["at"] = new JsonObject { ["t_check"] = 1, ["x"] = x, ["y"] = y },
        };
        var answer = await PostAsync(client, Routes.Gradient, body);
        return answer?.GetProperty("gradient").GetProperty("t_check").GetProperty("value").GetDouble();
    }

    private static string? Verdict(JsonElement answer) =>
        answer.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Show(JsonElement answer) => HttpChecks.Shorten(answer.GetRawText());

    private static JsonElement? Field(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    private static IEnumerable<double> Entries(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => [v.GetDouble()],
        JsonValueKind.Array => v.EnumerateArray().SelectMany(Entries),
        _ => [double.NaN],
    };

    /// <summary>Exactly one side undefined, or some entry apart by more than 1e-9 relative (1e-12 absolute).</summary>
    private static bool Differ(JsonElement? a, JsonElement? b) => (a, b) switch
    {
        (null, null) => false,
        (null, _) or (_, null) => true,
        ({ } x, { } y) => Entries(x).Count() != Entries(y).Count()
            || Entries(x).Zip(Entries(y)).Any(p => !(Math.Abs(p.First - p.Second) <= Math.Max(1e-9 * Math.Max(Math.Abs(p.First), Math.Abs(p.Second)), 1e-12))),
    };
}

/// <summary>How the cases of <see cref="CheckProperties"/> went.</summary>
public sealed class CheckTally
{
    private long _judged, _skipped, _harmless, _undecided;

    public void Undecided() => Interlocked.Increment(ref _undecided);

    public long UndecidedCount => Interlocked.Read(ref _undecided);

    public long Judged() => Interlocked.Increment(ref _judged);

    public long JudgedCount => Interlocked.Read(ref _judged);

    public void Skipped() => Interlocked.Increment(ref _skipped);

    public void HarmlessPerturbation() => Interlocked.Increment(ref _harmless);

    public override string ToString() =>
        $"{_judged} cases judged (own derivative, a rearrangement, a perturbation each; {_harmless} perturbations changed nothing and were let pass), "
        + $"{_skipped} skipped (the engine refused the derivative, or it is too long or prints a bare I), "
        + $"{_undecided} undecided (too few points inside both domains: the check answered 422 precision)";
}
