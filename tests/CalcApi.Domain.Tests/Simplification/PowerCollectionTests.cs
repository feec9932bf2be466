using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Simplification;
using CalcApi.Domain.Tests.Support;
using CsCheck;
using static CalcApi.Domain.Tests.Support.TestEngine;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>
/// Sums collected by the power of b^u that their symbolic powers are (issue 10, the high derivatives of x^(x^x)): each
/// coefficient in lowest terms and its shortest form, with the input's value and domain; what does not fit (two bases, a
/// multiple that is not whole, a negative base, too few terms) is left as it is.
/// </summary>
public class PowerCollectionTests
{
    [Fact]
    public void The_third_derivative_of_a_power_tower_is_collected_by_the_powers_of_x_to_the_x()
    {
        var answer = Calculus.Differentiate(new DerivativeQuery("x^(x^x)", "x", 3), EngineLimits.Default);

        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        var text = answer.Value.Derivative.Text;
        Assert.StartsWith("(x^3*(ln(x) + 1)^4 - x^3*(ln(x) + 1)^3 + 6*x^2*(ln(x) + 1)^2", text, StringComparison.Ordinal);
        Assert.EndsWith("*x^(x + x^x - 3)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("((x - 1)/x + ln(x))", text, StringComparison.Ordinal); // the coefficient of x^0 cleared its 1/x terms
        Assert.Equal(["x > 0"], answer.Value.Conditions.Select(c => c.Text));
    }

    [Theory]
    [InlineData("x^(2*x)*y + x^(x + 1)*y + x^x*(x - 1)/x + 1/x + 3")]
    [InlineData("x^(3*x + 2)*ln(x) + x^(3*x + 1) + x^x + x^(x - 1)*ln(x) + ln(x)^2")]
    public void A_sum_of_powers_of_one_base_is_collected_with_its_value_and_domain(string text)
    {
        var e = Read(text);

        var collected = PowerCollection.Of(e);

        Assert.NotSame(e, collected);
        AssertSameValuesAndDomain(e, collected, text);
    }

    [Theory]
    [InlineData("x^(2*x) + y^(x + 1) + x^x")] // two bases
    [InlineData("x^(x/2) + x^x + x^(3*x/2)")] // multiples that are not whole
    [InlineData("x^(2*x) + x^x")] // too few terms to gain
    [InlineData("x^(2*x)*y + x^x*y + y")] // each power once: nothing to collect
    [InlineData("x^2 + x + 1")] // no symbolic power
    public void What_does_not_fit_is_left_as_it_is(string text)
    {
        var e = Read(text);

        Assert.Same(e, PowerCollection.Of(e));
    }

    [Fact]
    public void Random_sums_of_powers_keep_their_value_and_domain()
    {
        var coefficient = Gen.Int[-3, 3].Where(c => c != 0);
        var term = Gen.Select(coefficient, Gen.Int[0, 3], Gen.Int[-2, 2], Gen.Int[0, 2], (c, k, d, j) => $"({c})*x^({k}*x + ({d}))*ln(x)^{j}");
        var rewritten = 0;
        Gen.Select(term.Array[3, 7], Gen.Int[1, 400].Array[3]).Sample((terms, points) =>
        {
            var text = string.Join(" + ", terms) + " + (x - 1)/x";
            var e = Read(text);
            var collected = PowerCollection.Of(e);
            Interlocked.Add(ref rewritten, ReferenceEquals(collected, e) ? 0 : 1);
            foreach (var p in points)
            {
                AssertSameAt(e, collected, text, p / 100.0);
                AssertSameAt(e, collected, text, -p / 100.0);
            }
        }, iter: 200, print: t => string.Join(" + ", t.Item1));

        Assert.True(rewritten >= 100, $"only {rewritten} of 200 sums were collected");
    }

    private static void AssertSameValuesAndDomain(Expr before, Expr after, string what)
    {
        foreach (var x in new[] { 0.3, 0.9, 1.7, 2.5, -1.2, -0.5 })
        {
            AssertSameAt(before, after, what, x);
        }
    }

    private static void AssertSameAt(Expr before, Expr after, string what, double x) =>
        SameValues.At(before, after, what, new Dictionary<string, double> { ["x"] = x, ["y"] = 0.7 });
}
