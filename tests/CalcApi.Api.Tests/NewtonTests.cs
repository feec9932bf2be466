using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>POST /api/optimize with method newton (contract section 8), and the predicted and observed rates of a fixed-step run on a quadratic.</summary>
public sealed class NewtonTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static IEnumerable<string> Notes(JsonElement answer) =>
        answer.GetProperty("diagnostics").GetProperty("notes").EnumerateArray().Select(n => n.GetString()!);

    [Fact]
    public async Task Newton_solves_a_convex_quadratic_in_one_iteration()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, """
            { "loss": "x'*M*x + a'*x", "constants": { "M": [[3, 0.5], [0.5, 2]], "a": [1, -2] }, "initial": { "x": [4, -5] },
              "optimizer": { "method": "newton" }, "tolerance": 1e-10 }
            """)).ReadOkAsync();

        Assert.Equal("newton", answer.GetProperty("method").GetString());
        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.Equal(1, answer.GetProperty("iterations").GetInt32());
        var x = answer.GetProperty("solution").GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(-0.2608695652173913, x[0], 1e-12);
        Assert.Equal(0.5652173913043478, x[1], 1e-12);
        Assert.Contains(Notes(answer), n => n.Contains("Newton's Hessian is exact: the closed form", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Newton_solves_rosenbrock_from_the_classic_start_in_under_30_iterations_and_says_which_steps_were_damped()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize,
            """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "newton" }, "tolerance": 1e-8 }""")).ReadOkAsync();

        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.InRange(answer.GetProperty("iterations").GetInt32(), 2, 29);
        Assert.Equal(1.0, answer.GetProperty("solution").GetProperty("x").GetDouble(), 1e-6);
        Assert.Contains(Notes(answer), n => n.StartsWith("The Armijo search shortened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_singular_hessian_is_a_200_whose_notes_say_newton_fell_back()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize,
            """{ "loss": "(x - y)^2", "initial": { "x": 2, "y": -1 }, "optimizer": { "method": "newton" } }""")).ReadOkAsync();

        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.Contains(Notes(answer), n => n.Contains("singular", StringComparison.Ordinal) && n.Contains("fell back", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hessian_past_maxMatrixEntries_is_a_422_naming_the_limit()
    {
        using var client = factory.CreateClient();
        var x = string.Join(", ", Enumerable.Repeat("1", 501));

        var problem = await (await client.PostJsonAsync(Routes.Optimize,
            $$"""{ "loss": "x'*x", "initial": { "x": [{{x}}] }, "optimizer": { "method": "newton" } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("limitExceeded", problem.GetProperty("kind").GetString());
        Assert.Equal("maxMatrixEntries", problem.GetProperty("limit").GetString());
        Assert.Contains("501×501", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fixed_step_gd_run_on_a_quadratic_shows_the_predicted_rate_next_to_the_observed_one()
    {
        using var client = factory.CreateClient();

        // L = 5 + √2, μ = 5 − √2; with η = 0.1 the rate is max(|1 − ηL|, |1 − ημ|) = 1 − 0.1μ ≈ 0.6414.
        var answer = await (await client.PostJsonAsync(Routes.Optimize, """
            { "loss": "x'*M*x + a'*x", "constants": { "M": [[3, 0.5], [0.5, 2]], "a": [1, -2] }, "initial": { "x": [0, 0] },
              "optimizer": { "method": "gd", "learningRate": 0.1 } }
            """)).ReadOkAsync();
        var diagnostics = answer.GetProperty("diagnostics");

        Assert.Equal(1 - (0.1 * (5 - Math.Sqrt(2))), diagnostics.GetProperty("predictedRate").GetDouble(), 1e-9);
        Assert.Equal(diagnostics.GetProperty("predictedRate").GetDouble(), diagnostics.GetProperty("observedRate").GetDouble(), 1e-3);
    }

    [Fact]
    public async Task A_run_on_a_loss_that_is_not_quadratic_predicts_no_rate()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize,
            """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "gd", "learningRate": 0.001 }, "maxIterations": 50 }""")).ReadOkAsync();

        Assert.False(answer.GetProperty("diagnostics").TryGetProperty("predictedRate", out _));
        Assert.False(answer.GetProperty("diagnostics").TryGetProperty("observedRate", out _));
    }
}
