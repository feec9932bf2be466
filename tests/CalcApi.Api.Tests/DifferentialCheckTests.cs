using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Api.Tests;

/// <summary>
/// d(X) through HTTP (contract sections 1, 6 and 7): an answer to /api/check in the lecture's differential form, the lines
/// of a matrix derivation posted back as answers, and d(…) refused, with its position, where the contract does not read it.
/// </summary>
public sealed class DifferentialCheckTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private const string LectureVariables = """{ "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }""";

    private readonly HttpClient _client = factory.CreateClient();

    private async Task<JsonElement> CheckAsync(string body) => await (await _client.PostJsonAsync(Routes.Check, body)).ReadOkAsync();

    private Task<JsonElement> LectureAsync(string answer) =>
        CheckAsync($$"""{ "task": "matrix-gradient", "expression": "(a'*W*b - c)^2", "variables": {{LectureVariables}}, "wrt": "W", "answer": {{JsonSerializer.Serialize(answer)}} }""");

    [Fact]
    public async Task The_lectures_differential_is_correct_and_the_expected_answer_is_written_as_df()
    {
        var answer = await LectureAsync("2*(a'*W*b - c)*a'*d(W)*b");

        Assert.True(answer.GetProperty("correct").GetBoolean());
        Assert.Equal("2*(a'*W*b - c)*tr(b*a'*d(W))", answer.GetProperty("expected").GetProperty("expression").GetString());
        Assert.Contains(@"\mathrm{d}W", answer.GetProperty("answer").GetProperty("latex").GetString());
    }

    [Fact]
    public async Task Every_line_of_the_lectures_derivation_in_d_W_alone_is_a_correct_answer()
    {
        var derived = await (await _client.PostJsonAsync(Routes.MatrixGradient,
            $$"""{ "expression": "(a'*W*b - c)^2", "variables": {{LectureVariables}}, "wrt": "W", "steps": true }""")).ReadOkAsync();
        var lines = derived.GetProperty("gradients").GetProperty("W").GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("form").GetString() == "differential")
            .Select(s => s.GetProperty("expression").GetString()!)
            .Where(text => !text.Contains("d(a", StringComparison.Ordinal) && !text.Contains("d((", StringComparison.Ordinal))
            .ToList();

        Assert.Equal(["2*(a'*W*b - c)*a'*d(W)*b", "2*(a'*W*b - c)*tr(b*a'*d(W))"], lines);
        foreach (var line in lines)
        {
            var answer = await LectureAsync(line);
            Assert.True(answer.GetProperty("correct").GetBoolean(), $"{line}: {answer}");
        }
    }

    [Fact]
    public async Task A_transposed_differential_has_a_counterexample_with_a_direction_whose_values_are_right()
    {
        var answer = await CheckAsync("""{ "task": "matrix-gradient", "expression": "logdet(X)", "variables": { "X": "matrix" }, "wrt": "X", "answer": "tr(inv(X)'*d(X))" }""");

        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        Assert.Contains(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "transposed");
        var counterexample = answer.GetProperty("counterexample");
        var x = Matrix(counterexample.GetProperty("at").GetProperty("X"));
        var dx = Matrix(counterexample.GetProperty("at").GetProperty("d(X)"));
        Approx.Equal((x.Inverse() * dx).Trace(), counterexample.GetProperty("expectedValue").GetDouble(), "expectedValue = tr(inv(X) d(X))");
        Approx.Equal((x.Inverse().Transpose() * dx).Trace(), counterexample.GetProperty("answerValue").GetDouble(), "answerValue = tr(inv(X)' d(X))");
    }

    [Fact]
    public async Task A_differential_along_a_variable_held_constant_is_named()
    {
        var answer = await LectureAsync("2*(a'*W*b - c)*(a'*d(W)*b + d(a)'*W*b)");

        Assert.Equal("notEquivalent", answer.GetProperty("verdict").GetString());
        var finding = Assert.Single(answer.GetProperty("diagnosis").EnumerateArray(), d => d.GetProperty("code").GetString() == "wrongVariable");
        Assert.Contains("d(a)", finding.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_differential_left_to_work_out_is_an_invalid_answer_with_its_position()
    {
        var answer = await LectureAsync("2*(a'*W*b - c)*d(a'*W*b - c)");

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Equal("Differential left to work out", answer.GetProperty("error").GetProperty("title").GetString());
        Assert.Equal(15, answer.GetProperty("error").GetProperty("position").GetInt32());
    }

    [Theory]
    [InlineData("d(X)*X + X*d(X)", true)]
    [InlineData("2*X*d(X)", false)]
    public async Task The_equivalent_task_reads_differentials_on_both_sides(string answerText, bool correct)
    {
        var answer = await CheckAsync($$"""{ "task": "equivalent", "expected": "d(X*X)", "answer": "{{answerText}}", "variables": { "X": "matrix" } }""");

        Assert.Equal(correct, answer.GetProperty("correct").GetBoolean());
    }

    [Theory]
    [InlineData(Routes.Differentiate, """{ "expression": "2*x*d(x)" }""", 4)]
    [InlineData(Routes.MatrixGradient, """{ "expression": "tr(d(X))", "variables": { "X": "matrix" }, "wrt": "X" }""", 3)]
    public async Task An_endpoints_expression_refuses_a_differential_naming_its_position(string route, string body, int position)
    {
        var problem = await (await _client.PostJsonAsync(route, body)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Differential not read here", problem.GetProperty("title").GetString());
        Assert.Equal(position, problem.GetProperty("position").GetInt32());
        Assert.Contains("diff(f, x)", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_differential_in_a_derivative_task_is_an_invalid_answer_not_a_failed_request()
    {
        var answer = await CheckAsync("""{ "task": "differentiate", "expression": "x^2", "answer": "2*x*d(x)" }""");

        Assert.Equal("invalid", answer.GetProperty("verdict").GetString());
        Assert.Equal(4, answer.GetProperty("error").GetProperty("position").GetInt32());
    }

    private static Matrix<double> Matrix(JsonElement rows) =>
        Matrix<double>.Build.DenseOfRows(rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble())));
}
