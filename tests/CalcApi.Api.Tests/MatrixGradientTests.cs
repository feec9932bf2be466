using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>POST /api/matrix-gradient: the lecture's matrix results, shapes, symmetric variables and the errors.</summary>
public sealed class MatrixGradientTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    public static TheoryData<string> MatrixCases { get; } =
        new(GoldenCases.All.Where(c => c.Endpoint == Routes.MatrixGradient).Select(c => c.Id));

    /// <summary>The lecture's forms, as the lecture writes them (trace-cyclic's (B*C*D)' comes with the transpose pushed in).</summary>
    private static readonly Dictionary<string, string> LectureForms = new()
    {
        ["quadratic-form-wMw"] = "(M + M')*w",
        ["quadratic-plus-linear"] = "(M + M')*x + a",
        ["lecture-loss-aWb-c"] = "2*(a'*W*b - c)*a*b'",
        ["linear-aWb"] = "a*b'",
        ["trace-AXB"] = "A'*B'",
        ["log-det"] = "inv(X)'",
        ["logdet-function"] = "inv(X)'",
        ["det"] = "det(X)*inv(X)'",
        ["trace-linear"] = "I",
        ["trace-cyclic"] = "D'*C'*B'",
    };

    [Theory]
    [MemberData(nameof(MatrixCases))]
    public async Task The_lecture_matrix_result_is_what_the_api_answers_in_form_and_value(string id)
    {
        var golden = GoldenCases.Get(id);
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(golden.Endpoint, golden.Request.GetRawText())).ReadOkAsync();

        foreach (var expected in golden.Expect.GetProperty("gradients").EnumerateObject())
        {
            var gradient = answer.GetProperty("gradients").GetProperty(expected.Name);
            Assert.Equal(LectureForms[id], gradient.GetProperty("expression").GetString());
            AssertValuesMatch(expected.Value, gradient.GetProperty("value"), $"{id}: d/d{expected.Name}");
            var rows = expected.Value.GetArrayLength();
            var cols = expected.Value[0].ValueKind == JsonValueKind.Array ? expected.Value[0].GetArrayLength() : 1;
            Assert.Equal([rows, cols], gradient.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        }
    }

    [Fact]
    public async Task The_contract_example_answers_the_lecture_gradient_with_its_value_and_shape()
    {
        using var client = factory.CreateClient();
        const string body = """
            { "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" },
              "wrt": ["W"], "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0]], "c": 2 } }
            """;

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadOkAsync();

        var w = answer.GetProperty("gradients").GetProperty("W");
        Assert.Equal("2*(a'*W*b - c)*a*b'", w.GetProperty("expression").GetString());
        Assert.Equal(@"2 \left(a^\top W b - c\right) a b^\top", w.GetProperty("latex").GetString());
        Assert.StartsWith("<math", w.GetProperty("mathml").GetString(), StringComparison.Ordinal);
        Assert.Equal("matrix", w.GetProperty("kind").GetString());
        // a'Wb - c = (1*3 + 2*4) - 2 = 9; the gradient is 2*9*a*b'.
        AssertValuesMatch(JsonDocument.Parse("[[54, 72, 90], [108, 144, 180]]").RootElement, w.GetProperty("value"), "W");
        Approx.Equal(81, answer.GetProperty("value").GetDouble(), "f");
    }

    [Fact]
    public async Task Without_wrt_every_vector_and_matrix_variable_gets_a_gradient_and_kinds_come_from_values()
    {
        using var client = factory.CreateClient();
        const string body = """{ "expression": "a'*W*b", "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0]] } }""";

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadOkAsync();

        Assert.Equal(["a", "W", "b"], answer.GetProperty("wrt").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("W*b", answer.GetProperty("gradients").GetProperty("a").GetProperty("expression").GetString());
        Assert.Equal("a*b'", answer.GetProperty("gradients").GetProperty("W").GetProperty("expression").GetString());
        Assert.Equal("W'*a", answer.GetProperty("gradients").GetProperty("b").GetProperty("expression").GetString());
        Assert.Equal(JsonValueKind.Array, answer.GetProperty("gradients").GetProperty("a").GetProperty("value")[0].ValueKind is JsonValueKind.Number ? JsonValueKind.Array : JsonValueKind.Undefined);
    }

    [Fact]
    public async Task Symbolic_sizes_give_a_symbolic_answer_and_shape()
    {
        using var client = factory.CreateClient();
        const string body = """{ "expression": "tr(A*X*B)", "variables": { "A": { "kind": "matrix", "rows": "m", "cols": "n" }, "X": { "shape": ["n", "p"] }, "B": "matrix" }, "wrt": "X" }""";

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadOkAsync();

        var x = answer.GetProperty("gradients").GetProperty("X");
        Assert.Equal("A'*B'", x.GetProperty("expression").GetString());
        Assert.Equal(["n", "p"], x.GetProperty("shape").EnumerateArray().Select(d => d.GetString()));
        Assert.False(x.TryGetProperty("value", out _));
    }

    [Fact]
    public async Task A_symmetric_matrix_gets_the_gradient_within_symmetric_matrices_and_says_so()
    {
        using var client = factory.CreateClient();
        const string body = """{ "expression": "x'*S*x + logdet(S)", "variables": { "S": { "kind": "matrix", "symmetric": true } }, "wrt": "S", "at": { "x": [1, 2], "S": [[2, 1], [1, 3]] } }""";

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadOkAsync();

        var s = answer.GetProperty("gradients").GetProperty("S");
        Assert.True(s.GetProperty("symmetric").GetBoolean());
        Assert.Equal("inv(S) + x*x'", s.GetProperty("expression").GetString());
        // inv([[2,1],[1,3]]) = [[0.6,-0.2],[-0.2,0.4]]; x x' = [[1,2],[2,4]].
        AssertValuesMatch(JsonDocument.Parse("[[1.6, 1.8], [1.8, 4.4]]").RootElement, s.GetProperty("value"), "S");
    }

    [Theory]
    [InlineData("""{ "expression": "a'*W", "at": { "a": [1, 2], "W": [[1, 0, 0], [0, 1, 0], [0, 0, 1]] } }""", "a'*W: a' is 1×2 but W is 3×3; inner sizes 2 and 3 differ", 2)]
    [InlineData("""{ "expression": "norm(X*w - y)^2", "at": { "X": [[1, 2], [3, 4], [5, 6]], "w": [1, 1], "y": [1, 2] } }""", "X*w - y: X*w is 3×1 but y is 2×1", 11)]
    [InlineData("""{ "expression": "tr(W)", "variables": { "W": { "shape": [2, 3] } } }""", "tr needs a square matrix, but W is 2×3", 0)]
    public async Task Shapes_that_do_not_conform_are_a_422_naming_both_operands_and_their_sizes(string body, string message, int position)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
    }

    [Theory]
    [InlineData("""{ "expression": "logdet(X)", "at": { "X": [[1, 2], [2, 4]] } }""", "singular")]
    [InlineData("""{ "expression": "a'*inv(X)*b", "wrt": "a", "at": { "a": [1, 1], "b": [1, 2], "X": [[1, 2], [2, 4]] } }""", "singular")]
    [InlineData("""{ "expression": "logdet(X)", "at": { "X": [[1, 0], [0, -2]] } }""", "positive determinant")]
    [InlineData("""{ "expression": "a'*W*b", "variables": { "W": { "shape": [2, 2] } }, "at": { "a": [1, 2], "b": [1, 2], "W": [[1, 2, 3], [4, 5, 6]] } }""", "'W' is declared a 2×2 matrix, but its value is a 2×3 matrix")]
    [InlineData("""{ "expression": "sum(a)", "variables": { "a": "vector" }, "at": { "a": [[1, 2], [3, 4]] } }""", "'a' is declared a vector, but its value is a 2×2 matrix")]
    [InlineData("""{ "expression": "sum(W)", "variables": { "W": { "shape": [2, 2] } }, "at": { "W": 3 } }""", "'W' is declared a 2×2 matrix, but its value is a number")]
    [InlineData("""{ "expression": "x'*S*x", "variables": { "S": { "kind": "matrix", "symmetric": true } }, "at": { "x": [1, 2], "S": [[1, 2], [3, 4]] } }""", "'S' is declared symmetric, but its value is not")]
    [InlineData("""{ "expression": "W", "at": { "W": [[1, 2], [3, 4]] } }""", "The expression is a 2×2 matrix")]
    [InlineData("""{ "expression": "a'*b", "wrt": "q", "at": { "a": [1], "b": [2] } }""", "wrt names 'q'")]
    [InlineData("""{ "expression": "x", "variables": { "x": "tensor" } }""", "the kinds are")]
    public async Task What_the_engine_cannot_answer_is_a_422_that_says_why(string body, string message)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.MatrixGradient, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await client.AssertStillAnswersAsync();
    }

    [Fact]
    public async Task The_scalar_endpoint_differentiates_through_matrix_sub_expressions()
    {
        using var client = factory.CreateClient();
        const string body = """{ "expression": "det(I + t*M)", "variable": "t", "at": { "t": 0, "M": [[1.28, 1.01, -0.53], [-0.07, 0.75, -0.56], [1.04, -1.21, 1.06]] } }""";

        var answer = await (await client.PostJsonAsync(Routes.Differentiate, body)).ReadOkAsync();

        Assert.Equal("det(I + t*M)*tr(inv(I + t*M)*M)", answer.GetProperty("derivative").GetString());
        Approx.Equal(3.09, answer.GetProperty("value").GetDouble(), "d/dt det(I + tM) at 0 = tr(M)");
    }

    private static void AssertValuesMatch(JsonElement expected, JsonElement actual, string what)
    {
        if (expected.ValueKind == JsonValueKind.Number)
        {
            Approx.Equal(expected.GetDouble(), actual.GetDouble(), what);
            return;
        }

        Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
        foreach (var (e, a, i) in expected.EnumerateArray().Zip(actual.EnumerateArray()).Select((p, i) => (p.First, p.Second, i)))
        {
            AssertValuesMatch(e, a, $"{what}[{i}]");
        }
    }
}

/// <summary>
/// <c>"layout": "numerator"</c> (issue 13): each gradient is the transpose of the default, denominator-layout one,
/// expression, shape and value alike, and the response says which layout it used and how the two relate.
/// </summary>
public sealed class GradientLayoutTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private const string Lecture = """
        "expression": "(a'*W*b - c)^2 + w'*M*w",
        "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar", "w": "vector", "M": "matrix" },
        "wrt": ["W", "w", "c"],
        "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0]], "c": 2, "w": [1, 2], "M": [[1, 2], [3, 4]] }
        """;

    [Fact]
    public async Task Numerator_layout_is_the_transpose_of_the_default_in_expression_shape_and_value()
    {
        using var client = factory.CreateClient();

        var denominator = await (await client.PostJsonAsync(Routes.MatrixGradient, $$"""{ {{Lecture}} }""")).ReadOkAsync();
        var numerator = await (await client.PostJsonAsync(Routes.MatrixGradient, $$"""{ {{Lecture}}, "layout": "numerator" }""")).ReadOkAsync();

        Assert.Equal("denominator", denominator.GetProperty("layout").GetString());
        Assert.Equal("numerator", numerator.GetProperty("layout").GetString());
        Assert.Contains("transpose", numerator.GetProperty("layoutNote").GetString(), StringComparison.Ordinal);
        var (dW, nW) = (denominator.GetProperty("gradients").GetProperty("W"), numerator.GetProperty("gradients").GetProperty("W"));
        Assert.Equal("2*(a'*W*b - c)*a*b'", dW.GetProperty("expression").GetString());
        Assert.Equal("2*(a'*W*b - c)*b*a'", nW.GetProperty("expression").GetString());
        Assert.Equal("[3,2]", nW.GetProperty("shape").GetRawText());
        Assert.Equal(Transposed(Rows(dW.GetProperty("value"))), Rows(nW.GetProperty("value")));
        // A vector's gradient becomes a row: one row of numbers, [[12, 21]], where the default writes [12, 21].
        var nw = numerator.GetProperty("gradients").GetProperty("w");
        Assert.Equal("w'*(M + M')", nw.GetProperty("expression").GetString());
        Assert.Equal("[1,2]", nw.GetProperty("shape").GetRawText());
        Assert.Equal("[[12,21]]", nw.GetProperty("value").GetRawText());
        Assert.Equal("[12,21]", denominator.GetProperty("gradients").GetProperty("w").GetProperty("value").GetRawText());
        // A scalar's derivative is the same number in both layouts.
        Assert.Equal(
            denominator.GetProperty("gradients").GetProperty("c").GetProperty("value").GetRawText(),
            numerator.GetProperty("gradients").GetProperty("c").GetProperty("value").GetRawText());
    }

    [Fact]
    public async Task A_vector_of_length_one_in_numerator_layout_is_a_one_by_one_row()
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.MatrixGradient,
            """{ "expression": "sum(exp(x))", "variables": { "x": "vector" }, "at": { "x": [0] }, "layout": "numerator" }""")).ReadOkAsync();

        Assert.Equal("[[1]]", answer.GetProperty("gradients").GetProperty("x").GetProperty("value").GetRawText());
    }

    [Theory]
    [InlineData("\"sideways\"", HttpStatusCode.UnprocessableEntity)]
    [InlineData("\"Numerator\"", HttpStatusCode.UnprocessableEntity)]
    [InlineData("2", HttpStatusCode.BadRequest)]
    public async Task An_unknown_layout_is_refused_naming_the_field(string layout, HttpStatusCode status)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.MatrixGradient,
            $$"""{ "expression": "x'*x", "variables": { "x": "vector" }, "layout": {{layout}} }""")).ReadProblemAsync(status);

        Assert.Equal("layout", problem.GetProperty("field").GetString());
    }

    private static double[][] Rows(JsonElement value) =>
        [.. value.EnumerateArray().Select(row => row.EnumerateArray().Select(x => x.GetDouble()).ToArray())];

    private static double[][] Transposed(double[][] m) =>
        [.. Enumerable.Range(0, m[0].Length).Select(j => m.Select(row => row[j]).ToArray())];
}
