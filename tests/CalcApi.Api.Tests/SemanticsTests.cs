using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// Contract section 5 through HTTP: shapes keep their kind whatever the sizes, and input is strict (numbers are
/// numbers, a wrong JSON type is a 400 naming the field, reserved names are not silently dropped, limits are named).
/// </summary>
public sealed class SemanticsTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    /// <summary>Request, the variable, its expected kind, shape and value as JSON.</summary>
    public static TheoryData<string, string, string, string, string> GradientShapes { get; } = new()
    {
        { """{ "expression": "sum(X)", "at": { "X": [[2]] } }""", "X", "matrix", "[1,1]", "[[1]]" },
        { """{ "expression": "sum(X)", "variables": { "X": "matrix" }, "at": { "X": [[2]] } }""", "X", "matrix", "[1,1]", "[[1]]" },
        { """{ "expression": "sum(v)", "variables": { "v": "vector" }, "at": { "v": [3] } }""", "v", "vector", "[1,1]", "[1]" },
        { """{ "expression": "sum(v)", "at": { "v": [3] } }""", "v", "vector", "[1,1]", "[1]" },
        { """{ "expression": "sum(v.^2)", "variables": { "v": "vector" }, "at": { "v": 3 } }""", "v", "vector", "[1,1]", "[6]" },
        { """{ "expression": "sum(X.^2)", "variables": { "X": "matrix" }, "at": { "X": [[2], [3]] } }""", "X", "matrix", "[2,1]", "[[4],[6]]" },
        { """{ "expression": "sum(X)", "at": { "X": [[2], [3]] } }""", "X", "matrix", "[2,1]", "[[1],[1]]" },
        { """{ "expression": "sum(X.^2)", "variables": { "X": "matrix" }, "at": { "X": [2, 3] } }""", "X", "matrix", "[2,1]", "[[4],[6]]" },
        { """{ "expression": "sum(X.^2)", "at": { "X": [[2, 3]] } }""", "X", "matrix", "[1,2]", "[[4,6]]" },
        { """{ "expression": "sum(v.^2)", "at": { "v": [2, 3] } }""", "v", "vector", "[2,1]", "[4,6]" },
        { """{ "expression": "x^2", "variables": { "x": "scalar" }, "at": { "x": 3 } }""", "x", "scalar", "[1,1]", "6" },
    };

    [Theory]
    [MemberData(nameof(GradientShapes))]
    public async Task A_gradient_has_its_variables_kind_and_json_form_whatever_the_sizes(string request, string variable, string kind, string shape, string value)
    {
        using var client = factory.CreateClient();

        var gradient = (await (await client.PostJsonAsync(Routes.MatrixGradient, request)).ReadOkAsync()).GetProperty("gradients").GetProperty(variable);

        Assert.Equal(kind, gradient.GetProperty("kind").GetString());
        Assert.Equal(shape, gradient.GetProperty("shape").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(value, Compact(gradient.GetProperty("value")));
    }

    [Theory]
    [InlineData("""{ "expression": "norm(a)", "variables": { "a": "vector", "b": { "shape": [3] } }, "wrt": "b" }""", "zeros(3, 1)", "[3,1]")]
    [InlineData("""{ "expression": "x^2", "variables": { "W": { "shape": [2, 2] } }, "wrt": "W" }""", "zeros(2, 2)", "[2,2]")]
    public async Task A_variable_the_function_does_not_depend_on_has_a_zero_gradient_of_its_own_shape(string request, string expression, string shape)
    {
        using var client = factory.CreateClient();

        var gradient = (await (await client.PostJsonAsync(Routes.MatrixGradient, request)).ReadOkAsync()).GetProperty("gradients").EnumerateObject().Single().Value;

        // Not the number 0: an answer's printed form has the variable's shape, as its value does.
        Assert.Equal(expression, gradient.GetProperty("expression").GetString());
        Assert.Equal(shape, gradient.GetProperty("shape").GetRawText().Replace(" ", "", StringComparison.Ordinal));
    }

    /// <summary>Request, the optimised variable, the JSON form of its solution (values rounded).</summary>
    public static TheoryData<string, string, string> SolutionShapes { get; } = new()
    {
        { """{ "loss": "sum((v - 1).^2)", "initial": { "v": [3] }, "optimizer": { "learningRate": 0.25 } }""", "v", "[1]" },
        { """{ "loss": "sum((X - 1).^2)", "initial": { "X": [[3]] }, "optimizer": { "learningRate": 0.25 } }""", "X", "[[1]]" },
        { """{ "loss": "sum((X - 1).^2)", "initial": { "X": [[3], [4]] }, "optimizer": { "learningRate": 0.25 } }""", "X", "[[1],[1]]" },
        { """{ "loss": "sum((X - 1).^2)", "variables": { "X": "matrix" }, "initial": { "X": [3, 4] }, "optimizer": { "learningRate": 0.25 } }""", "X", "[[1],[1]]" },
        { """{ "loss": "sum((v - 1).^2)", "variables": { "v": "vector" }, "initial": { "v": 3 }, "optimizer": { "learningRate": 0.25 } }""", "v", "[1]" },
        { """{ "loss": "sum((v - 1).^2)", "initial": { "v": [3, 4] }, "optimizer": { "learningRate": 0.25 } }""", "v", "[1,1]" },
        { """{ "loss": "(x - 1)^2", "initial": { "x": 3 }, "optimizer": { "learningRate": 0.25 } }""", "x", "1" },
    };

    [Theory]
    [MemberData(nameof(SolutionShapes))]
    public async Task An_optimised_variable_keeps_its_kind_in_the_solution_and_the_streamed_summary(string request, string variable, string solution)
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(Routes.Optimize, request)).ReadOkAsync();
        Assert.Equal(solution, Compact(answer.GetProperty("solution").GetProperty(variable), round: true));

        var stream = await (await client.PostJsonAsync(Routes.OptimizeStream, request)).Content.ReadAsStringAsync();
        var summary = stream.Split('\n').SkipWhile(l => l != "event: summary").Skip(1).First(l => l.StartsWith("data: ", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(summary["data: ".Length..]);
        Assert.Equal(solution, Compact(document.RootElement.GetProperty("solution").GetProperty(variable), round: true));
    }

    [Theory]
    [InlineData("""{ "expression": "tr(X)", "variables": { "X": { "kind": "matrix", "symmetric": true } }, "at": { "X": [[1, 2, 3], [4, 5, 6]] } }""", "2×3, not square")]
    [InlineData("""{ "expression": "tr(X)", "variables": { "X": { "kind": "matrix", "rows": 2, "cols": 3, "symmetric": true } } }""", "2×3")]
    [InlineData("""{ "expression": "x^2", "variables": { "x": "scalar" }, "at": { "x": [3] } }""", "vector of length 1")]
    public async Task A_value_or_declaration_that_cannot_have_its_declared_kind_is_a_422_naming_the_variable(string request, string says)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(Routes.MatrixGradient, request)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(says, detail);
        Assert.Contains("declared", detail);
    }

    [Fact]
    public async Task A_symmetric_variable_is_optimised_within_symmetric_matrices()
    {
        using var client = factory.CreateClient();
        const string request = """
            { "loss": "norm(X - A)^2", "variables": { "X": { "kind": "matrix", "symmetric": true } },
              "constants": { "A": [[1, 2], [0, 3]] }, "initial": { "X": [[0, 0], [0, 0]] },
              "optimizer": { "learningRate": 0.1 }, "maxIterations": 2000 }
            """;

        var answer = await (await client.PostJsonAsync(Routes.Optimize, request)).ReadOkAsync();

        // The nearest symmetric matrix to A is (A + A')/2 = [[1, 1], [1, 3]]; unconstrained, the run would reach A.
        Assert.Equal("[[1,1],[1,3]]", Compact(answer.GetProperty("solution").GetProperty("X"), round: true));
        Assert.Equal("tolerance", answer.GetProperty("stopReason").GetString());
    }

    [Fact]
    public async Task A_symmetric_variable_needs_a_symmetric_initial_value()
    {
        using var client = factory.CreateClient();
        const string request = """
            { "loss": "norm(X)^2", "variables": { "X": { "kind": "matrix", "symmetric": true } }, "initial": { "X": [[0, 1], [0, 0]] } }
            """;

        var problem = await (await client.PostJsonAsync(Routes.Optimize, request)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("'X' is declared symmetric", problem.GetProperty("detail").GetString());
    }

    /// <summary>Route, body, the field the 400 names, and what it says the field takes.</summary>
    public static TheoryData<string, string, string, string> WrongJsonTypes { get; } = new()
    {
        { Routes.Differentiate, """{ "expression": "x^3", "order": "2" }""", "order", "a whole number" },
        { Routes.Differentiate, """{ "expression": "x^3", "order": true }""", "order", "a whole number" },
        { Routes.Differentiate, """{ "expression": "x^3", "order": 1.5 }""", "order", "a whole number" },
        { Routes.Differentiate, """{ "expression": 5 }""", "expression", "a string" },
        { Routes.Differentiate, """{ "expression": "x", "variable": 5 }""", "variable", "a name or an array of names" },
        { Routes.Gradient, """{ "expression": "x", "variables": "x" }""", "variables", "an array of strings" },
        { Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "maxIterations": "100" }""", "maxIterations", "a whole number" },
        { Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "tolerance": "1e-6" }""", "tolerance", "a number" },
        { Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "learningRate": "0.1" } }""", "optimizer.learningRate", "a number" },
        { Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": "gd" }""", "optimizer", "an object" },
        { Routes.Landscape, """{ "loss": "x^2 + y^2", "initial": { "x": 1, "y": 1 }, "xRange": [0, "1"], "yRange": [0, 1] }""", "xRange[1]", "a number" },
    };

    [Theory]
    [MemberData(nameof(WrongJsonTypes))]
    public async Task A_field_of_the_wrong_json_type_is_a_400_naming_the_field_and_its_type(string route, string body, string field, string expected)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(route, body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.StartsWith($"`{field}` must be {expected}", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Routes.Differentiate, """{ "expression": "" }""")]
    [InlineData(Routes.Differentiate, """{ "expression": "   " }""")]
    [InlineData(Routes.Gradient, """{ "expression": "" }""")]
    [InlineData(Routes.MatrixGradient, """{ "expression": " " }""")]
    [InlineData(Routes.Optimize, """{ "loss": "", "initial": { "x": 1 } }""")]
    public async Task An_empty_or_blank_expression_is_a_syntax_problem_at_position_0(string route, string body)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(route, body)).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal("syntax", problem.GetProperty("kind").GetString());
        Assert.Equal(0, problem.GetProperty("position").GetInt32());
    }

    /// <summary>Route, body, the name the 422 is about.</summary>
    public static TheoryData<string, string, string> ReservedValues { get; } = new()
    {
        { Routes.Differentiate, """{ "expression": "e*x", "variable": "x", "at": { "x": 1, "e": 2 } }""", "'e'" },
        { Routes.Differentiate, """{ "expression": "pi*x", "at": { "x": 1, "pi": 3 } }""", "'pi'" },
        { Routes.Gradient, """{ "expression": "sin*x", "at": { "x": 1, "sin": 2 } }""", "'sin'" },
        { Routes.MatrixGradient, """{ "expression": "sum(I*x)", "variables": { "x": "vector" }, "at": { "x": [1, 2], "I": [[1, 0], [0, 1]] } }""", "'I'" },
        { Routes.Optimize, """{ "loss": "(x - e)^2", "constants": { "e": 3 }, "initial": { "x": 0 } }""", "'e'" },
    };

    [Theory]
    [MemberData(nameof(ReservedValues))]
    public async Task A_value_for_a_reserved_name_that_is_not_declared_is_a_422(string route, string body, string name)
    {
        using var client = factory.CreateClient();

        var problem = await (await client.PostJsonAsync(route, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("invalidArgument", problem.GetProperty("kind").GetString());
        Assert.Contains(name, problem.GetProperty("detail").GetString());
    }

    /// <summary>Route, body, the field holding the value, the value the reserved name's value makes it.</summary>
    public static TheoryData<string, string, string, double> DeclaredReservedValues { get; } = new()
    {
        { Routes.Differentiate, """{ "expression": "e^2 + e", "variable": "e", "at": { "e": 2 } }""", "value", 5 },
        { Routes.MatrixGradient, """{ "expression": "e^2", "variables": { "e": "scalar" }, "at": { "e": 3 } }""", "gradients.e.value", 6 },
        { Routes.MatrixGradient, """{ "expression": "e^2", "wrt": "e", "at": { "e": 3 } }""", "gradients.e.value", 6 },
        { Routes.Gradient, """{ "expression": "sin*x", "variables": ["x", "sin"], "at": { "x": 1, "sin": 2 } }""", "gradient.x.value", 2 },
        { Routes.Optimize, """{ "loss": "(x - e)^2", "variables": { "e": "scalar" }, "constants": { "e": 3 }, "initial": { "x": 3 } }""", "loss", 0 },
    };

    [Theory]
    [MemberData(nameof(DeclaredReservedValues))]
    public async Task A_declared_reserved_name_takes_its_value(string route, string body, string field, double expected)
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(route, body)).ReadOkAsync();

        var value = field.Split('.').Aggregate(answer, (e, part) => e.GetProperty(part));
        Assert.Equal(expected, value.GetDouble(), 12);
    }

    /// <summary>Contract section 7: naming a reserved name in `variable`, `variables` or `wrt` declares it, with or without a value for it.</summary>
    [Theory]
    [InlineData(Routes.Differentiate, """{ "expression": "e^2 + e", "variable": "e" }""", "derivative", "2*e + 1")]
    [InlineData(Routes.Gradient, """{ "expression": "pi*x + pi^2", "variables": ["pi"] }""", "gradient.pi.expression", "2*pi + x")]
    [InlineData(Routes.MatrixGradient, """{ "expression": "e^2", "wrt": "e" }""", "gradients.e.expression", "2*e")]
    public async Task A_reserved_name_named_as_the_variable_is_one(string route, string body, string field, string expected)
    {
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(route, body)).ReadOkAsync();

        Assert.Equal(expected, field.Split('.').Aggregate(answer, (e, part) => e.GetProperty(part)).GetString());
    }

    [Theory]
    [InlineData(100_000, HttpStatusCode.UnprocessableEntity, "maxHistoryPoints")]
    [InlineData(1, HttpStatusCode.UnprocessableEntity, null)]
    public async Task HistoryPoints_outside_its_range_is_refused_not_clamped(int historyPoints, HttpStatusCode status, string? limit)
    {
        using var client = factory.CreateClient();
        var body = $$"""{ "loss": "x^2", "initial": { "x": 1 }, "historyPoints": {{historyPoints}} }""";

        var problem = await (await client.PostJsonAsync(Routes.Optimize, body)).ReadProblemAsync(status);

        Assert.Contains("historyPoints", problem.GetProperty("detail").GetString());
        if (limit is not null)
        {
            Assert.Equal("limitExceeded", problem.GetProperty("kind").GetString());
            Assert.Equal(limit, problem.GetProperty("limit").GetString());
            Assert.Equal(2000, problem.GetProperty("max").GetInt32());
        }
    }

    [Fact]
    public async Task HistoryPoints_at_its_limit_and_left_out_are_answered()
    {
        using var client = factory.CreateClient();

        var atLimit = await (await client.PostJsonAsync(Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "historyPoints": 2000, "maxIterations": 10 }""")).ReadOkAsync();
        var leftOut = await (await client.PostJsonAsync(Routes.Optimize, """{ "loss": "x^2", "initial": { "x": 1 }, "maxIterations": 500 }""")).ReadOkAsync();

        Assert.Equal(11, atLimit.GetProperty("history").GetArrayLength());
        Assert.InRange(leftOut.GetProperty("history").GetArrayLength(), 2, 200);
    }

    /// <summary>The JSON without spaces; with <paramref name="round"/>, numbers rounded to 6 places (optimiser results).</summary>
    private static string Compact(JsonElement e, bool round = false) => e.ValueKind switch
    {
        JsonValueKind.Array => $"[{string.Join(",", e.EnumerateArray().Select(x => Compact(x, round)))}]",
        JsonValueKind.Number when round => Math.Round(e.GetDouble(), 6).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => e.GetRawText(),
    };
}
