using CalcApi.Domain.Printing;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Printing;

/// <summary>
/// A large answer that repeats its parts is printed by writing each repeated part once and copying its text where it
/// recurs: the copies must be exactly the part, in every place, with the parentheses of each place.
/// </summary>
public class RepeatedPartsTests
{
    /// <summary>sin applied <paramref name="depth"/> times to x, written out.</summary>
    private static string Nested(int depth) => depth == 0 ? "x" : $"sin({Nested(depth - 1)})";

    [Fact]
    public void The_derivative_of_a_deep_chain_prints_every_level_in_full()
    {
        const int Depth = 40;

        var printed = TextPrinter.Print(TestEngine.D(Nested(Depth), "x"));

        // d/dx sin^n(x) is cos(x)*cos(sin(x))*...*cos(sin^(n-1)(x)), the smaller factors first.
        var expected = string.Join("*", Enumerable.Range(0, Depth).Select(k => $"cos({Nested(k)})"));
        Assert.Equal(expected, printed);
    }

    [Fact]
    public void A_repeated_sum_keeps_the_parentheses_of_each_place_it_stands_in()
    {
        // Each term of the derivative holds all but one of the factors (x + k): the same sums, grouped as factors.
        var product = string.Join("*", Enumerable.Range(1, 30).Select(k => $"(x + {k})"));

        var printed = TextPrinter.Print(TestEngine.D(product, "x"));

        Assert.Equal(TestEngine.D(product, "x"), TestEngine.Read(printed));
        Assert.Equal(30 * 29, printed.Split("(x + ").Length - 1);
        Assert.Contains("(x + 2)*(x + 3)*(x + 4)", printed, StringComparison.Ordinal);
    }
}
