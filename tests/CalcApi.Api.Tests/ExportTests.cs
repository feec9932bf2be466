using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// POST /api/export (contract section 9), through HTTP: the exported NumPy file passes its own gradient check for the
/// lecture's and the Matrix Cookbook's cases, and at a fixed point returns the value and gradients /api/matrix-gradient
/// gives there (1e-9 relative); the C# file passes its check under dotnet run; bad input is a problem naming the field.
/// </summary>
public sealed class ExportTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>Debian's interpreter, for which python3-numpy is installed (.ci/run installs it where missing).</summary>
    private const string Python = "/usr/bin/python3";

    private static readonly Dictionary<string, (string Request, string At)> Bodies = new()
    {
        ["lecture-loss-aWb-c"] = Golden("lecture-loss-aWb-c"),
        ["log-det"] = Golden("log-det"),
        ["trace-AXB"] = Golden("trace-AXB"),
        ["cookbook-xTAx"] = (
            """ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": ["x", "A"] """,
            """{ "x": [0.5, -1.25, 2], "A": [[1, 2, 0.5], [-0.3, 0.7, 1.1], [0.2, -0.4, 1.5]] }"""),
        ["cookbook-least-squares"] = (
            """ "expression": "norm(A*x - b)^2", "variables": { "A": "matrix", "x": "vector", "b": "vector" }, "wrt": ["x", "A"] """,
            """{ "A": [[1, 2], [0.5, -1], [3, 0.25]], "x": [0.3, -0.7], "b": [1, 2, -1] }"""),
        ["logistic-loss"] = (
            """ "expression": "log(1 + exp(-y*w'*x))", "variables": { "w": "vector", "x": "vector", "y": "scalar" }, "wrt": ["w"] """,
            """{ "w": [0.4, -1.2, 0.9], "x": [1.5, 0.2, -0.8], "y": -1 }"""),
    };

    /// <summary>The cases by name: the request's body without `language`, and a point (the golden case's own where there is one).</summary>
    public static TheoryData<string> Cases { get; } = new(Bodies.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_numpy_file_passes_its_gradient_check(string name)
    {
        var code = await ExportAsync(name, "numpy", "gradient.py");

        var run = RunInTemporaryDirectory("gradient.py", code, Python, "gradient.py");

        Assert.True(run.ExitCode == 0, $"{run}\n{code}");
        Assert.Equal("gradient check passed", LastLine(run.Output));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_numpy_function_gives_the_values_of_the_matrix_gradient_endpoint(string name)
    {
        var (request, at) = Bodies[name];
        var code = await ExportAsync(name, "numpy", "gradient.py");
        using var client = factory.CreateClient();
        var expected = await (await client.PostJsonAsync(Routes.MatrixGradient, $$"""{ {{request}}, "at": {{at}} }""")).ReadOkAsync();

        var run = RunInTemporaryDirectory("gradient.py", code, Python, "-c", $$$"""
            import json, gradient
            value, gradients = gradient.value_and_gradients(json.loads('{{{at}}}'))
            print(json.dumps({"value": float(value), "gradients": {k: g.tolist() for k, g in gradients.items()}}))
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        var actual = JsonDocument.Parse(LastLine(run.Output)).RootElement;
        AssertClose(expected.GetProperty("value").GetDouble(), actual.GetProperty("value").GetDouble(), $"{name}: f");
        foreach (var gradient in expected.GetProperty("gradients").EnumerateObject())
        {
            AssertSame(gradient.Value.GetProperty("value"), actual.GetProperty("gradients").GetProperty(gradient.Name), $"{name}: df/d{gradient.Name}");
        }
    }

    /// <summary>dotnet run of a new file builds it first: 1-5 s here once the SDK is warm, about 19 s the first time.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_csharp_file_passes_its_gradient_check_under_dotnet_run(string name)
    {
        var code = await ExportAsync(name, "csharp", "gradient.cs");

        var run = RunInTemporaryDirectory("gradient.cs", code, "dotnet", "run", "gradient.cs");

        Assert.True(run.ExitCode == 0, $"{run}\n{code}");
        Assert.Equal("gradient check passed", LastLine(run.Output));
    }

    [Fact]
    public async Task An_unknown_language_is_a_problem_naming_the_field_and_the_languages()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.Export, """{ "expression": "x^2", "language": "fortran" }""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("language", problem.GetProperty("field").GetString());
        Assert.Contains("numpy, pytorch, csharp", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "expression": "x^2", "language": 3 }""", "language")]
    [InlineData("""{ "expression": "x^2", "wrt": 3 }""", "wrt")]
    [InlineData("""{ "language": "numpy" }""", "expression")]
    public async Task A_field_of_the_wrong_type_or_missing_is_a_400_naming_it(string body, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.Export, body);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity, $"{(int)response.StatusCode}");
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "expression": "(a'*W*b - c", "variables": { "a": "vector", "W": "matrix", "b": "vector" } }""", HttpStatusCode.BadRequest, "syntax")]
    [InlineData("""{ "expression": "W*b", "variables": { "W": "matrix", "b": "vector" } }""", HttpStatusCode.UnprocessableEntity, "semantic")]
    [InlineData("""{ "expression": "x^2", "wrt": ["y"] }""", HttpStatusCode.UnprocessableEntity, "invalidArgument")]
    [InlineData("""{ "expression": "sum(ones(n, 3)*x)", "variables": { "x": "vector" } }""", HttpStatusCode.UnprocessableEntity, "unsupported")]
    public async Task An_expression_that_cannot_be_exported_is_a_problem_of_its_kind(string body, HttpStatusCode status, string kind)
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.Export, body);

        var problem = await response.ReadProblemAsync(status);
        Assert.Equal(kind, problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_language_defaults_to_numpy()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Export, """{ "expression": "x'*x", "variables": { "x": "vector" } }""")).ReadOkAsync();

        Assert.Equal("numpy", answer.GetProperty("language").GetString());
        Assert.Equal(["x"], answer.GetProperty("wrt").EnumerateArray().Select(w => w.GetString()));
        Assert.Contains("def value_and_gradients(values):", answer.GetProperty("code").GetString(), StringComparison.Ordinal);
    }

    private static (string Request, string At) Golden(string id)
    {
        var golden = GoldenCases.Get(id).Request;
        var request = string.Join(", ", golden.EnumerateObject().Where(p => p.Name != "at").Select(p => $"\"{p.Name}\": {p.Value.GetRawText()}"));
        return (request, golden.GetProperty("at").GetRawText());
    }

    private async Task<string> ExportAsync(string name, string language, string filename)
    {
        using var client = factory.CreateClient();
        var answer = await (await client.PostJsonAsync(Routes.Export, $$"""{ {{Bodies[name].Request}}, "language": "{{language}}" }""")).ReadOkAsync();
        Assert.Equal(language, answer.GetProperty("language").GetString());
        Assert.Equal(filename, answer.GetProperty("filename").GetString());
        return answer.GetProperty("code").GetString()!;
    }

    /// <summary>Equal within 1e-9 relative (1e-12 absolute near zero), the contract's precision for values.</summary>
    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Max(1e-12, 1e-9 * Math.Abs(expected)), $"{what}: the API gives {expected:R}, the exported code {actual:R}");

    private static void AssertSame(JsonElement expected, JsonElement actual, string what)
    {
        if (expected.ValueKind == JsonValueKind.Array)
        {
            Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
            foreach (var (e, a, i) in expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((p, i) => (p.First, p.Second, i)))
            {
                AssertSame(e, a, $"{what}[{i}]");
            }

            return;
        }

        AssertClose(expected.GetDouble(), actual.GetDouble(), what);
    }

    private static string LastLine(string output) => output.TrimEnd().Split('\n')[^1];

    private sealed record Run(int ExitCode, string Output, string Errors)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
    }

    /// <summary>Saves the file in a fresh directory outside the repository (whose build settings must not apply) and runs the program there.</summary>
    private static Run RunInTemporaryDirectory(string file, string code, string program, params string[] arguments)
    {
        var directory = Directory.CreateTempSubdirectory("calcapi-export-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, file), code);
            var start = new ProcessStartInfo(program) { WorkingDirectory = directory.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(4)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within 4 minutes.");
            }

            return new Run(process.ExitCode, output.Result, errors.Result);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
