using System.Globalization;
using System.Net;
using System.Text.Json;
using CalcApi.Api.Configuration;
using CalcApi.Api.Contracts;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// Mixed partials on /api/differentiate (issue 13): <c>variable</c> as a list of names, differentiated by in turn.
/// Every value is checked against nested central differences of the function written independently in C#.
/// </summary>
public sealed class MixedPartialTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>A function of the API's language, the same function in C#, the names to differentiate by and a point (values in the order of <see cref="Names"/>).</summary>
    public sealed record Case(string Expression, Func<double[], double> F, string[] Names, string[] By, double[] At)
    {
        public override string ToString() => $"{Expression} by [{string.Join(", ", By)}]";
    }

    private static readonly string[] XY = ["x", "y"];
    private static readonly string[] XYZ = ["x", "y", "z"];

    public static TheoryData<string> Cases => [.. CaseTable.Keys];

    private static readonly Dictionary<string, Case> CaseTable = new Case[]
    {
        new("x^2*y^3 + sin(x*y)", p => (p[0] * p[0] * Math.Pow(p[1], 3)) + Math.Sin(p[0] * p[1]), XY, ["x", "y"], [1, 2]),
        new("x^3*y^2 - 4*x*y^4 + 7", p => (Math.Pow(p[0], 3) * p[1] * p[1]) - (4 * p[0] * Math.Pow(p[1], 4)) + 7, XY, ["x", "y"], [1.5, -0.5]),
        new("sin(x)*cos(y) + tan(x*y)", p => (Math.Sin(p[0]) * Math.Cos(p[1])) + Math.Tan(p[0] * p[1]), XY, ["y", "x"], [0.3, 0.7]),
        new("exp(x*y)*log(x + y^2)", p => Math.Exp(p[0] * p[1]) * Math.Log(p[0] + (p[1] * p[1])), XY, ["x", "y"], [0.5, 1.2]),
        new("sqrt(x^2 + y^2 + 1)", p => Math.Sqrt((p[0] * p[0]) + (p[1] * p[1]) + 1), XY, ["x", "y"], [0.8, -1.1]),
        new("(x - y)/(x^2 + y + 3)", p => (p[0] - p[1]) / ((p[0] * p[0]) + p[1] + 3), XY, ["y", "x"], [1.2, 0.4]),
        new("x*y*z + exp(x*z)*sin(y)", p => (p[0] * p[1] * p[2]) + (Math.Exp(p[0] * p[2]) * Math.Sin(p[1])), XYZ, ["x", "y", "z"], [0.4, 0.9, -0.6]),
        new("x^2*sin(y) + exp(x)*y^3", p => (p[0] * p[0] * Math.Sin(p[1])) + (Math.Exp(p[0]) * Math.Pow(p[1], 3)), XY, ["x", "x", "y"], [0.7, 1.3]),
        new("atan(x*y) + cosh(x - y)", p => Math.Atan(p[0] * p[1]) + Math.Cosh(p[0] - p[1]), XY, ["y", "y", "x"], [0.6, -0.9]),
        new("log(1 + x^2*y^2)*z", p => Math.Log(1 + (p[0] * p[0] * p[1] * p[1])) * p[2], XYZ, ["z", "x", "y"], [1.1, 0.5, 2.5]),
        new("x/(y*z) - sqrt(x*y)*z^2", p => (p[0] / (p[1] * p[2])) - (Math.Sqrt(p[0] * p[1]) * p[2] * p[2]), XYZ, ["z", "y", "x"], [2, 1.5, 0.8]),
    }.ToDictionary(c => c.ToString());

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_mixed_partial_matches_nested_central_differences_of_the_function(string name)
    {
        var c = CaseTable[name];

        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, Body(c.Expression, c.By, c.Names, c.At))).ReadOkAsync();

        var expected = Nested(c.F, c.At, [.. c.By.Select(v => Array.IndexOf(c.Names, v))]);
        var value = answer.GetProperty("value").GetDouble();
        Assert.True(Math.Abs(value - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)),
            $"{name} at ({string.Join(", ", c.At)}): the API {value:R}, nested differences {expected:R}");
        Assert.Equal(c.By, answer.GetProperty("variable").EnumerateArray().Select(v => v.GetString()!));
        Assert.Equal(c.By.Length, answer.GetProperty("order").GetInt32());
    }

    [Theory]
    [InlineData("x^2*y^3 + sin(x*y)", "1,2")]
    [InlineData("exp(x*y)*log(x + y^2)", "0.5,1.2")]
    [InlineData("(x - y)/(x^2 + y + 3)", "-0.3,0.8")]
    [InlineData("atan(x/y) + sqrt(1 + x^2*y^4)", "0.9,-1.4")]
    public async Task The_order_of_differentiation_does_not_change_the_mixed_partial(string expression, string point)
    {
        var at = point.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

        var xy = await (await _client.PostJsonAsync(Routes.Differentiate, Body(expression, ["x", "y"], XY, at))).ReadOkAsync();
        var yx = await (await _client.PostJsonAsync(Routes.Differentiate, Body(expression, ["y", "x"], XY, at))).ReadOkAsync();

        var a = xy.GetProperty("value").GetDouble();
        var b = yx.GetProperty("value").GetDouble();
        Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Abs(a)), $"d/dy d/dx {expression} is {a:R}, d/dx d/dy {b:R}");
    }

    [Fact]
    public async Task A_mixed_partial_is_the_hessian_entry_for_the_same_pair()
    {
        const string expression = "exp(x*y)*cos(z) + x^3*y^2*z";
        double[] at = [0.3, 0.8, -1.1];

        var hessian = await (await _client.PostJsonAsync(Routes.Hessian, $$"""
            { "expression": "{{expression}}", "variables": ["x", "y", "z"], "at": { "x": 0.3, "y": 0.8, "z": -1.1 } }
            """)).ReadOkAsync();
        var partial = await (await _client.PostJsonAsync(Routes.Differentiate, Body(expression, ["x", "z"], XYZ, at))).ReadOkAsync();

        var entry = hessian.GetProperty("hessian")[0][2].GetProperty("value").GetDouble();
        var value = partial.GetProperty("value").GetDouble();
        Assert.True(Math.Abs(entry - value) <= 1e-9 * Math.Max(1, Math.Abs(entry)), $"H[x][z] is {entry:R}, d/dz d/dx {value:R}");
    }

    [Fact]
    public async Task The_brief_example_answers_the_derivative_in_three_forms_with_its_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "x^2*y^3 + sin(x*y)", "variable": ["x", "y"], "at": { "x": 1, "y": 2 } }""")).ReadOkAsync();

        Assert.Equal("x^2*y^3 + sin(x*y)", answer.GetProperty("expression").GetString());
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("variable").ValueKind);
        Assert.Equal(2, answer.GetProperty("order").GetInt32());
        Assert.Equal("6*x*y^2 - x*y*sin(x*y) + cos(x*y)", answer.GetProperty("derivative").GetString());
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("latex").GetString()));
        Assert.StartsWith("<math", answer.GetProperty("mathml").GetString());
        Assert.Empty(answer.GetProperty("conditions").EnumerateArray());
        // 6*x*y^2 + cos(xy) - xy*sin(xy) at (1, 2).
        Approx.Equal(24 + Math.Cos(2) - (2 * Math.Sin(2)), answer.GetProperty("value").GetDouble(), "value");
    }

    [Fact]
    public async Task Conditions_are_those_of_the_input_as_written_and_of_the_result()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "sqrt(x)*log(y)", "variable": ["x", "y"] }""")).ReadOkAsync();

        var conditions = answer.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("text").GetString()).ToList();
        Assert.Contains("x > 0", conditions);
        Assert.Contains("y > 0", conditions);
    }

    [Fact]
    public async Task A_list_of_one_name_repeated_is_the_same_answer_as_that_order()
    {
        var list = await (await _client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "x^4*y + sin(x)", "variable": ["x", "x", "x"], "at": { "x": 0.5, "y": 2 } }""")).ReadOkAsync();
        var ordered = await (await _client.PostJsonAsync(Routes.Differentiate,
            """{ "expression": "x^4*y + sin(x)", "variable": "x", "order": 3, "at": { "x": 0.5, "y": 2 } }""")).ReadOkAsync();

        Assert.Equal(ordered.GetProperty("derivative").GetString(), list.GetProperty("derivative").GetString());
        Assert.Equal(ordered.GetProperty("value").GetDouble(), list.GetProperty("value").GetDouble());
        Assert.Equal(3, list.GetProperty("order").GetInt32());
    }

    [Fact]
    public async Task An_order_equal_to_the_list_length_is_accepted()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^2*y^2", "variable": ["x", "y"], "order": 2 }""")).ReadOkAsync();

        Assert.Equal("4*x*y", answer.GetProperty("derivative").GetString());
    }

    [Fact]
    public async Task A_plain_string_variable_is_answered_and_echoed_as_before()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^3*y", "variable": "y", "order": 1, "at": { "x": 2, "y": 5 } }""")).ReadOkAsync();

        Assert.Equal(JsonValueKind.String, answer.GetProperty("variable").ValueKind);
        Assert.Equal("y", answer.GetProperty("variable").GetString());
        Assert.Equal(1, answer.GetProperty("order").GetInt32());
        Assert.Equal("x^3", answer.GetProperty("derivative").GetString());
        Assert.Equal(8, answer.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task An_order_that_differs_from_the_list_length_is_a_422_naming_order()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x*y", "variable": ["x", "y"], "order": 3 }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("order", problem.GetProperty("field").GetString());
        Assert.Equal("invalidArgument", problem.GetProperty("kind").GetString());
        Assert.Contains("lists 2 names", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_list_is_a_422_naming_variable()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x*y", "variable": [] }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("variable", problem.GetProperty("field").GetString());
        Assert.Contains("empty list", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_that_is_not_a_name_is_a_422_naming_its_position()
    {
        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x*y", "variable": ["x", "x y"] }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("variable", problem.GetProperty("field").GetString());
        Assert.StartsWith("`variable[1]` is 'x y'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""["x", 2]""", "`variable[1]` must be a string")]
    [InlineData("""["x", null]""", "`variable[1]` must be a string")]
    [InlineData("""[["x"]]""", "`variable[0]` must be a string")]
    [InlineData("5", "`variable` must be a name or an array of names")]
    [InlineData("""{ "x": 1 }""", "`variable` must be a name or an array of names")]
    [InlineData("true", "`variable` must be a name or an array of names")]
    public async Task A_variable_of_another_json_type_is_a_400_naming_variable(string variable, string starts)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, $$"""{ "expression": "x*y", "variable": {{variable}} }"""))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("variable", problem.GetProperty("field").GetString());
        Assert.StartsWith(starts, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_longer_than_max_order_is_refused_by_the_limit()
    {
        var names = string.Join(", ", Enumerable.Range(0, 11).Select(i => i % 2 == 0 ? "\"x\"" : "\"y\""));

        var problem = await (await _client.PostJsonAsync(Routes.Differentiate, $$"""{ "expression": "x*y", "variable": [{{names}}] }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("limitExceeded", problem.GetProperty("kind").GetString());
        Assert.Equal("maxOrder", problem.GetProperty("limit").GetString());
        Assert.Equal(10, problem.GetProperty("max").GetInt32());
        Assert.Equal("variable", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_mixed_partial_that_outgrows_the_work_budget_is_refused_by_the_named_limit()
    {
        // No size estimate is made for a list of several names (it models one variable): the work budget stops it.
        using var client = factory.WithSettings(("Limits:MaxWorkNodes", "20000")).CreateClient();
        var names = string.Join(", ", Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? "\"x\"" : "\"y\""));

        var problem = await (await client.PostJsonAsync(Routes.Differentiate,
            $$"""{ "expression": "sin(x*y)^(x + y)*cos(x - y)^(x*y)*tan(y)^sin(x)", "variable": [{{names}}] }"""))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("limitExceeded", problem.GetProperty("kind").GetString());
        Assert.Equal("maxWorkNodes", problem.GetProperty("limit").GetString());
        Assert.Equal(20_000, problem.GetProperty("max").GetInt32());
    }

    [Theory]
    [InlineData("""["x", "y"]""", null, false)]
    [InlineData("""["x", "y", "z"]""", null, true)]
    [InlineData("""["x", "y", "z"]""", 3, true)]
    [InlineData("\"x\"", null, false)]
    [InlineData("\"x\"", 3, true)]
    public void A_list_is_scheduled_as_heavy_as_the_order_it_asks_for(string variable, int? order, bool heavy)
    {
        var request = new DifferentiateRequest { Expression = "x*y*z", Variable = JsonDocument.Parse(variable).RootElement.Clone(), Order = order };

        Assert.Equal(heavy, CalculationCost.IsHeavy(request));
    }

    /// <summary>
    /// ∂/∂v_k … ∂/∂v_1 f at <paramref name="at"/> by nested central differences, each level Richardson-extrapolated
    /// ((4 D(h/2) - D(h)) / 3, error O(h⁴)): with h = 1e-2 the truncation error is about 1e-8 and the rounding error
    /// of a third difference about 1e-16 / h³ = 1e-10, both far below the test's relative 1e-6.
    /// </summary>
    private static double Nested(Func<double[], double> f, double[] at, int[] by)
    {
        if (by.Length == 0)
        {
            return f(at);
        }

        var last = by[^1];
        var inner = by[..^1];
        var h = 1e-2 * Math.Max(1, Math.Abs(at[last]));
        double Central(double step) =>
            (Nested(f, Moved(at, last, step), inner) - Nested(f, Moved(at, last, -step), inner)) / (2 * step);
        return ((4 * Central(h / 2)) - Central(h)) / 3;
    }

    private static double[] Moved(double[] at, int i, double step)
    {
        var moved = (double[])at.Clone();
        moved[i] += step;
        return moved;
    }

    private static string Body(string expression, string[] by, string[] names, double[] at)
    {
        var point = string.Join(", ", names.Select((n, i) => $"\"{n}\": {at[i].ToString("R", CultureInfo.InvariantCulture)}"));
        var list = string.Join(", ", by.Select(v => $"\"{v}\""));
        return $$"""{ "expression": "{{expression}}", "variable": [{{list}}], "at": { {{point}} } }""";
    }
}
