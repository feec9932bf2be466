using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// Contract section 5, "values are right or refused", through HTTP: a value that double precision would get
/// wrong by cancellation or overflow is the true value (within 1e-9 relative, 1e-12 absolute near zero), and
/// one that cannot be promised is a 422 with kind "precision", never a confident wrong number.
/// </summary>
public sealed class PrecisionTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>Expression, point, the true derivative there.</summary>
    public static TheoryData<string, double, double> Cancelling { get; } = new()
    {
        // (e^x − 1)/x = 1 + x/2 + x²/6 + …, so the derivative is 1/2 + x/3 + …; in double the difference e^x − 1 keeps 8 digits.
        { "(exp(x) - 1)/x", 1e-8, 0.5 + (1e-8 / 3) },
        // 1e20 (√(x² + 1) − x) ≈ 1e20 / (2x): derivative −1e20 / (2x²) = −5000 at 1e8; in double the difference is 0.
        { "1e20*(sqrt(x^2 + 1) - x)", 1e8, -5000 },
        // e^x / (1 + e^x) at 800: both overflow in double, the quotient is 1 (to 1e-347).
        { "log(1 + exp(x))", 800, 1 },
    };

    [Theory]
    [MemberData(nameof(Cancelling))]
    public async Task A_derivative_that_double_precision_cancels_or_overflows_has_its_true_value(string expression, double x, double expected)
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, Body(expression, x))).ReadOkAsync();

        AssertWithin(expected, answer.GetProperty("value").GetDouble(), $"d/dx {expression} at {x}");
    }

    [Fact]
    public async Task A_gradient_component_has_its_true_value_too()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Gradient,
            """{ "expression": "log(1 + exp(x)) + (exp(y) - 1)/y", "variables": ["x", "y"], "at": { "x": 800, "y": 1e-8 } }""")).ReadOkAsync();

        var gradient = answer.GetProperty("gradient");
        AssertWithin(1, gradient.GetProperty("x").GetProperty("value").GetDouble(), "∂/∂x");
        AssertWithin(0.5 + (1e-8 / 3), gradient.GetProperty("y").GetProperty("value").GetDouble(), "∂/∂y");
    }

    /// <summary>Expressions whose derivative at the point has no value a double can carry, or none that can be promised.</summary>
    public static TheoryData<string, double> Unpromisable { get; } = new()
    {
        // 2x e^(x²) at 30 is about 10^392: beyond double range (it used to be "outsideDomain", but it is a real number).
        { "exp(x^2)", 30 },
        // 2^(10^9): refused at once, not computed.
        { "2^(10^9)*x", 1 },
        // tan(π) is 0, so there is no derivative; in double it is −1.2e-16 and the "value" was −8e15.
        { "x/tan(pi)", 1 },
    };

    [Theory]
    [MemberData(nameof(Unpromisable))]
    public async Task A_derivative_that_cannot_be_promised_is_a_precision_problem(string expression, double x)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, Body(expression, x))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("precision", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_gradient_that_cannot_be_promised_is_a_precision_problem()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Gradient,
            """{ "expression": "exp(x^2) + y", "variables": ["x", "y"], "at": { "x": 30, "y": 1 } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("precision", problem.GetProperty("kind").GetString());
    }

    private static string Body(string expression, double x) =>
        JsonSerializer.Serialize(new { expression, variable = "x", at = new Dictionary<string, double> { ["x"] = x } });

    private static void AssertWithin(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Math.Max(1e-9 * Math.Abs(expected), 1e-12),
            $"{what}: {actual:R}, but the true value is {expected:R} (error {Math.Abs(actual - expected) / Math.Abs(expected):G3} relative)");
}
