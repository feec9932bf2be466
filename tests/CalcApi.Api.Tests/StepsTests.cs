using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>"steps": true on /api/differentiate, /api/gradient and /api/matrix-gradient (contract section 6): the derivation, line by line, in three forms.</summary>
public sealed class StepsTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static readonly string[] Codes =
    [
        "start", "constant", "variable", "sum", "constantFactor", "product", "quotient", "power", "generalPower", "exponential",
        "logarithm", "trigonometric", "inverseTrigonometric", "hyperbolic", "absoluteValue", "chain", "special", "matrixFunction", "simplify",
    ];

    private static List<JsonElement> Steps(JsonElement answer) => [.. answer.GetProperty("steps").EnumerateArray()];

    [Fact]
    public async Task Exp_of_cos_of_x_squared_is_derived_by_the_chain_rule_twice_and_the_power_rule()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "exp(cos(x^2))", "variable": "x", "steps": true }""")).ReadOkAsync();
        var steps = Steps(answer);

        Assert.Equal("diff(exp(cos(x^2)), x)", steps[0].GetProperty("expression").GetString());
        Assert.Equal(["start", "chain", "chain", "power"], steps.Take(4).Select(s => s.GetProperty("rule").GetString()));
        Assert.Equal("Chain rule: the derivative of exp(u) is exp(u) times the derivative of u, with u = cos(x^2).", steps[1].GetProperty("explanation").GetString());
        Assert.Equal(answer.GetProperty("derivative").GetString(), steps[^1].GetProperty("expression").GetString());
        Assert.All(steps, s =>
        {
            Assert.Contains(s.GetProperty("rule").GetString(), Codes);
            Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("latex").GetString()));
            Assert.StartsWith("<math", s.GetProperty("mathml").GetString(), StringComparison.Ordinal);
            Assert.Equal(1, s.GetProperty("order").GetInt32());
            Assert.False(s.TryGetProperty("reference", out _));
        });
        Assert.Contains(@"\frac{d}{dx}", steps[1].GetProperty("latex").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x^x + sin(x)/(x^2 + 1)")]
    [InlineData("exp(cos(x^2))")]
    [InlineData("log(1 + x^2)*atan(x)")]
    public async Task Every_line_read_back_is_the_derivative_it_stands_for(string expression)
    {
        using var client = factory.CreateClient();
        var answer = await (await client.PostJsonAsync(Routes.Differentiate,
            JsonSerializer.Serialize(new { expression, variable = "x", steps = true, at = new { x = 0.8 } }))).ReadOkAsync();
        var expected = answer.GetProperty("value").GetDouble();

        // diff(…) is read as the derivative it stands for, so each line, sent back, must have the derivative's value:
        // d/dt of t·(line) is the line's value (the line does not depend on t).
        foreach (var step in Steps(answer))
        {
            var line = step.GetProperty("expression").GetString()!;
            var read = await (await client.PostJsonAsync(Routes.Differentiate,
                JsonSerializer.Serialize(new { expression = $"t*({line})", variable = "t", at = new { x = 0.8, t = 1.0 } }))).ReadOkAsync();
            Assert.True(Math.Abs(read.GetProperty("value").GetDouble() - expected) <= 1e-10 * Math.Max(1, Math.Abs(expected)),
                $"{step.GetProperty("rule").GetString()}: {line} is {read.GetProperty("value").GetDouble()}, the derivative {expected}");
        }
    }

    [Fact]
    public async Task Brief_steps_merge_the_trivial_rules()
    {
        using var client = factory.CreateClient();
        const string body = """{ "expression": "3*x^2 + 5*x + sin(2*x)", "variable": "x", "steps": true, "detail": "brief" }""";

        var brief = Steps(await (await client.PostJsonAsync(Routes.Differentiate, body)).ReadOkAsync());
        var full = Steps(await (await client.PostJsonAsync(Routes.Differentiate, body.Replace("brief", "full", StringComparison.Ordinal))).ReadOkAsync());

        Assert.True(brief.Count < full.Count);
        Assert.DoesNotContain(brief.Skip(1).SkipLast(1), s => s.GetProperty("rule").GetString() is "sum" or "constant" or "constantFactor" or "variable");
        Assert.Equal(full[^1].GetProperty("expression").GetString(), brief[^1].GetProperty("expression").GetString());
    }

    [Fact]
    public async Task A_second_order_is_two_derivations_each_starting_from_the_derivative_before()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^3*exp(x)", "variable": "x", "order": 2, "steps": true }""")).ReadOkAsync();
        var steps = Steps(answer);

        Assert.Equal([1, 2], steps.Where(s => s.GetProperty("rule").GetString() == "start").Select(s => s.GetProperty("order").GetInt32()));
        Assert.Equal(answer.GetProperty("derivative").GetString(), steps[^1].GetProperty("expression").GetString());
        Assert.Equal(2, steps[^1].GetProperty("order").GetInt32());
    }

    [Fact]
    public async Task Every_component_of_a_gradient_has_its_own_derivation()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Gradient, """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "steps": true }""")).ReadOkAsync();

        foreach (var (name, component) in new[] { ("x", answer.GetProperty("gradient").GetProperty("x")), ("y", answer.GetProperty("gradient").GetProperty("y")) })
        {
            var steps = Steps(component);
            Assert.Equal($"diff(x^2*y + sin(y), {name})", steps[0].GetProperty("expression").GetString());
            Assert.Equal(component.GetProperty("expression").GetString(), steps[^1].GetProperty("expression").GetString());
        }
    }

    [Fact]
    public async Task Without_steps_nothing_is_answered_or_recorded()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "exp(cos(x^2))", "variable": "x" }""")).ReadOkAsync();

        Assert.False(answer.TryGetProperty("steps", out _));
    }

    [Theory]
    [InlineData("""{ "expression": "x^2", "variable": "x", "detail": "brief" }""", "detail")]
    [InlineData("""{ "expression": "x^2", "variable": "x", "steps": true, "detail": "short" }""", "detail")]
    [InlineData("""{ "expression": "x^2", "variable": "x", "steps": false, "detail": "full" }""", "detail")]
    public async Task A_detail_that_cannot_apply_is_a_422_naming_it(string body, string field)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Steps_that_are_not_a_boolean_are_a_400_naming_the_field()
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^2", "steps": "yes" }""")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("steps", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lecture_loss_is_derived_by_the_method_of_differentials_and_ends_at_the_answer()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": "W", "steps": true }"""))
            .ReadOkAsync();
        var gradient = answer.GetProperty("gradients").GetProperty("W");
        var steps = Steps(gradient);

        Assert.Equal(
            ["d((a'*W*b - c)^2)", "2*(a'*W*b - c)*d(a'*W*b - c)", "2*(a'*W*b - c)*a'*d(W)*b", "2*(a'*W*b - c)*tr(b*a'*d(W))", "2*(a'*W*b - c)*a*b'"],
            steps.Select(s => s.GetProperty("expression").GetString()));
        Assert.Equal(["start", "chain", "linearity", "traceCyclic", "identify"], steps.Select(s => s.GetProperty("rule").GetString()));
        Assert.Equal(["differential", "differential", "differential", "differential", "gradient"], steps.Select(s => s.GetProperty("form").GetString()));
        Assert.Equal(gradient.GetProperty("expression").GetString(), steps[^1].GetProperty("expression").GetString());
        Assert.Contains(@"\mathrm{d}W", steps[2].GetProperty("latex").GetString(), StringComparison.Ordinal);
        Assert.Contains("<mi>d</mi><mi>W</mi>", steps[2].GetProperty("mathml").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_numerator_layout_the_last_line_is_the_answer_transposed_as_the_answer_is()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": "W", "steps": true, "layout": "numerator" }"""))
            .ReadOkAsync();
        var gradient = answer.GetProperty("gradients").GetProperty("W");
        var steps = Steps(gradient);

        Assert.Equal("identify", steps[^2].GetProperty("rule").GetString());
        Assert.Equal("layout", steps[^1].GetProperty("rule").GetString());
        Assert.Equal("gradient", steps[^1].GetProperty("form").GetString());
        Assert.Equal(gradient.GetProperty("expression").GetString(), steps[^1].GetProperty("expression").GetString());
    }

    [Fact]
    public async Task A_determinant_step_cites_the_matrix_cookbook_and_a_symmetric_variable_ends_symmetrised()
    {
        using var client = factory.CreateClient();

        var det = Steps((await (await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "det(X)", "variables": { "X": "matrix" }, "steps": true }""")).ReadOkAsync()).GetProperty("gradients").GetProperty("X"));
        var symmetric = (await (await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "logdet(S) + tr(S*A)", "variables": { "S": { "kind": "matrix", "rows": 3, "cols": 3, "symmetric": true }, "A": "matrix" }, "wrt": "S", "steps": true, "detail": "brief" }""")).ReadOkAsync())
            .GetProperty("gradients").GetProperty("S");

        Assert.Equal("Matrix Cookbook (42)", det.Single(s => s.GetProperty("rule").GetString() == "determinant").GetProperty("reference").GetString());
        Assert.Equal("symmetrize", Steps(symmetric)[^1].GetProperty("rule").GetString());
        Assert.Equal(symmetric.GetProperty("expression").GetString(), Steps(symmetric)[^1].GetProperty("expression").GetString());
        // Brief: the linearity that splits the sum is applied silently, so the line after d(f) is the log-determinant's.
        Assert.Equal("logdet", Steps(symmetric)[1].GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Scalar_steps_carry_no_form()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^2", "variable": "x", "steps": true }""")).ReadOkAsync();

        Assert.All(Steps(answer), s => Assert.False(s.TryGetProperty("form", out _)));
    }

    [Fact]
    public async Task A_derivation_too_large_to_print_is_a_422_naming_the_limit()
    {
        // A small limit, so that the refusal is quick even on a busy machine (the 128-factor product is refused at the default one).
        using var client = factory.WithSettings(("Limits:MaxResultNodes", "2000")).CreateClient();
        var product = string.Join("*", Enumerable.Range(1, 12).Select(k => $"(x + {k})"));

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, JsonSerializer.Serialize(new { expression = product, variable = "x", steps = true })))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("maxResultNodes", problem.GetProperty("limit").GetString());
        Assert.Contains("Ask without steps", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string> ScalarGoldenCases { get; } =
        new(GoldenCases.All.Where(c => c.Endpoint is Routes.Differentiate or Routes.Gradient).Select(c => c.Id));

    [Theory]
    [MemberData(nameof(ScalarGoldenCases))]
    public async Task Every_line_of_a_lecture_derivation_read_back_has_the_answer_s_value(string id)
    {
        var golden = GoldenCases.Get(id);
        using var client = factory.CreateClient();
        var request = System.Text.Json.Nodes.JsonNode.Parse(golden.Request.GetRawText())!.AsObject();
        request["steps"] = true;
        var at = request["at"]!.AsObject();

        var answer = await (await client.PostJsonAsync(golden.Endpoint, request.ToJsonString())).ReadOkAsync();
        var derivations = golden.Endpoint == Routes.Differentiate
            ? [(answer.GetProperty("value").GetDouble(), Steps(answer))]
            : answer.GetProperty("gradient").EnumerateObject().Select(c => (c.Value.GetProperty("value").GetDouble(), Steps(c.Value))).ToList();
        var order = request["order"]?.GetValue<int>() ?? 1;

        foreach (var (answered, steps) in derivations)
        {
            foreach (var step in steps)
            {
                // A line of order k equals the k-th derivative: the answer for the last order, asked for the others.
                var k = step.GetProperty("order").GetInt32();
                var expected = k == order ? answered : await ValueOfOrder(client, request, k);

                // d/dw of w·(line) is the line's value; w_aux is not a name of the lecture's expressions.
                var point = System.Text.Json.Nodes.JsonNode.Parse(at.ToJsonString())!.AsObject();
                point["w_aux"] = 1.0;
                var body = new System.Text.Json.Nodes.JsonObject { ["expression"] = $"w_aux*({step.GetProperty("expression").GetString()})", ["variable"] = "w_aux", ["at"] = point };
                var read = await (await client.PostJsonAsync(Routes.Differentiate, body.ToJsonString())).ReadOkAsync();
                Assert.True(Math.Abs(read.GetProperty("value").GetDouble() - expected) <= 1e-9 * Math.Max(1, Math.Abs(expected)),
                    $"{id}, {step.GetProperty("rule").GetString()}: {step.GetProperty("expression").GetString()} is {read.GetProperty("value").GetDouble()}, the derivative {expected}");
            }
        }
    }

    private static async Task<double> ValueOfOrder(HttpClient client, System.Text.Json.Nodes.JsonObject request, int order)
    {
        var asked = System.Text.Json.Nodes.JsonNode.Parse(request.ToJsonString())!.AsObject();
        asked["order"] = order;
        asked.Remove("steps");
        return (await (await client.PostJsonAsync(Routes.Differentiate, asked.ToJsonString())).ReadOkAsync()).GetProperty("value").GetDouble();
    }

    [Fact]
    public async Task A_matrix_function_inside_a_scalar_expression_is_one_line_of_its_own()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, """{ "expression": "det(x*ones(2, 2) + I) + x^2", "variable": "x", "steps": true }""")).ReadOkAsync();

        Assert.Contains(Steps(answer), s => s.GetProperty("rule").GetString() == "matrixFunction");
        Assert.Equal(answer.GetProperty("derivative").GetString(), Steps(answer)[^1].GetProperty("expression").GetString());
    }

    [Theory]
    [InlineData("""{ "expression": "x*y" }""", "variable")]
    [InlineData("""{ "expression": "x^2", "variable": "2x" }""", "variable")]
    [InlineData("""{ "expression": "x^2", "order": 0 }""", "order")]
    [InlineData("""{ "expression": "x^2", "order": 11 }""", "order")]
    public async Task A_problem_with_the_variable_or_the_order_names_its_field_so_a_form_can_show_it_there(string body, string field)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.Differentiate, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal(field, problem.GetProperty("field").GetString());
    }
}
