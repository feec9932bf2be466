using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>POST /api/optimize, its stream and its landscape: convergence, stop rules and errors through HTTP.</summary>
public sealed class OptimizeTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    public static TheoryData<string> OptimizeCases { get; } =
        new(GoldenCases.All.Where(c => c.Endpoint == Routes.Optimize).Select(c => c.Id));

    /// <summary>x'*M*x + a'*x with M = [[3, 0.5], [0.5, 2]], a = [1, -2]: the minimiser is -(M + M')^-1 a.</summary>
    private static string Quadratic(string method, double learningRate, string lineSearch = "none", int maxIterations = 20000) => $$"""
        { "loss": "x'*M*x + a'*x", "constants": { "M": [[3, 0.5], [0.5, 2]], "a": [1, -2] }, "initial": { "x": [0, 0] },
          "optimizer": { "method": "{{method}}", "learningRate": {{learningRate}}, "lineSearch": "{{lineSearch}}" },
          "maxIterations": {{maxIterations}}, "tolerance": 1e-10 }
        """;

    private static readonly double[] Minimiser = [-0.2608695652173913, 0.5652173913043478];

    [Theory]
    [MemberData(nameof(OptimizeCases))]
    public async Task The_lecture_optimisation_reaches_the_expected_loss_and_minimiser(string id)
    {
        var golden = GoldenCases.Get(id);
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(golden.Endpoint, golden.Request.GetRawText())).ReadOkAsync();

        Assert.True(answer.GetProperty("loss").GetDouble() <= golden.Expect.GetProperty("lossAtMost").GetDouble() + 1e-12, answer.ToString());
        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.True(answer.GetProperty("converged").GetBoolean());
        if (golden.Expect.TryGetProperty("solution", out var solution))
        {
            foreach (var variable in solution.EnumerateObject())
            {
                var actual = answer.GetProperty("solution").GetProperty(variable.Name);
                foreach (var (e, a) in variable.Value.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    Assert.True(Math.Abs(e.GetDouble() - a.GetDouble()) < 1e-6, $"{id}: {variable.Name} = {actual}, expected {variable.Value}");
                }
            }
        }
    }

    [Theory]
    [InlineData("gd", 0.1, "none")]
    [InlineData("momentum", 0.05, "none")]
    [InlineData("nesterov", 0.05, "none")]
    [InlineData("adam", 0.05, "none")]
    [InlineData("gd", 0.5, "armijo")]
    [InlineData("momentum", 0.1, "armijo")]
    [InlineData("nesterov", 0.1, "armijo")]
    [InlineData("adam", 0.1, "armijo")]
    public async Task Every_method_converges_on_a_convex_quadratic_to_its_known_minimiser(string method, double learningRate, string lineSearch)
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, Quadratic(method, learningRate, lineSearch))).ReadOkAsync();

        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.Equal(method, answer.GetProperty("method").GetString());
        var x = answer.GetProperty("solution").GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(Minimiser[0], x[0], 1e-8);
        Assert.Equal(Minimiser[1], x[1], 1e-8);
        Assert.Equal("(M + M')*x + a", answer.GetProperty("gradient").GetProperty("x").GetString());
        Assert.Equal(["x[1]", "x[2]"], answer.GetProperty("pathAxes").EnumerateArray().Select(e => e.GetString()));
        var history = answer.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(0, history[0].GetProperty("iteration").GetInt32());
        Assert.Equal(answer.GetProperty("iterations").GetInt32(), history[^1].GetProperty("iteration").GetInt32());
        Assert.Equal(2, history[0].GetProperty("position").GetArrayLength());
    }

    [Fact]
    public async Task A_learning_rate_that_is_too_large_reports_diverged_as_a_200()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, Quadratic("gd", 2.0))).ReadOkAsync();

        Assert.Equal("diverged", answer.GetProperty("stopReason").GetString());
        Assert.False(answer.GetProperty("converged").GetBoolean());
        Assert.True(answer.GetProperty("history").GetArrayLength() >= 2);
    }

    [Fact]
    public async Task A_run_that_needs_more_iterations_stops_at_max_iterations()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, Quadratic("gd", 0.001, maxIterations: 50))).ReadOkAsync();

        Assert.Equal("maxIterations", answer.GetProperty("stopReason").GetString());
        Assert.Equal(50, answer.GetProperty("iterations").GetInt32());
    }

    [Fact]
    public async Task The_time_limit_stops_a_long_run_with_time_limit()
    {
        using var client = factory.CreateClient();
        // A million steps over 2,000 unknowns: seconds of work, which the 0.2 s limit must cut short. (A two-unknown
        // Rosenbrock once served here, until its unrolled program ran a million steps inside 0.2 s.)
        var zeros = string.Join(", ", Enumerable.Repeat("0.5", 2000));
        var body = $$"""
            { "loss": "sum(sin(x).^2 + x.^4)", "initial": { "x": [{{zeros}}] }, "optimizer": { "method": "gd", "learningRate": 1e-9 },
              "maxIterations": 1000000, "tolerance": 0, "timeLimitSeconds": 0.2 }
            """;

        var answer = await (await client.PostJsonAsync(Routes.Optimize, body)).ReadOkAsync();

        Assert.Equal("timeLimit", answer.GetProperty("stopReason").GetString());
        Assert.InRange(answer.GetProperty("elapsedMilliseconds").GetDouble(), 150, 5000);
        Assert.True(answer.GetProperty("history").GetArrayLength() <= 200);
    }

    [Fact]
    public async Task An_iteration_count_over_the_servers_cap_is_a_422_naming_the_limit()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Optimize, Quadratic("gd", 0.1, maxIterations: 5_000_000))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxIterations", problem.GetProperty("limit").GetString());
        Assert.Equal(1_000_000, problem.GetProperty("max").GetInt64());
    }

    [Theory]
    [InlineData("""{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "method": "sgd" } }""", "the methods are gd, momentum, nesterov, adam, lbfgs and newton")]
    [InlineData("""{ "loss": "x^2 + y", "initial": { "x": 1 } }""", "'y'")]
    [InlineData("""{ "loss": "x^2", "constants": { "x": 1 }, "initial": { "x": 1 } }""", "both")]
    [InlineData("""{ "loss": "x^2" }""", "`initial` is required")]
    [InlineData("""{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "learningRate": -1 } }""", "learningRate")]
    [InlineData("""{ "loss": "a'*W", "initial": { "W": [[1, 2], [3, 4], [5, 6]] }, "constants": { "a": [1, 2] } }""", "a'*W: a' is 1×2 but W is 3×2")]
    [InlineData("""{ "loss": "W", "initial": { "W": [[1, 2], [3, 4]] } }""", "The expression is a 2×2 matrix")]
    public async Task A_run_that_cannot_start_is_a_422_that_says_why(string body, string message)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Optimize, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stream_delivers_iterations_in_order_and_ends_with_the_summary()
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.OptimizeStream, Quadratic("momentum", 0.05));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = ParseEvents(await response.Content.ReadAsStringAsync());
        Assert.True(events.Count >= 3, $"only {events.Count} events");
        Assert.All(events[..^1], e => Assert.Equal("iteration", e.Name));
        var iterations = events[..^1].Select(e => e.Data.GetProperty("iteration").GetInt32()).ToList();
        Assert.Equal(0, iterations[0]);
        Assert.Equal(iterations.OrderBy(i => i), iterations);
        Assert.Equal(iterations.Count, iterations.Distinct().Count());
        var summary = events[^1];
        Assert.Equal("summary", summary.Name);
        Assert.Equal("tolerance", summary.Data.GetProperty("stopReason").GetString());
        Assert.Equal(summary.Data.GetProperty("iterations").GetInt32(), iterations[^1]);
    }

    [Fact]
    public async Task A_stream_that_cannot_start_answers_a_problem_not_a_stream()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.OptimizeStream, """{ "loss": "x^", "initial": { "x": 1 } }""")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(2, problem.GetProperty("position").GetInt32());
    }

    [Fact]
    public async Task The_landscape_is_the_loss_on_a_grid_over_the_two_unknowns()
    {
        using var client = factory.CreateClient();
        const string body = """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "xRange": [-2, 2], "yRange": [-1, 3], "resolution": 3 }""";

        var answer = await (await client.PostJsonAsync(Routes.Landscape, body)).ReadOkAsync();

        Assert.Equal(["x", "y"], answer.GetProperty("axes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([-2.0, 0.0, 2.0], answer.GetProperty("xs").EnumerateArray().Select(e => e.GetDouble()));
        // values[j][i] is the loss at (xs[i], ys[j]): at (0, 1) it is 1 + 100 = 101; at (2, 3) it is 1 + 100 = 101.
        Assert.Equal(101, answer.GetProperty("values")[1][1].GetDouble());
        Assert.Equal(2509, answer.GetProperty("values")[0][0].GetDouble());
        Assert.Equal(101, answer.GetProperty("min").GetDouble());
    }

    [Fact]
    public async Task A_landscape_needs_exactly_two_unknowns()
    {
        using var client = factory.CreateClient();
        const string body = """{ "loss": "norm(w)^2", "initial": { "w": [1, 2, 3] }, "xRange": [-1, 1], "yRange": [-1, 1] }""";

        var problem = await (await client.PostJsonAsync(Routes.Landscape, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("has 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static List<(string Name, JsonElement Data)> ParseEvents(string stream)
    {
        var events = new List<(string, JsonElement)>();
        foreach (var block in stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = block.Split('\n');
            var name = lines.FirstOrDefault(l => l.StartsWith("event: ", StringComparison.Ordinal))?["event: ".Length..] ?? "message";
            var data = string.Concat(lines.Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]));
            events.Add((name, JsonDocument.Parse(data).RootElement.Clone()));
        }

        return events;
    }
}
