using System.Net;
using System.Numerics;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using CalcApi.Domain.Numbers;

namespace CalcApi.Api.Tests;

/// <summary>
/// Contract section 5 for values with vectors and matrices in them, through HTTP: every entry of a value is
/// within 1e-9 of the exact value at the point (doubles taken as exact), where double precision would answer
/// wrong digits (an ill-conditioned inverse, a cancelling sum); a value that cannot be promised is a 422
/// precision; an optimisation run's final loss and gradient norm are right, or null and withheld with a reason.
/// </summary>
public sealed class MatrixPrecisionTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task The_lectures_matrix_gradient_is_unchanged()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient, """
            { "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": ["W"],
              "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0]], "c": 2 } }
            """)).ReadOkAsync();

        // 2(a'Wb − c)·ab' with a'Wb = 11: 18·ab'.
        Assert.Equal("[[54,72,90],[108,144,180]]", answer.GetProperty("gradients").GetProperty("W").GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task An_entry_wise_function_is_bounded_by_the_same_rule_as_a_scalar_one()
    {
        // x^2 at -9e12 carries an error of about 1e10, which spans billions of periods of tan: the slope of tan
        // estimated over |u|*2^-26 was noise, and the scalar path once trusted a value with no correct digit. The
        // matrix path applies the same per-entry rules (EntryBounds), so it answers the scalar's value or refuses.
        using var client = factory.CreateClient();

        var scalar = await (await client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "-tan(x*x)/x^2", "variable": "x", "at": { "x": -9e12 } }""")).ReadOkAsync();
        var vector = await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "sum(-tan(x.*x)./x.^2)", "variables": { "x": "vector" }, "at": { "x": [-9e12] } }""");

        var expected = scalar.GetProperty("value").GetDouble();
        if (vector.StatusCode == HttpStatusCode.OK)
        {
            var actual = (await vector.ReadOkAsync()).GetProperty("gradients").GetProperty("x").GetProperty("value")[0].GetDouble();
            Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"{actual:R} against the scalar path's {expected:R}");
        }
        else
        {
            var problem = await vector.ReadProblemAsync((HttpStatusCode)422);
            Assert.Equal("precision", problem.GetProperty("kind").GetString());
        }
    }

    [Theory]
    [InlineData("[[1, 1], [1, 1.000000000000001]]", true)] // det 2^-50·k: invertible, though double precision's condition number says singular
    [InlineData("[[1, 2], [2, 4]]", false)] // singular
    [InlineData("[[1, 1], [1, 0.999999999999999]]", false)] // a negative determinant in exact arithmetic
    public async Task A_matrix_too_close_to_singular_for_double_precision_is_decided_exactly(string x, bool defined)
    {
        using var client = factory.CreateClient();

        var response = await client.PostJsonAsync(Routes.MatrixGradient, $$"""
            { "expression": "logdet(X)", "variables": { "X": "matrix" }, "at": { "X": {{x}} } }
            """);

        if (defined)
        {
            var answer = await response.ReadOkAsync();
            // det = d - 1 exactly (the double 1.000000000000001 is 1 + 4.5·2^-52), so logdet = ln(2^-52 · 5): ln(1.1102230246251565e-15).
            Assert.Equal(Math.Log(1.000000000000001 - 1), answer.GetProperty("value").GetDouble(), 12);
            var gradient = answer.GetProperty("gradients").GetProperty("X").GetProperty("value");
            Assert.Equal(-1 / (1.000000000000001 - 1), gradient[0][1].GetDouble(), 1e-9 / (1.000000000000001 - 1));
        }
        else
        {
            var problem = await response.ReadProblemAsync((HttpStatusCode)422);
            Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
        }
    }

    [Fact]
    public async Task The_gradient_of_logdet_at_an_ill_conditioned_matrix_is_the_exact_inverse()
    {
        using var client = factory.CreateClient();
        const int n = 8; // the Hilbert matrix: condition number 1.5e10, which double precision inverts to about 6 digits
        var h = new double[n][];
        for (var i = 0; i < n; i++)
        {
            h[i] = [.. Enumerable.Range(0, n).Select(j => 1.0 / (i + j + 1))];
        }

        var body = JsonSerializer.Serialize(new { expression = "logdet(H)", variables = new { H = "matrix" }, at = new { H = h } });
        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadOkAsync();

        // d logdet(H)/dH = inv(H)' = inv(H) (symmetric), against the exact rational inverse of the doubles sent.
        var value = answer.GetProperty("gradients").GetProperty("H").GetProperty("value");
        var exact = ExactInverse(h);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var actual = value[i][j].GetDouble();
                var expected = exact[j, i].ToDouble();
                Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"entry ({i}, {j}): {actual:R}, exact {expected:R}");
            }
        }
    }

    [Fact]
    public async Task A_derivative_through_a_sum_that_cancels_in_double_precision_is_exact()
    {
        using var client = factory.CreateClient();

        // d/dx x*sum(a) = sum(a) = 1e16 + 1 − 1e16 = 1; summed in double precision it is 0.
        var answer = await (await client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "x*sum(a)", "variable": "x", "at": { "x": 1, "a": [1e16, 1, -1e16] } }""")).ReadOkAsync();

        Assert.Equal(1, answer.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_matrix_gradient_with_no_value_to_promise_is_a_precision_problem()
    {
        using var client = factory.CreateClient();

        // 1/sin(pi) is 8.2e15 in double precision and a pole in truth.
        var problem = await (await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "sum(W*a)/sin(pi)", "wrt": "W", "at": { "W": [[1, 2], [3, 4]], "a": [1, 1] } }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("precision", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task An_ill_conditioned_matrix_too_large_to_evaluate_precisely_is_a_precision_problem()
    {
        using var client = factory.CreateClient();
        const int n = 60; // I + 1e9·ones: condition number 6e10, and 60×60 is past what the precise path takes on
        var x = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => i == j ? 1e9 + 1 : 1e9).ToArray()).ToArray();
        var body = JsonSerializer.Serialize(new { expression = "a'*inv(X)*a", variables = new { X = "matrix", a = "vector" }, wrt = "a", at = new { X = x, a = Enumerable.Repeat(1.0, n) } });

        var problem = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("precision", problem.GetProperty("kind").GetString());
        await client.AssertStillAnswersAsync();
    }

    [Fact]
    public async Task An_optimisations_final_loss_that_cancels_is_reported_exactly()
    {
        using var client = factory.CreateClient();

        // 1e10·(e^x − 1 − x) at x = 1e-6 is 5.0000016666670833e-3; a step of 1e-30 leaves x there. In double precision
        // e^x − 1 − x keeps 3 digits, so the run's own loss (its last history point) is off in the 4th.
        var answer = await (await client.PostJsonAsync(Routes.Optimize, """
            { "loss": "1e10*(exp(x) - 1 - x)", "initial": { "x": 1e-6 }, "optimizer": { "method": "gd", "learningRate": 1e-30 }, "maxIterations": 1 }
            """)).ReadOkAsync();

        var exact = 1e10 * ((1e-12 / 2) + (1e-18 / 6) + (1e-24 / 24));
        var loss = answer.GetProperty("loss").GetDouble();
        Assert.True(Math.Abs(loss - exact) <= 1e-9 * exact, $"loss {loss:R}, exact {exact:R}");
        var history = answer.GetProperty("history");
        Assert.True(Math.Abs(history[history.GetArrayLength() - 1].GetProperty("loss").GetDouble() - exact) > 1e-6 * exact);
        Assert.False(answer.TryGetProperty("withheld", out _));
    }

    [Fact]
    public async Task An_optimisations_final_loss_with_no_value_to_promise_is_null_with_a_reason_and_the_run_is_still_a_200()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, """
            { "loss": "norm(W)^2 + 1/sin(pi)", "initial": { "W": [[1, 2], [3, 4]] }, "optimizer": { "method": "gd", "learningRate": 0.1 } }
            """)).ReadOkAsync();

        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.Equal(JsonValueKind.Null, answer.TryGetProperty("loss", out var loss) ? loss.ValueKind : JsonValueKind.Null);
        Assert.Contains("bits", answer.GetProperty("withheld").GetProperty("loss").GetString(), StringComparison.Ordinal);
        Assert.True(answer.GetProperty("gradientNorm").GetDouble() < 1e-8);
        Assert.Equal(2, answer.GetProperty("solution").GetProperty("W").GetArrayLength());
    }

    /// <summary>The exact inverse of a matrix of doubles, by Gauss–Jordan over the rationals.</summary>
    private static Rational[,] ExactInverse(double[][] m)
    {
        var n = m.Length;
        var a = new Rational[n, 2 * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                a[i, j] = Exact(m[i][j]);
                a[i, n + j] = i == j ? Rational.One : Rational.Zero;
            }
        }

        for (var k = 0; k < n; k++)
        {
            var pivot = a[k, k]; // positive definite: no pivoting needed
            for (var j = 0; j < 2 * n; j++)
            {
                a[k, j] /= pivot;
            }

            for (var i = 0; i < n; i++)
            {
                if (i != k)
                {
                    var f = a[i, k];
                    for (var j = 0; j < 2 * n; j++)
                    {
                        a[i, j] -= f * a[k, j];
                    }
                }
            }
        }

        var inverse = new Rational[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                inverse[i, j] = a[i, n + j];
            }
        }

        return inverse;
    }

    private static Rational Exact(double x)
    {
        var b = BigFloat.FromDouble(x);
        return b.Exponent >= 0 ? Rational.FromInteger(b.Mantissa << (int)b.Exponent) : new Rational(b.Mantissa, BigInteger.One << (int)-b.Exponent);
    }
}
