using CalcApi.Domain.Simplification.Polynomials;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>Polynomial arithmetic over atoms: gcds, exact division and lowest terms, as tables.</summary>
public class PolynomialTests
{
    [Theory]
    [InlineData("x^2 - 1", "x^2 - 2*x + 1", "x - 1")]
    [InlineData("x^2 - 1", "x + 1", "x + 1")]
    [InlineData("x^3 - x", "x^2 + x", "x^2 + x")]
    [InlineData("x^2 + 1", "x - 1", "1")]
    [InlineData("6*x + 6", "4*x + 4", "x + 1")]
    [InlineData("x/2 + 1/3", "3*x + 2", "3*x + 2")]
    [InlineData("0", "2 - 2*x", "x - 1")]
    [InlineData("5", "x - 1", "1")]
    [InlineData("x*y + y^2", "x^2 - y^2", "x + y")]
    [InlineData("x^2*y - x*y^2", "x^2 - y^2", "x - y")]
    [InlineData("x*y*z + x*y", "x^2*y + x*y^2", "x*y")]
    [InlineData("(x + y)^2*(x - z)", "(x + y)*(x - z)^3", "(x + y)*(x - z)")]
    [InlineData("(x*y + 1)*(x + y)^3", "(x*y + 1)^2*(x - y)", "x*y + 1")]
    [InlineData("sin(x)^2 - 1", "sin(x) - 1", "sin(x) - 1")]
    [InlineData("exp(x)^2 - exp(x)*y", "exp(x)*y - y^2", "exp(x) - y")]
    [InlineData("x^(3/2) + x^(1/2)", "x^(5/2)", "sqrt(x)")]
    [InlineData("sqrt(x)^3 - sqrt(x)", "x - 1", "1")]
    /// <summary>
    /// Atoms are independent: sqrt(x)^3 - sqrt(x) is a^3 - a in the atom a = sqrt(x), and x another atom, so it shares
    /// nothing with x - 1 (what is missed is only a simplification, never a wrong one).
    /// </summary>
    public void The_gcd_is_the_largest_common_factor_with_coprime_integer_coefficients(string p, string q, string gcd)
    {
        var (text, ps) = PolynomialText.Read(p, q);
        var g = PolynomialGcd.Of(ps[0], ps[1]);
        Assert.NotNull(g);
        Assert.Equal(text.Read(gcd).Normalised(), g);
        Assert.Equal(g, g.Normalised());
    }

    [Theory]
    [InlineData("x^2 - 1", "x - 1", "x + 1")]
    [InlineData("x^3 - y^3", "x - y", "x^2 + x*y + y^2")]
    [InlineData("x^2 + 2*x*sin(y) + sin(y)^2", "x + sin(y)", "x + sin(y)")]
    [InlineData("3*x^2 - 3", "6", "x^2/2 - 1/2")]
    [InlineData("0", "x + 1", "0")]
    public void An_exact_division_gives_the_quotient(string p, string d, string quotient)
    {
        var (text, ps) = PolynomialText.Read(p, d, quotient);
        Assert.Equal(ps[2], ps[0].DividedBy(ps[1]));
        Assert.Equal(text.ToExpr(ps[2]), text.ToExpr(ps[0].DividedBy(ps[1])!));
    }

    [Theory]
    [InlineData("x^2 + 1", "x - 1")]
    [InlineData("x", "y")]
    [InlineData("x*y + 1", "x")]
    [InlineData("x^2", "x^3")]
    [InlineData("x^2 - y^2", "x - 2*y")]
    public void A_division_that_is_not_exact_says_so(string p, string d)
    {
        var (_, ps) = PolynomialText.Read(p, d);
        Assert.Null(ps[0].DividedBy(ps[1]));
    }

    [Theory]
    [InlineData("(x^2 - 1)/(x - 1)", "x + 1")]
    [InlineData("(x - 1)/(x^2 - 1)", "1/(x + 1)")]
    [InlineData("2*x/(x - 1) - (x^2 - 1)/(x - 1)^2", "1")]
    [InlineData("1/x + 1/y", "(x + y)/(x*y)")]
    [InlineData("(x^2 - y^2)/(x*y + y^2)", "(x - y)/y")]
    [InlineData("(sin(x)^2 - 1)/(sin(x) - 1)", "sin(x) + 1")]
    [InlineData("(1 - x)*((x + 1)/(1 - x)^2 + 1/(1 - x))/(2*(x + 1))", "-1/(x^2 - 1)")]
    public void A_rational_function_is_held_in_lowest_terms_over_a_normalised_denominator(string e, string expected)
    {
        var text = PolynomialText.Over(e);
        Assert.Equal(expected, text.Write(text.ReadRational(e)));
    }

    [Fact]
    public void The_content_in_a_main_atom_is_the_gcd_of_its_coefficients()
    {
        var (text, ps) = PolynomialText.Read("x^2*y + x*y^2 + 2*x*y + x + y", "x");
        var y = text.Atoms.IndexOf(Support.TestEngine.Read("y"));
        // As a polynomial in y: x*y^2 + (x^2 + 2*x + 1)*y + x: the coefficients share nothing.
        Assert.Equal(text.Read("1"), PolynomialGcd.ContentIn(ps[0], y));
        var (text2, ps2) = PolynomialText.Read("x^2*y + x*y + x^2 + x");
        // (x^2 + x)*y + (x^2 + x).
        Assert.Equal(text2.Read("x^2 + x"), PolynomialGcd.ContentIn(ps2[0], text2.Atoms.IndexOf(Support.TestEngine.Read("y"))));
    }

    [Fact]
    public void Work_past_the_bounds_is_refused_not_done()
    {
        var (_, ps) = PolynomialText.Read("x + y + z + w + 1");
        Assert.Throws<PolynomialRefused>(() => ps[0].Pow(30));
        Assert.Throws<PolynomialRefused>(() => ps[0].Pow(PolynomialWork.MaxDegree + 1));
        using (PolynomialWork.Enter(maxSteps: 100))
        {
            Assert.Throws<PolynomialRefused>(() => ps[0].Pow(4));
        }

        var (_, big) = PolynomialText.Read("(x + y + 1)^12 + 1", "(x + y + 1)^12 + x");
        using (PolynomialWork.Enter(maxSteps: 1_000))
        {
            Assert.Null(PolynomialGcd.Of(big[0], big[1]));
        }
    }
}
