using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>
/// Mixed partials: a query's <see cref="DerivativeQuery.Variables"/> differentiated by in turn, on the same path,
/// with the same checks and limits, as d^n f / dx^n (which is the list [x, …, x]).
/// </summary>
public class MixedPartialTests
{
    private static Outcome<DerivativeAnswer> Mixed(string expression, string[] variables, IReadOnlyDictionary<string, Value>? at = null, int? order = null, EngineLimits? limits = null) =>
        Calculus.Differentiate(new DerivativeQuery(expression, Order: order ?? variables.Length, At: at) { Variables = variables }, limits ?? EngineLimits.Default);

    [Theory]
    [InlineData("x^2*y^3", "x,y", "6*x*y^2")]
    [InlineData("x^2*y^3", "y,x", "6*x*y^2")]
    [InlineData("x^3*y^2*z", "x,y,z", "6*x^2*y")]
    [InlineData("x^2*sin(y)", "x,x,y", "2*cos(y)")]
    [InlineData("exp(x*y)", "x,y", "(x*y + 1)*exp(x*y)")]
    [InlineData("x^2", "x,z", "0")]
    public void Each_name_is_differentiated_by_in_turn(string expression, string names, string expected)
    {
        var answer = Mixed(expression, names.Split(','));

        Assert.True(answer.IsSuccess, answer.IsSuccess ? null : answer.Error.Detail);
        Assert.Equal(expected, answer.Value.Derivative.Text);
        Assert.Equal(names.Split(','), answer.Value.Variables);
        Assert.Equal(names.Split(',').Length, answer.Value.Order);
    }

    [Theory]
    [InlineData("sin(x)*exp(x^2)/(1 + x^2)", 3)]
    [InlineData("x^x", 4)]
    public void A_list_of_one_name_repeated_is_that_order(string expression, int order)
    {
        var list = Mixed(expression, [.. Enumerable.Repeat("x", order)]);
        var ordered = Calculus.Differentiate(new DerivativeQuery(expression, "x", order), EngineLimits.Default);

        Assert.Equal(ordered.Value.Derivative.Text, list.Value.Derivative.Text);
        Assert.Null(ordered.Value.Variables);
    }

    [Fact]
    public void The_value_at_a_point_is_the_mixed_partial_there()
    {
        var answer = Mixed("x^2*y^3 + sin(x*y)", ["x", "y"], new Dictionary<string, Value> { ["x"] = Value.Of(1), ["y"] = Value.Of(2) });

        Assert.Equal(24 + Math.Cos(2) - (2 * Math.Sin(2)), answer.Value.Value!.Value, 12);
    }

    [Fact]
    public void A_reserved_name_in_the_list_is_declared_a_variable_and_takes_its_value()
    {
        var answer = Mixed("e^2*y", ["e", "y"], new Dictionary<string, Value> { ["e"] = Value.Of(2), ["y"] = Value.Of(3) });

        Assert.True(answer.IsSuccess, answer.IsSuccess ? null : answer.Error.Detail);
        Assert.Equal("2*e", answer.Value.Derivative.Text);
        Assert.Equal(4, answer.Value.Value);
    }

    [Fact]
    public void An_order_other_than_the_list_length_is_refused_naming_order()
    {
        var error = Mixed("x*y", ["x", "y"], order: 1).Error!;

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("order", error.Field);
    }

    [Fact]
    public void An_empty_list_is_refused_naming_variable()
    {
        var error = Mixed("x*y", []).Error!;

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("variable", error.Field);
    }

    [Fact]
    public void An_entry_that_is_not_a_name_is_refused_with_its_index()
    {
        var error = Mixed("x*y", ["x", "2y"]).Error!;

        Assert.Equal("variable", error.Field);
        Assert.StartsWith("`variable[1]` is '2y'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_longer_than_max_order_is_refused_by_the_limit()
    {
        var error = Mixed("x*y", [.. Enumerable.Repeat("x", 6), .. Enumerable.Repeat("y", 5)]).Error!;

        Assert.Equal("maxOrder", error.Limit);
        Assert.Equal(10, error.Max);
        Assert.Equal("variable", error.Field);
    }

    [Fact]
    public void The_work_budget_stops_a_runaway_mixed_partial()
    {
        var limits = EngineLimits.Default with { MaxWorkNodes = 10_000 };

        var error = Mixed("sin(x*y)^(x + y)*cos(x - y)^(x*y)*tan(y)^sin(x)", ["x", "y", "x", "y", "x", "y", "x", "y", "x", "y"], limits: limits).Error!;

        Assert.Equal("maxWorkNodes", error.Limit);
    }

    [Fact]
    public void The_early_size_refusal_applies_to_one_name_repeated_and_not_to_several_names()
    {
        const string nested = "sin(sin(sin(sin(sin(sin(sin(sin(x*y))))))))";
        string[] repeated = [.. Enumerable.Repeat("x", 10)];

        var refusal = Calculus.EstimateRefusal(new DerivativeQuery(nested, Order: 10) { Variables = repeated }, EngineLimits.Default);
        var single = Calculus.EstimateRefusal(new DerivativeQuery(nested, "x", 10), EngineLimits.Default);
        var mixed = Calculus.EstimateRefusal(new DerivativeQuery(nested, Order: 2) { Variables = ["x", "y"] }, EngineLimits.Default);

        Assert.NotNull(refusal);
        Assert.Equal(single!.Detail, refusal.Detail);
        Assert.Null(mixed);
    }
}
