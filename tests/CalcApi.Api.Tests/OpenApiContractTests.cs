using System.Text.Json;
using System.Text.RegularExpressions;
using CalcApi.Api.Endpoints;
using CalcApi.Api.OpenApi;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// What a client generated from the document relies on: the answers the server really gives fit the schema the
/// document declares for their status, the closed sets are the server's, and every status it can answer is there.
/// </summary>
public sealed partial class OpenApiContractTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>Requests chosen to reach the corners of the schemas: nulls, size names, long-form declarations, every problem extension.</summary>
    public static TheoryData<string, string, string, int> Answers { get; } = new()
    {
        { Routes.Differentiate, """{ "expression": "log(x)", "at": { "x": 2 } }""", "application/json", 200 },
        { Routes.Gradient, """{ "expression": "x*y", "at": { "x": 1, "y": 2 } }""", "application/json", 200 },
        { Routes.Hessian, """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1, "y": 2 } }""", "application/json", 200 },
        { Routes.Hessian, """{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "x", "at": { "x": [1, 2], "A": [[1, 2], [3, 4]] } }""", "application/json", 200 },
        { Routes.Jacobian, """{ "expression": "sigmoid(W*x)", "variables": { "W": "matrix", "x": "vector" }, "wrt": "x", "at": { "W": [[1, 0], [0, 1], [1, 1]], "x": [0.5, -0.5] } }""", "application/json", 200 },
        { Routes.Jacobian, """{ "expressions": ["x*y", "x + y"], "variables": ["x", "y"] }""", "application/json", 200 },
        { Routes.Differentiate, """{ "expression": "y*sum(a)", "variable": "y", "at": { "a": [1, 2], "y": 1 } }""", "application/json", 200 },
        { Routes.MatrixGradient, """{ "expression": "tr(W) + x'*S*x", "variables": { "W": { "kind": "matrix", "rows": "n", "cols": "n" }, "S": { "shape": [2, 2], "symmetric": true }, "x": "vector" } }""", "application/json", 200 },
        { Routes.MatrixGradient, """{ "expression": "a'*b", "wrt": "a", "at": { "a": [1], "b": [2] } }""", "application/json", 200 },
        { Routes.Check, """{ "task": "equivalent", "expected": "log(x^2)", "answer": "2*log(x)" }""", "application/json", 200 },
        { Routes.Check, """{ "task": "matrix-gradient", "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": ["x"], "answer": "A*x" }""", "application/json", 200 },
        { Routes.Optimize, """{ "loss": "x^4", "initial": { "x": 3 }, "optimizer": { "method": "gd", "learningRate": 10 }, "maxIterations": 50 }""", "application/json", 200 },
        { Routes.Optimize, """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "adam", "learningRate": 0.02, "lineSearch": "armijo" }, "maxIterations": 20 }""", "application/json", 200 },
        { Routes.Optimize, """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "lbfgs", "memory": 5 } }""", "application/json", 200 },
        { Routes.Optimize, """{ "loss": "x - log(x)", "initial": { "x": 10 }, "optimizer": { "method": "gd", "learningRate": 6 } }""", "application/json", 200 },
        { Routes.Landscape, """{ "loss": "x^2 + y^2", "initial": { "x": 1, "y": 1 }, "xRange": [-1, 1], "yRange": [-1, 1], "resolution": 2 }""", "application/json", 200 },
        { Routes.Differentiate, "{}", "application/json", 400 },
        { Routes.Differentiate, """{ "expression": "x", "form": "latex" }""", "application/json", 400 },
        { Routes.Differentiate, """{ "expression": "x", "order": "2" }""", "application/json", 400 },
        { Routes.Differentiate, """{ "expression": "x" """, "application/json", 400 },
        { Routes.Differentiate, """{ "expression": "x^2" }""", "text/plain", 415 },
        { Routes.Differentiate, """{ "expression": "x^2", "order": 1000 }""", "application/json", 422 },
        { Routes.Differentiate, """{ "expression": "log(x)", "at": { "x": -1 } }""", "application/json", 422 },
        { Routes.Check, """{ "task": "differentiate", "expression": "x^2", "answer": "2*x", "order": 0 }""", "application/json", 422 },
        { Routes.Check, """{ "task": "integrate", "expression": "x^2", "answer": "x^3/3" }""", "application/json", 422 },
        { Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "lineSearch": "wolfe" } }""", "application/json", 422 },
        { Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "method": "lbfgs", "memory": 0 } }""", "application/json", 422 },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task The_answer_fits_the_schema_documented_for_its_status(string route, string body, string contentType, int status)
    {
        var document = await ServedDocument.FetchAsync(factory);
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(route, body, contentType);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {Calc.Shorten(text)}");
        var mediaType = response.Content.Headers.ContentType!.MediaType!;
        var schema = document.GetProperty("paths").GetProperty(route).GetProperty("post").GetProperty("responses")
            .GetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("content").GetProperty(mediaType).GetProperty("schema");
        var errors = new OpenApiSchemaValidator(document).Errors(JsonDocument.Parse(text).RootElement, schema);
        Assert.True(errors.Count == 0, $"{Calc.Shorten(text)}\n{string.Join("\n", errors)}");
    }

    [Fact]
    public async Task Every_operation_documents_the_problems_the_framework_answers_before_it_runs()
    {
        var document = await ServedDocument.FetchAsync(factory);

        foreach (var (path, method, operation) in ServedDocument.Operations(document))
        {
            var responses = operation.GetProperty("responses");
            var expected = (method == "post" ? new[] { "400", "413", "415", "422", "503" } : []).Concat(path.StartsWith("/api/", StringComparison.Ordinal) ? ["429"] : []);
            foreach (var status in expected)
            {
                Assert.True(responses.TryGetProperty(status, out var problem), $"{method} {path} does not document {status}");
                Assert.Equal("#/components/schemas/ProblemDetails",
                    problem.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
                Assert.Contains("`", problem.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Contains("405", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_problem_schema_lists_the_extensions_the_server_writes()
    {
        var problem = (await ServedDocument.FetchAsync(factory)).GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");

        var properties = problem.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "type", "title", "status", "detail", "kind", "position", "expression", "limit", "max", "field", "errors", "retryAfterSeconds", "traceId" }, properties);
        Assert.Equal(["syntax", "semantic", "invalidArgument", "outsideDomain", "limitExceeded", "unsupported", "precision"], Enum(problem, "kind"));
    }

    [Fact]
    public async Task The_closed_sets_are_enums_with_the_servers_words()
    {
        var schemas = (await ServedDocument.FetchAsync(factory)).GetProperty("components").GetProperty("schemas");

        Assert.Equal(["gd", "momentum", "nesterov", "adam", "lbfgs", "newton"], Enum(schemas.GetProperty("OptimizerRequest"), "method"));
        Assert.Equal(["none", "armijo"], Enum(schemas.GetProperty("OptimizerRequest"), "lineSearch"));
        Assert.Equal(["tolerance", "maxIterations", "diverged", "timeLimit", "outsideDomain"], Enum(schemas.GetProperty("OptimizeResponse"), "stopReason"));
        Assert.Equal(["equivalent", "notEquivalent", "invalid"], Enum(schemas.GetProperty("CheckResponse"), "verdict"));
        Assert.Equal(["symbolic", "numeric"], Enum(schemas.GetProperty("CheckedComponentResponse"), "decidedBy"));
        Assert.Equal(["differentiate", "gradient", "matrix-gradient", "equivalent"], Enum(schemas.GetProperty("CheckRequest"), "task"));
        Assert.Equal(["scalar", "vector", "matrix"], Enum(schemas.GetProperty("MatrixGradientComponentResponse"), "kind"));
        Assert.Equal(ContractVocabulary.DiagnosisCodes, Enum(schemas.GetProperty("DiagnosisResponse"), "code"));
    }

    /// <summary>
    /// The engine keeps its diagnosis codes as string literals beside their rules (a code is offered with
    /// <c>Offer("code", …)</c>, added as <c>new("code", …)</c>, paired with its wording, or named by a slip's <c>=&gt; "code"</c>); the document's
    /// enum must list every one of them, or a generated client would refuse a real answer.
    /// </summary>
    [Fact]
    public void The_diagnosis_codes_are_the_ones_the_engine_writes()
    {
        var checking = Path.Combine(RepositoryRoot(), "domain", "Checking");
        var sources = Directory.GetFiles(checking, "*.cs").Append(Path.Combine(RepositoryRoot(), "domain", "Engine", "Calculus.Check.cs"))
            .Select(File.ReadAllText);

        var written = sources.SelectMany(s => CodeLiteral().Matches(s)).Select(m => m.Groups["code"].Value).ToHashSet();

        Assert.True(written.Count >= 20, $"Only {written.Count} codes found in the engine's sources: {string.Join(", ", written)}");
        Assert.Equal(written.Order(StringComparer.Ordinal), ContractVocabulary.DiagnosisCodes.Order(StringComparer.Ordinal));
    }

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CalcApi.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No CalcApi.sln above {AppContext.BaseDirectory}.");
    }

    private static List<string> Enum(JsonElement schema, string property) =>
        [.. schema.GetProperty("properties").GetProperty(property).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    [GeneratedRegex("""(?:Offer\((?:square \? )?|findings\.Add\(new\(|CheckFinding\(|Slip\.\w+ => )"(?<code>[a-z][a-zA-Z]+)"|\("(?<code>[a-z][a-zA-Z]+)", MatrixWording""")]
    private static partial Regex CodeLiteral();
}
