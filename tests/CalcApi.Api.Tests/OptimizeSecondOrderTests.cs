using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>POST /api/optimize after contract section 8: lbfgs and its memory, diagnostics on every answer, and runs that leave the loss's domain.</summary>
public sealed class OptimizeSecondOrderTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private const string Rosenbrock = """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "lbfgs" }, "tolerance": 1e-8 }""";

    [Fact]
    public async Task Lbfgs_solves_rosenbrock_from_the_classic_start_in_under_60_iterations()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, Rosenbrock)).ReadOkAsync();

        Assert.Equal("lbfgs", answer.GetProperty("method").GetString());
        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.InRange(answer.GetProperty("iterations").GetInt32(), 1, 59);
        Assert.Equal(1.0, answer.GetProperty("solution").GetProperty("x").GetDouble(), 1e-6);
        Assert.Equal(1.0, answer.GetProperty("solution").GetProperty("y").GetDouble(), 1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(101)]
    public async Task A_memory_out_of_range_is_a_422_naming_the_field(int memory)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Optimize, $$"""{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "method": "lbfgs", "memory": {{memory}} } }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("optimizer.memory", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"ten\"")]
    [InlineData("2.5")]
    public async Task A_memory_that_is_not_a_whole_number_is_a_400_naming_the_field(string memory)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Optimize, $$"""{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "method": "lbfgs", "memory": {{memory}} } }"""))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("optimizer.memory", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_carries_diagnostics_that_warn_of_a_learning_rate_above_2_over_l()
    {
        using var client = factory.CreateClient();

        // x'*M*x + a'*x: the Hessian is 2M, L = 5 + √2, so 2/L ≈ 0.3118; 0.35 is above it.
        var answer = await (await client.PostJsonAsync(Routes.Optimize,
            """{ "loss": "x'*M*x + a'*x", "constants": { "M": [[3, 0.5], [0.5, 2]], "a": [1, -2] }, "initial": { "x": [0, 0] }, "optimizer": { "method": "gd", "learningRate": 0.35 } }"""))
            .ReadOkAsync();

        var diagnostics = answer.GetProperty("diagnostics");
        Assert.Equal(5 + Math.Sqrt(2), diagnostics.GetProperty("lipschitz").GetDouble(), 1e-9);
        Assert.Equal(2 / (5 + Math.Sqrt(2)), diagnostics.GetProperty("stableStepBound").GetDouble(), 1e-9);
        Assert.False(diagnostics.GetProperty("estimated").GetBoolean());
        Assert.Contains(diagnostics.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Learning rate 0.35 is above 2/L = 0.3118", StringComparison.Ordinal));
        Assert.Equal("diverged", answer.GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task The_stream_s_summary_carries_the_diagnostics_too()
    {
        using var client = factory.CreateClient();

        var body = await (await client.PostJsonAsync(Routes.OptimizeStream, """{ "loss": "x^2 - y^2", "initial": { "x": 1, "y": 1 }, "maxIterations": 3 }""")).Content.ReadAsStringAsync();

        var summary = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Single(f => f.StartsWith("event: summary", StringComparison.Ordinal));
        var data = JsonDocument.Parse(summary.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]).RootElement;
        var diagnostics = data.GetProperty("diagnostics");
        Assert.Equal(-2, diagnostics.GetProperty("strongConvexity").GetDouble(), 1e-9);
        Assert.Equal(JsonValueKind.Null, diagnostics.TryGetProperty("conditionNumber", out var kappa) ? kappa.ValueKind : JsonValueKind.Null);
        Assert.Contains(diagnostics.GetProperty("notes").EnumerateArray(), n => n.GetString()!.StartsWith("Not convex here", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_step_out_of_the_domain_is_a_200_with_the_last_defined_iterate()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, """{ "loss": "x - log(x)", "initial": { "x": 10 }, "optimizer": { "method": "gd", "learningRate": 6 } }""")).ReadOkAsync();

        Assert.Equal("outsideDomain", answer.GetProperty("stopReason").GetString());
        Assert.False(answer.GetProperty("converged").GetBoolean());
        Assert.Equal(4.6, answer.GetProperty("solution").GetProperty("x").GetDouble(), 1e-12);
        Assert.Equal(4.6 - Math.Log(4.6), answer.GetProperty("loss").GetDouble(), 1e-12);
    }

    [Fact]
    public async Task A_loss_undefined_at_initial_stays_a_422()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Optimize, """{ "loss": "x - log(x)", "initial": { "x": -1 }, "optimizer": { "method": "lbfgs" } }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
    }
}
