using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Simplification;
using CsCheck;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>
/// Polynomial answers multiplied out where that is shorter (issue 10, sc-product-n): the product rule's sum for
/// (x + 1)(x + 2)…(x + n) is answered as SymPy answers it; what is not shorter, not a polynomial, past the bounds or
/// would lose an atom is left as it is; and the expanded form always has the input's value.
/// </summary>
public class ExpandedTests
{
    private static Expr Read(string text) =>
        Calculus.Read(text, EngineLimits.Default, new Dictionary<string, VariableDeclaration>()).Value.Expression;

    private static string ProductOfShifts(int n) => string.Join("*", Enumerable.Range(1, n).Select(i => $"(x + {i})"));

    [Theory]
    [InlineData(4, "4*x^3 + 30*x^2 + 70*x + 50")]
    [InlineData(8, "8*x^7 + 252*x^6 + 3276*x^5 + 22680*x^4 + 89796*x^3 + 201852*x^2 + 236248*x + 109584")]
    public void The_derivative_of_a_product_of_shifts_is_answered_expanded(int n, string expected)
    {
        var derivative = Differentiator.Differentiate(Read(ProductOfShifts(n)), "x");

        var answer = CalcApi.Domain.Simplification.Forms.Simplest(derivative);

        Assert.Equal(expected, TextPrinter.Print(answer));
    }

    [Fact]
    public void The_derivative_of_thirty_two_shifts_is_as_short_as_SymPys()
    {
        var derivative = Differentiator.Differentiate(Read(ProductOfShifts(32)), "x");

        var answer = CalcApi.Domain.Simplification.Forms.Simplest(derivative);

        // SymPy's simplify: 32*x^31 + 16368*x^30 + … + 1067915237466585625763819972198400000, 92 operations.
        Assert.StartsWith("32*x^31 + 16368*x^30 + 4010160*x^29 + ", TextPrinter.Print(answer));
        Assert.EndsWith("*x + 1067915237466585625763819972198400000", TextPrinter.Print(answer));
        Assert.Equal(92, Operations.Of(answer));
    }

    [Fact]
    public void Coefficients_past_128_bits_are_multiplied_out_in_big_integers()
    {
        var derivative = Differentiator.Differentiate(Read(ProductOfShifts(34)), "x");

        var answer = Expanded.Of(derivative);

        // 34!*(1 + 1/2 + … + 1/34), from SymPy: 130 bits.
        Assert.StartsWith("34*x^33 + 19635*x^32 + ", TextPrinter.Print(answer));
        Assert.EndsWith("*x + 1215830662512066538628209615621324800000", TextPrinter.Print(answer));
    }

    [Theory]
    [InlineData("(x + y)*(x - y) + (y + 1)*(y - 1) + x*y", "x^2 + x*y - 1")]
    [InlineData("(x + 1)*(x - 1) + (x + 2)*(x - 2) + (x + 3)*(x - 3)", "3*x^2 - 14")]
    public void A_polynomial_in_several_atoms_is_multiplied_out_over_all_of_them(string text, string expected)
    {
        var answer = CalcApi.Domain.Simplification.Forms.Simplest(Read(text));

        Assert.Equal(expected, TextPrinter.Print(answer));
    }

    [Theory]
    [InlineData("(x + 1)*sin(x) + (x + 2)*cos(x)")]
    [InlineData("(x + 1)^2*exp(x)")]
    [InlineData("(x + 1)^3 + (x + 2)^3")]
    public void A_form_that_multiplied_out_is_no_shorter_is_kept(string text)
    {
        var e = Read(text);

        Assert.Same(e, CalcApi.Domain.Simplification.Forms.Simplest(e));
    }

    [Theory]
    [InlineData("(x + 1)*(x + 2)/x + (x + 3)*(x + 4)")]
    [InlineData("(x + 1)*sqrt(x + 2) + (x + 3)*(x + 4)")]
    [InlineData("(x + 1)*(x + 2) + (x + 3)")]
    public void What_is_not_a_sum_of_products_of_sums_over_atoms_is_not_multiplied_out(string text)
    {
        var e = Read(text);

        Assert.Same(e, Expanded.Of(e));
    }

    [Fact]
    public void An_expansion_that_would_lose_an_atom_and_its_domain_is_not_offered()
    {
        // Multiplied out this is y: ln(x) would go, and with it x > 0.
        var e = Read("(ln(x) + 1)*(y + 1) - ln(x)*(y + 1) + (x + 1)*(y + 2)");

        var expanded = Expanded.Of(e);

        Assert.Contains("ln(x)", TextPrinter.Print(expanded));
    }

    [Fact]
    public void A_product_past_the_degree_bound_is_left_as_it_is()
    {
        var derivative = Differentiator.Differentiate(Read(ProductOfShifts(70)), "x");

        Assert.Same(derivative, Expanded.Of(derivative));
    }

    /// <summary>
    /// Random sums of products of linear factors in x, sin(x) and exp(x), some squared, with small whole or half
    /// coefficients, multiplied out whatever their size (the size estimate only decides what is worth trying).
    /// </summary>
    [Fact]
    public void The_expanded_form_has_the_value_of_its_input()
    {
        var atoms = new[] { "x", "sin(x)", "exp(x)" };
        var factor = Gen.Select(Gen.Int[-3, 3], Gen.Int[0, 2], Gen.Int[-4, 4], Gen.Int[1, 2], Gen.Int[1, 2],
            (a, atom, b, d, k) => $"({a}*{atoms[atom]} + {b}/{d})^{k}");
        var term = factor.Array[1, 3].Select(fs => string.Join("*", fs));
        var sum = term.Array[2, 4].Select(ts => string.Join(" + ", ts));
        var changed = 0;
        Gen.Select(sum, Gen.Double[-2, 2]).Sample((text, x) =>
        {
            var e = Read(text);
            if (Expanded.MultipliedOut(e, long.MaxValue) is not { } expanded)
            {
                return;
            }

            changed++;
            var point = new Dictionary<string, double> { ["x"] = x };
            var expected = Evaluator.Evaluate(e, point).Value;
            var actual = Evaluator.Evaluate(expanded, point).Value;
            Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{text} at {x}: {expected} vs {TextPrinter.Print(expanded)} = {actual}");
        }, iter: 300, threads: 1, print: t => $"{t.Item1} at x = {t.Item2}");

        Assert.True(changed >= 250, $"only {changed} of 300 sums were multiplied out");
    }
}
