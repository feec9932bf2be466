using System.Net;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

public sealed class DifferentiateTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_contract_example_answers_the_chain_rule_derivative_and_its_value()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, Calc.ContractExample)).ReadOkAsync();

        Assert.Equal("exp(cos(x^2))", answer.GetProperty("expression").GetString());
        Assert.Equal("x", answer.GetProperty("variable").GetString());
        Assert.Equal(1, answer.GetProperty("order").GetInt32());
        Assert.Equal("-2*x*sin(x^2)*exp(cos(x^2))", answer.GetProperty("derivative").GetString());
        Assert.Equal(@"-2 x \sin\left(x^{2}\right) e^{\cos\left(x^{2}\right)}", answer.GetProperty("latex").GetString());
        Assert.StartsWith("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", answer.GetProperty("mathml").GetString());
        Approx.Equal(-0.6519284945618772, answer.GetProperty("value").GetDouble(), "value");
        Assert.Equal(-0.651928, answer.GetProperty("value").GetDouble(), 6);
    }

    [Fact]
    public async Task The_input_expression_comes_back_in_all_three_forms_and_as_sent()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^2*sin( x )" }""")).ReadOkAsync();

        Assert.Equal("x^2*sin( x )", answer.GetProperty("input").GetString());
        Assert.Equal("x^2*sin(x)", answer.GetProperty("expression").GetString());
        Assert.Equal(@"x^{2} \sin\left(x\right)", answer.GetProperty("expressionLatex").GetString());
        Assert.StartsWith("<math", answer.GetProperty("expressionMathml").GetString());
    }

    [Theory]
    [InlineData("log(x)*x^x", "log", "ln")]
    [InlineData("ln(x)*x^x", "ln", "log")]
    [InlineData("x^x", "ln", "log")]
    [InlineData("ln(x) + log(x)*x^x", "ln", "log")]
    public async Task One_answer_spells_the_natural_log_one_way_the_way_the_input_does(string expression, string spelled, string notSpelled)
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, $$"""{ "expression": "{{expression}}", "variable": "x" }""")).ReadOkAsync();

        foreach (var field in new[] { "expression", "derivative" })
        {
            var text = answer.GetProperty(field).GetString()!;
            Assert.DoesNotContain(notSpelled + "(", text, StringComparison.Ordinal);
        }

        Assert.Contains(spelled + "(", answer.GetProperty("derivative").GetString(), StringComparison.Ordinal);
        Assert.Contains(@"\" + spelled + @"\left(", answer.GetProperty("latex").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(@"\" + notSpelled + @"\left(", answer.GetProperty("latex").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_point_there_is_no_value_field()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^3", "variable": "x" }""")).ReadOkAsync();

        Assert.Equal("3*x^2", answer.GetProperty("derivative").GetString());
        Assert.False(answer.TryGetProperty("value", out _));
    }

    [Fact]
    public async Task Order_defaults_to_1_and_the_only_free_name_is_the_variable()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "sin(t)" }""")).ReadOkAsync();

        Assert.Equal("t", answer.GetProperty("variable").GetString());
        Assert.Equal(1, answer.GetProperty("order").GetInt32());
        Assert.Equal("cos(t)", answer.GetProperty("derivative").GetString());
    }

    [Theory]
    [InlineData("x^3", 2, "6*x")]
    [InlineData("x^3", 3, "6")]
    [InlineData("sin(x)", 4, "sin(x)")]
    public async Task A_higher_order_derivative_differentiates_that_many_times(string expression, int order, string expected)
    {
        var body = JsonSerializer.Serialize(new { expression, variable = "x", order });

        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, body)).ReadOkAsync();

        Assert.Equal(expected, answer.GetProperty("derivative").GetString());
        Assert.Equal(order, answer.GetProperty("order").GetInt32());
    }

    [Theory]
    [InlineData("exp(cos(x^2))")]
    [InlineData("x^2*sin(x)")]
    [InlineData("sqrt(y)/(1 + y^2)")]
    [InlineData("a^x + ln(x)")]
    public async Task The_derivative_text_parses_back_to_the_same_expression(string expression)
    {
        var body = JsonSerializer.Serialize(new { expression, variable = expression.Contains('y') ? "y" : "x" });
        var derivative = (await (await _client.PostJsonAsync(Routes.Differentiate, body)).ReadOkAsync()).GetProperty("derivative").GetString()!;

        var reread = JsonSerializer.Serialize(new { expression = derivative, variable = expression.Contains('y') ? "y" : "x" });
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, reread)).ReadOkAsync();

        Assert.Equal(derivative, answer.GetProperty("expression").GetString());
    }

    [Fact]
    public async Task Names_in_the_point_that_the_derivative_does_not_use_are_ignored()
    {
        var answer = await (await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x^2", "at": { "x": 3, "unused": 1 } }""")).ReadOkAsync();

        Assert.Equal(6, answer.GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task Two_free_names_and_no_variable_answers_422_asking_for_one()
    {
        var response = await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "x*y" }""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("variable", problem.GetProperty("detail").GetString());
        Assert.Equal("x*y", problem.GetProperty("expression").GetString());
    }

    [Fact]
    public async Task A_point_outside_the_domain_answers_422()
    {
        var response = await _client.PostJsonAsync(Routes.Differentiate, """{ "expression": "ln(x)", "at": { "x": 0 } }""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("outsideDomain", problem.GetProperty("kind").GetString());
    }
}
