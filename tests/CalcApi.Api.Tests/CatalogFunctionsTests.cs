using CalcApi.Api.Endpoints;
using System.Net;
using System.Text.Json;
using CalcApi.Api.Tests.Support;
using Erf = MathNet.Numerics.SpecialFunctions;

namespace CalcApi.Api.Tests;

/// <summary>
/// sec, csc, cot, asinh, acosh, atanh and erf through HTTP on every endpoint: the derivative's printed
/// forms, and every value against finite differences of an implementation written here (Math.*, and
/// MathNet's erf), not the engine's.
/// </summary>
public sealed class CatalogFunctionsTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>
    /// A function of the catalog: its derivative as the API prints it (for x, and element-wise for a vector w),
    /// its name in LaTeX and MathML, its value computed here, and two points inside its domain.
    /// </summary>
    private sealed record Row(string Derivative, string ElementWise, string Latex, string MathML, Func<double, double> F, double[] Points);

    private static readonly double[] Inside = [0.7, -0.4];

    private static readonly Dictionary<string, Row> Functions = new()
    {
        ["sec"] = new("sec(x)*tan(x)", "sec(w).*tan(w)", @"\sec", "sec", x => 1 / Math.Cos(x), Inside),
        ["csc"] = new("-cot(x)*csc(x)", "-cot(w).*csc(w)", @"\csc", "csc", x => 1 / Math.Sin(x), Inside),
        ["cot"] = new("-csc(x)^2", "-csc(w).^2", @"\cot", "cot", x => Math.Cos(x) / Math.Sin(x), Inside),
        ["asinh"] = new("1/sqrt(x^2 + 1)", "1./sqrt(w.^2 + 1)", @"\operatorname{arsinh}", "arsinh", Math.Asinh, Inside),
        ["acosh"] = new("1/sqrt(x^2 - 1)", "1./sqrt(w.^2 - 1)", @"\operatorname{arcosh}", "arcosh", Math.Acosh, [1.6, 2.5]),
        ["atanh"] = new("1/(1 - x^2)", "1./(1 - w.^2)", @"\operatorname{artanh}", "artanh", Math.Atanh, Inside),
        ["erf"] = new("2*exp(-x^2)/sqrt(pi)", "2*exp(-w.^2)/sqrt(pi)", @"\operatorname{erf}", "erf", Erf.Erf, Inside),
    };

    public static TheoryData<string> Names { get; } = new(Functions.Keys);

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_derivative_has_its_closed_form_in_three_notations_and_both_orders_the_values_of_finite_differences(string name)
    {
        var row = Functions[name];
        var x = row.Points[0];

        var first = await Differentiate($"{name}(x)", x, order: 1);
        var second = await Differentiate($"{name}(x)", x, order: 2);

        Assert.Equal(row.Derivative, first.GetProperty("derivative").GetString());
        Assert.Equal($@"{row.Latex}\left(x\right)", first.GetProperty("expressionLatex").GetString());
        Assert.Contains($"<mi>{row.MathML}</mi>", first.GetProperty("expressionMathml").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("latex").GetString()));
        Assert.StartsWith("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", first.GetProperty("mathml").GetString(), StringComparison.Ordinal);
        Differences.Close(Differences.First(row.F, x), first.GetProperty("value").GetDouble(), $"d/dx {name}(x) at {x}");
        Differences.Close(Differences.Second(row.F, x), second.GetProperty("value").GetDouble(), $"d²/dx² {name}(x) at {x}", relative: 1e-6);
    }

    [Theory]
    [InlineData("acosh(x)", 0.5)]
    [InlineData("acosh(x)", 1)]
    [InlineData("atanh(x)", 1)]
    [InlineData("atanh(x)", -1)]
    [InlineData("cot(x)", 0)]
    [InlineData("csc(x)", 0)]
    [InlineData("3*csc(x)^2", 0)]
    public async Task A_point_outside_the_domain_of_the_derivative_is_a_422_problem(string expression, double x)
    {
        var response = await _client.PostJsonAsync(Routes.Differentiate, JsonSerializer.Serialize(new { expression, at = new { x } }));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
        Assert.Equal(expression, problem.GetProperty("expression").GetString());
        await _client.AssertStillAnswersAsync();
    }

    /// <summary>
    /// Contract section 5: a point outside the domain of the function as written is refused, even where the
    /// derivative's formula has a value there (atanh(x) at 2 would give 1/(1 - x^2) = -1/3, acosh(x) at -3
    /// 1/sqrt(x^2 - 1)).
    /// </summary>
    [Theory]
    [InlineData(Routes.Differentiate, "atanh(x)", 2)]
    [InlineData(Routes.Differentiate, "acosh(x)", -3)]
    [InlineData(Routes.Gradient, "atanh(x)", 2)]
    public async Task A_point_where_the_function_itself_is_undefined_is_a_422_even_where_its_derivative_formula_is_defined(string endpoint, string expression, double x)
    {
        var response = await _client.PostJsonAsync(endpoint, JsonSerializer.Serialize(new { expression, at = new { x } }));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_gradient_of_two_variables_through_asinh_and_erf_has_the_values_of_finite_differences()
    {
        double[] at = [0.7, -0.4];
        static double F(double[] v) => Math.Asinh(v[0] * v[1]) + Erf.Erf(v[1]);

        var answer = await (await _client.PostJsonAsync(Routes.Gradient,
            """{ "expression": "asinh(x*y) + erf(y)", "variables": ["x", "y"], "at": { "x": 0.7, "y": -0.4 } }""")).ReadOkAsync();

        var gradient = answer.GetProperty("gradient");
        Assert.Equal("y/sqrt(x^2*y^2 + 1)", gradient.GetProperty("x").GetProperty("expression").GetString());
        Assert.Equal("2*exp(-y^2)/sqrt(pi) + x/sqrt(x^2*y^2 + 1)", gradient.GetProperty("y").GetProperty("expression").GetString());
        Differences.Close(Differences.Partial(F, at, 0), gradient.GetProperty("x").GetProperty("value").GetDouble(), "d/dx");
        Differences.Close(Differences.Partial(F, at, 1), gradient.GetProperty("y").GetProperty("value").GetDouble(), "d/dy");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task The_matrix_gradient_of_a_sum_applies_the_function_element_wise(string name)
    {
        var row = Functions[name];

        var answer = await MatrixGradient($$"""{ "expression": "sum({{name}}(w))", "at": { "w": {{JsonSerializer.Serialize(row.Points)}} } }""");

        var w = answer.GetProperty("gradients").GetProperty("w");
        Assert.Equal(row.ElementWise, w.GetProperty("expression").GetString());
        AssertEntriesAreDifferences(v => v.Sum(row.F), row.Points, w, $"sum({name}(w))");
    }

    [Fact]
    public async Task The_matrix_gradient_of_sum_atanh_of_half_x_is_its_closed_form_entry_by_entry()
    {
        double[] at = [0.5, -1.2, 1.9];

        var answer = await MatrixGradient("""{ "expression": "sum(atanh(x/2))", "at": { "x": [0.5, -1.2, 1.9] } }""");

        // d/dx_i atanh(x_i/2) = (1/2)/(1 - x_i^2/4).
        var x = answer.GetProperty("gradients").GetProperty("x");
        Assert.Equal("1./(2*(1 - x.^2/4))", x.GetProperty("expression").GetString());
        AssertEntriesAreDifferences(v => v.Sum(t => Math.Atanh(t / 2)), at, x, "sum(atanh(x/2))");
        Differences.Close(at.Sum(t => Math.Atanh(t / 2)), answer.GetProperty("value").GetDouble(), "f");
    }

    [Fact]
    public async Task The_matrix_gradient_of_sum_erf_of_A_w_is_its_closed_form_entry_by_entry()
    {
        double[][] a = [[1, 2], [0.5, -1], [0.3, 0.2]];
        double[] at = [0.4, -0.3];

        var answer = await MatrixGradient("""{ "expression": "sum(erf(A*w))", "wrt": "w", "at": { "A": [[1, 2], [0.5, -1], [0.3, 0.2]], "w": [0.4, -0.3] } }""");

        // ∇ sum(erf(Aw)) = A' (2/√π) exp(-(Aw)²), element-wise.
        var w = answer.GetProperty("gradients").GetProperty("w");
        Assert.Equal("2*A'*exp(-(A*w).^2)/sqrt(pi)", w.GetProperty("expression").GetString());
        AssertEntriesAreDifferences(v => a.Sum(r => Erf.Erf((r[0] * v[0]) + (r[1] * v[1]))), at, w, "sum(erf(A*w))");
    }

    [Fact]
    public async Task An_optimisation_through_erf_and_asinh_reaches_the_known_minimiser()
    {
        const double ErfInvHalf = 0.4769362762044699; // erf(0.4769362762044699) = 0.5
        Assert.Equal(0.5, Erf.Erf(ErfInvHalf), 1e-15);

        var answer = await (await _client.PostJsonAsync(Routes.Optimize, ErfAsinhRun)).ReadOkAsync();

        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
        Assert.Equal("4*(erf(x) - 1/2)*exp(-x^2)/sqrt(pi)", answer.GetProperty("gradient").GetProperty("x").GetString());
        Assert.Equal("2*(asinh(y) - 1)/sqrt(y^2 + 1)", answer.GetProperty("gradient").GetProperty("y").GetString());
        Assert.Equal(ErfInvHalf, answer.GetProperty("solution").GetProperty("x").GetDouble(), 1e-8);
        Assert.Equal(Math.Sinh(1), answer.GetProperty("solution").GetProperty("y").GetDouble(), 1e-8);
    }

    [Fact]
    public async Task The_stream_of_the_same_run_ends_with_its_summary()
    {
        var response = await _client.PostJsonAsync(Routes.OptimizeStream, ErfAsinhRun);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var blocks = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("event: summary", blocks[^1], StringComparison.Ordinal);
        var summary = JsonDocument.Parse(blocks[^1].Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..]).RootElement;
        Assert.Equal("tolerance", summary.GetProperty("stopReason").GetString());
        Assert.Equal(Math.Sinh(1), summary.GetProperty("solution").GetProperty("y").GetDouble(), 1e-8);
    }

    [Fact]
    public async Task The_landscape_of_a_loss_through_sec_and_cot_is_its_value_on_the_grid()
    {
        const string body = """{ "loss": "sec(x)^2 + cot(y + 2)^2", "initial": { "x": 0.1, "y": 0.1 }, "xRange": [-1, 1], "yRange": [-1, 1], "resolution": 3 }""";

        var answer = await (await _client.PostJsonAsync(Routes.Landscape, body)).ReadOkAsync();

        double[] grid = [-1, 0, 1];
        Assert.Equal(grid, answer.GetProperty("xs").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(grid, answer.GetProperty("ys").EnumerateArray().Select(e => e.GetDouble()));
        for (var j = 0; j < 3; j++)
        {
            for (var i = 0; i < 3; i++)
            {
                var expected = Math.Pow(1 / Math.Cos(grid[i]), 2) + Math.Pow(1 / Math.Tan(grid[j] + 2), 2);
                Differences.Close(expected, answer.GetProperty("values")[j][i].GetDouble(), $"loss at ({grid[i]}, {grid[j]})", relative: 1e-12);
            }
        }
    }

    [Fact]
    public async Task A_landscape_that_crosses_a_pole_of_cot_leaves_those_points_empty()
    {
        const string body = """{ "loss": "cot(y)^2 + x^2", "initial": { "x": 0.1, "y": 0.1 }, "xRange": [-1, 1], "yRange": [-1, 1], "resolution": 3 }""";

        var answer = await (await _client.PostJsonAsync(Routes.Landscape, body)).ReadOkAsync();

        Assert.All(answer.GetProperty("values")[1].EnumerateArray(), v => Assert.Equal(JsonValueKind.Null, v.ValueKind));
        Differences.Close(Math.Pow(1 / Math.Tan(1), 2), answer.GetProperty("min").GetDouble(), "min", relative: 1e-12);
    }

    /// <summary>Minimise (erf(x) - 1/2)^2 + (asinh(y) - 1)^2: the minimiser is (erfinv(1/2), sinh(1)).</summary>
    private const string ErfAsinhRun = """
        { "loss": "(erf(x) - 0.5)^2 + (asinh(y) - 1)^2", "initial": { "x": 0, "y": 0 },
          "optimizer": { "method": "gd", "learningRate": 0.5 }, "maxIterations": 20000, "tolerance": 1e-12 }
        """;

    private async Task<JsonElement> Differentiate(string expression, double x, int order) =>
        await (await _client.PostJsonAsync(Routes.Differentiate, JsonSerializer.Serialize(new { expression, variable = "x", order, at = new { x } }))).ReadOkAsync();

    private async Task<JsonElement> MatrixGradient(string body) => await (await _client.PostJsonAsync(Routes.MatrixGradient, body)).ReadOkAsync();

    /// <summary>Each entry of a vector gradient against the partial derivative of <paramref name="f"/> by finite differences.</summary>
    private static void AssertEntriesAreDifferences(Func<double[], double> f, double[] at, JsonElement gradient, string what)
    {
        Assert.Equal([at.Length, 1], gradient.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        var entries = gradient.GetProperty("value").EnumerateArray().Select(Entry).ToList();
        Assert.Equal(at.Length, entries.Count);
        for (var i = 0; i < at.Length; i++)
        {
            Differences.Close(Differences.Partial(f, at, i), entries[i], $"∂/∂w[{i + 1}] {what}");
        }
    }

    /// <summary>A column vector's entry, written either as a number or as a one-element row.</summary>
    private static double Entry(JsonElement e) => e.ValueKind == JsonValueKind.Array ? e[0].GetDouble() : e.GetDouble();
}
