using CalcApi.Domain.Engine;

namespace CalcApi.Domain.Tests.Differentiation;

/// <summary>
/// A derivative whose estimated size (GrowthEstimate) is far past maxResultNodes is refused before it is
/// built, with the limit the full computation would hit; answerable requests are still answered.
/// </summary>
public class EarlyRefusalTests
{
    private static string Nested(string f, int depth) => string.Concat(Enumerable.Repeat(f + "(", depth)) + "x" + new string(')', depth);

    [Theory]
    [InlineData("sin", 8, 10)]
    [InlineData("sin", 9, 10)]
    [InlineData("cos", 12, 9)]
    public void A_derivative_far_past_the_size_limit_is_refused_without_being_built(string f, int depth, int order)
    {
        var result = Calculus.Differentiate(new DerivativeQuery(Nested(f, depth), "x", order), EngineLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal("maxResultNodes", result.Error.Limit);
        Assert.Equal(EngineLimits.Default.MaxResultNodes, result.Error.Max);
        // Refused by the estimate (the size of a built result is not "estimated"), so in microseconds, not seconds.
        Assert.Contains("estimated", result.Error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(x + 1)*(x + 2)*(x + 3)*(x + 4)*(x + 5)*(x + 6)*(x + 7)*(x + 8)*(x + 9)*(x + 10)*(x + 11)*(x + 12)", 10)]
    [InlineData("sin(sin(sin(sin(sin(x)))))", 10)]
    [InlineData("exp(exp(exp(exp(exp(x)))))", 10)]
    [InlineData("sin(1*x)*sin(2*x)*sin(3*x)*sin(4*x)*sin(5*x)*sin(6*x)*sin(7*x)*sin(8*x)*sin(9*x)*sin(10*x)", 10)]
    [InlineData("exp(cos(x^2))", 10)]
    public void A_derivative_within_the_limits_is_still_answered(string expression, int order)
    {
        var result = Calculus.Differentiate(new DerivativeQuery(expression, "x", order), EngineLimits.Default);

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
    }

    private static string Product(int factors) => string.Join("*", Enumerable.Range(1, factors).Select(i => $"(x + {i})"));

    [Theory]
    // The 10th derivative: a small enough result (160,000 nodes), but the orders on the way (330,000 nodes at
    // the 8th) take more than maxWorkNodes to build; the 6th to the 9th are past maxResultNodes themselves.
    [InlineData(16, 10, "maxWorkNodes")]
    [InlineData(16, 9, "maxResultNodes")]
    [InlineData(16, 8, "maxResultNodes")]
    [InlineData(16, 7, "maxResultNodes")]
    [InlineData(16, 6, "maxResultNodes")]
    public void A_polynomial_the_limits_would_refuse_after_the_work_is_refused_before_it(int factors, int order, string limit)
    {
        var query = new DerivativeQuery(Product(factors), "x", order);

        var result = Calculus.Differentiate(query, EngineLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal(limit, result.Error.Limit);
        Assert.Contains("estimated", result.Error.Detail, StringComparison.Ordinal);
        // The scheduler sees the same refusal before the request takes a calculation slot.
        Assert.Equal(limit, Calculus.EstimateRefusal(query, EngineLimits.Default)?.Limit);
    }

    [Theory]
    [InlineData(14, 10)]
    [InlineData(15, 10)]
    [InlineData(16, 5)]
    public void A_polynomial_within_the_limits_is_still_answered(int factors, int order)
    {
        var result = Calculus.Differentiate(new DerivativeQuery(Product(factors), "x", order), EngineLimits.Default);

        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.Detail);
    }

    [Fact]
    public void The_estimate_matches_Leibniz_on_a_product_of_linear_factors()
    {
        // d^10 of 16 linear factors: C(16, 10) terms, each 6 factors of 3 nodes, a product node and a coefficient.
        var f = Calculus.Read(string.Join("*", Enumerable.Range(1, 16).Select(i => $"(x + {i})")), EngineLimits.Default).Value.Expression;

        var sizes = GrowthEstimate.Sizes(f, "x", 10)!;

        Assert.InRange(sizes[10], 8008 * 19, 8008 * 20 + 1);
    }
}
