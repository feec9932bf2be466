using CalcApi.Domain.Errors;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>Every limit is named in the error it produces, and is hit before the work blows up.</summary>
public class LimitTests
{
    [Fact]
    public void An_order_beyond_the_limit_is_refused_by_name()
    {
        var result = Calculus.Differentiate(new DerivativeQuery("x^2", "x", 11), EngineLimits.Default);
        Assert.Equal("maxOrder", result.Error!.Limit);
        Assert.Equal(10, result.Error.Max);
    }

    [Fact]
    public void A_derivative_that_grows_past_the_result_budget_is_refused_not_computed()
    {
        var limits = EngineLimits.Default with { MaxResultNodes = 2_000 };
        var result = Calculus.Differentiate(new DerivativeQuery("x^x^x^x^x", "x", 4), limits);
        Assert.False(result.IsSuccess);
        Assert.Contains(result.Error.Limit, new[] { "maxResultNodes", "maxWorkNodes" });
    }

    [Fact]
    public void The_work_budget_stops_a_runaway_derivative()
    {
        var limits = EngineLimits.Default with { MaxWorkNodes = 10_000 };
        var result = Calculus.Differentiate(new DerivativeQuery("sin(x)^x*cos(x)^(x^2)*tan(x)^sin(x)", "x", 10), limits);
        Assert.False(result.IsSuccess);
        Assert.Equal("maxWorkNodes", result.Error.Limit);
        Assert.Equal(10_000, result.Error.Max);
    }

    [Fact]
    public void A_cancelled_request_stops_with_the_time_limit_named()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = Calculus.Differentiate(new DerivativeQuery("sin(x)^x*cos(x)^(x^2)", "x", 6), EngineLimits.Default, cancelled.Token);
        Assert.False(result.IsSuccess);
        Assert.Equal("requestTimeout", result.Error.Limit);
    }

    [Fact]
    public void Exact_integers_beyond_the_bit_limit_are_refused_by_name()
    {
        var limits = EngineLimits.Default with { MaxIntegerBits = 64 };
        var result = Calculus.Differentiate(new DerivativeQuery("123456789123*123456789123*123456789*x", "x"), limits);
        Assert.Equal("maxIntegerBits", result.Error!.Limit);
    }

    [Fact]
    public void Without_a_variable_an_expression_with_several_names_is_an_error_that_lists_them()
    {
        var result = Calculus.Differentiate(new DerivativeQuery("x*y"), EngineLimits.Default);
        Assert.Equal(ErrorKind.InvalidArgument, result.Error!.Kind);
        Assert.Contains("x, y", result.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_variable_the_only_free_name_is_used()
    {
        var result = Calculus.Differentiate(new DerivativeQuery("sin(t) + pi"), EngineLimits.Default);
        Assert.Equal("t", result.Value.Variable);
        Assert.Equal("cos(t)", result.Value.Derivative.Text);
    }

    [Fact]
    public void An_unknown_function_is_named_with_its_position()
    {
        var result = Calculus.Differentiate(new DerivativeQuery("1 + foo(x)", "x"), EngineLimits.Default);
        Assert.Equal(ErrorKind.Semantic, result.Error!.Kind);
        Assert.Equal(4, result.Error.Position);
        Assert.Contains("foo", result.Error.Detail, StringComparison.Ordinal);
    }
}
