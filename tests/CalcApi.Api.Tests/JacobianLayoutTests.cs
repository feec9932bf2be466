using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// <c>"layout"</c> on POST /api/jacobian (issue 13). The contract's Jacobian is in numerator layout (m×n,
/// J[i][j] = ∂fᵢ/∂xⱼ), the default; <c>"denominator"</c>, the lecture's, gives its transpose (n×m). Every value is
/// checked against central differences of the functions written here in C#, with m ≠ n, so that a transpose
/// missing or applied twice fails on the numbers, not only on the shape.
/// </summary>
public sealed class JacobianLayoutTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>Three functions of two variables, and the same functions in C#.</summary>
    private const string Table = """ "expressions": ["x*y^2", "sin(x) + y", "exp(x*y)"], "variables": ["x", "y"], "at": { "x": 0.7, "y": -0.4 } """;

    private static readonly Func<double[], double>[] TableFunctions =
    [
        p => p[0] * p[1] * p[1],
        p => Math.Sin(p[0]) + p[1],
        p => Math.Exp(p[0] * p[1]),
    ];

    private static readonly double[] TablePoint = [0.7, -0.4];

    /// <summary>g(x) = B*tanh(A*x), A 3×2, B 4×3: a 4×2 Jacobian, and g in C#.</summary>
    private const string ClosedForm = """
        "expression": "B*tanh(A*x)", "variables": { "A": "matrix", "B": "matrix", "x": "vector" }, "wrt": "x",
        "at": { "A": [[1, -0.5], [0.3, 2], [-1, 0.8]], "B": [[2, 0, 1], [-1, 0.5, 0], [0, 1, 1], [0.3, -0.2, 0.7]], "x": [0.4, -0.3] }
        """;

    private static readonly double[][] A = [[1, -0.5], [0.3, 2], [-1, 0.8]];
    private static readonly double[][] B = [[2, 0, 1], [-1, 0.5, 0], [0, 1, 1], [0.3, -0.2, 0.7]];
    private static readonly double[] ClosedFormPoint = [0.4, -0.3];

    private static double G(int k, double[] x)
    {
        var sum = 0.0;
        for (var r = 0; r < A.Length; r++)
        {
            sum += B[k][r] * Math.Tanh((A[r][0] * x[0]) + (A[r][1] * x[1]));
        }

        return sum;
    }

    public static TheoryData<string?> Layouts { get; } = new(null, "numerator", "denominator");

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_table_in_either_layout_matches_central_differences_of_the_functions(string? layout)
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{Table}}{{LayoutField(layout)}} }""")).ReadOkAsync();

        var denominator = layout == "denominator";
        Assert.Equal(layout ?? "numerator", answer.GetProperty("layout").GetString());
        var table = answer.GetProperty("jacobian").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetProperty("value").GetDouble()).ToArray()).ToArray();
        // m = 3 functions, n = 2 variables: numerator 3×2, denominator 2×3.
        Assert.Equal(denominator ? 2 : 3, table.Length);
        Assert.All(table, row => Assert.Equal(denominator ? 3 : 2, row.Length));
        for (var i = 0; i < TableFunctions.Length; i++)
        {
            for (var j = 0; j < TablePoint.Length; j++)
            {
                var entry = denominator ? table[j][i] : table[i][j];
                Differences.Close(Differences.Partial(TableFunctions[i], TablePoint, j), entry, $"∂f{i}/∂x{j} ({layout ?? "default"})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task The_closed_form_in_either_layout_matches_central_differences_of_the_function(string? layout)
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{ClosedForm}}{{LayoutField(layout)}} }""")).ReadOkAsync();

        var denominator = layout == "denominator";
        Assert.Equal(layout ?? "numerator", answer.GetProperty("layout").GetString());
        var jacobian = answer.GetProperty("jacobian");
        Assert.Equal(denominator ? "A'*diag(1 - tanh(A*x).^2)*B'" : "B*diag(1 - tanh(A*x).^2)*A", jacobian.GetProperty("expression").GetString());
        Assert.Equal(denominator ? [2, 4] : [4, 2], jacobian.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
        var value = jacobian.GetProperty("value").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal(denominator ? 2 : 4, value.Length);
        for (var i = 0; i < B.Length; i++)
        {
            for (var j = 0; j < ClosedFormPoint.Length; j++)
            {
                var k = i;
                var entry = denominator ? value[j][i] : value[i][j];
                Differences.Close(Differences.Partial(x => G(k, x), ClosedFormPoint, j), entry, $"∂g{i}/∂x{j} ({layout ?? "default"})");
            }
        }
    }

    [Fact]
    public async Task A_times_x_in_denominator_layout_is_a_transposed_with_the_shape_reversed()
    {
        const string body = """ "expression": "A*x", "variables": { "A": "matrix", "x": "vector" }, "wrt": "x" """;

        var numerator = (await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{body}} }""")).ReadOkAsync()).GetProperty("jacobian");
        var denominator = (await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{body}}, "layout": "denominator" }""")).ReadOkAsync()).GetProperty("jacobian");

        Assert.Equal("A", numerator.GetProperty("expression").GetString());
        Assert.Equal("A'", denominator.GetProperty("expression").GetString());
        Assert.Equal("A^\\top", denominator.GetProperty("latex").GetString());
        Assert.Equal(["rows(A)", "len(x)"], numerator.GetProperty("shape").EnumerateArray().Select(d => d.GetString()!));
        Assert.Equal(["len(x)", "rows(A)"], denominator.GetProperty("shape").EnumerateArray().Select(d => d.GetString()!));
    }

    [Fact]
    public async Task The_table_in_denominator_layout_holds_the_same_entries_a_row_per_variable()
    {
        var numerator = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{Table}} }""")).ReadOkAsync();
        var denominator = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{Table}}, "layout": "denominator" }""")).ReadOkAsync();

        Assert.Equal(numerator.GetProperty("expressions").GetRawText(), denominator.GetProperty("expressions").GetRawText());
        Assert.Equal(numerator.GetProperty("variables").GetRawText(), denominator.GetProperty("variables").GetRawText());
        var rows = numerator.GetProperty("jacobian").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToArray();
        var columns = denominator.GetProperty("jacobian").EnumerateArray().Select(r => r.EnumerateArray().ToArray()).ToArray();
        Assert.Equal("y^2", rows[0][0].GetProperty("expression").GetString());
        Assert.Equal("2*x*y", columns[1][0].GetProperty("expression").GetString());
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < columns.Length; j++)
            {
                Assert.Equal(rows[i][j].GetRawText(), columns[j][i].GetRawText());
            }
        }
    }

    [Theory]
    [InlineData(Table)]
    [InlineData(ClosedForm)]
    public async Task Leaving_layout_out_answers_exactly_what_numerator_answers(string fields)
    {
        var omitted = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{fields}} }""")).ReadOkAsync();
        var numerator = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{fields}}, "layout": "numerator" }""")).ReadOkAsync();

        Assert.Equal(numerator.GetRawText(), omitted.GetRawText());
        Assert.Equal("numerator", omitted.GetProperty("layout").GetString());
    }

    [Theory]
    [InlineData(Table, "numerator", "\"layout\": \"denominator\"")]
    [InlineData(Table, "denominator", "\"layout\": \"numerator\"")]
    [InlineData(ClosedForm, "numerator", "\"layout\": \"denominator\"")]
    [InlineData(ClosedForm, "denominator", "\"layout\": \"numerator\"")]
    public async Task The_note_says_how_to_ask_for_the_other_layout_and_what_it_gives(string fields, string layout, string other)
    {
        var answer = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{fields}}, "layout": "{{layout}}" }""")).ReadOkAsync();

        var note = answer.GetProperty("layoutNote").GetString()!;
        Assert.StartsWith(layout == "numerator" ? "Numerator layout" : "Denominator layout", note, StringComparison.Ordinal);
        Assert.Contains(other, note, StringComparison.Ordinal);
        Assert.Contains("transpose", note, StringComparison.Ordinal);
        Assert.Contains("∂(A*x)/∂x = A'", note, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Table, "diagonal")]
    [InlineData(Table, "Denominator")]
    [InlineData(ClosedForm, "")]
    [InlineData(ClosedForm, "transposed")]
    public async Task An_unknown_layout_is_a_422_naming_layout_and_the_choices(string fields, string layout)
    {
        var problem = await (await _client.PostJsonAsync(Routes.Jacobian, $$"""{ {{fields}}, "layout": "{{layout}}" }""")).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("layout", problem.GetProperty("field").GetString());
        Assert.Contains("denominator, numerator", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closed_form_hessian_carries_no_layout_fields()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Hessian,
            """{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "x" }""")).ReadOkAsync();

        Assert.Equal("A + A'", answer.GetProperty("hessian").GetProperty("expression").GetString());
        Assert.False(answer.TryGetProperty("layout", out _));
        Assert.False(answer.TryGetProperty("layoutNote", out _));
    }

    private static string LayoutField(string? layout) => layout is null ? "" : $", \"layout\": \"{layout}\"";
}
