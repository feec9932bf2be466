using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Simplification;
using CalcApi.Domain.Simplification.Polynomials;
using CalcApi.Domain.Tests.Support;
using CsCheck;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>
/// Numerators in powers of a sum the input had (issue 10, ho-power-tower-2): the high derivatives of x^x keep
/// (ln(x) + 1)^k, as SymPy does, instead of multiplying the binomial out; and the rewriting q(a*t + c) = p(t) is exact.
/// </summary>
public class ShiftTests
{
    private static readonly PolynomialText Text = PolynomialText.Over("x + y + z");

    [Theory]
    [InlineData(4, "(x^3*(ln(x) + 1)^4 + 6*x^2*(ln(x) + 1)^2 + 3*x - 4*x*(ln(x) + 1) + 2)*x^(x - 3)")]
    [InlineData(5, "(x^4*(ln(x) + 1)^5 + 10*x^3*(ln(x) + 1)^3 - 10*x^2*(ln(x) + 1)^2 + 15*x^2*(ln(x) + 1) - 10*x + 10*x*(ln(x) + 1) - 6)*x^(x - 4)")]
    public void The_high_derivatives_of_x_to_the_x_keep_the_powers_of_ln_x_plus_1(int order, string expected)
    {
        var canonical = Differentiator.Differentiate(TestEngine.Read("x^x"), "x", order);

        var (answer, kept) = CalcApi.Domain.Simplification.Forms.Answer(canonical);

        Assert.Equal(expected, TextPrinter.Print(answer));
        Assert.Empty(kept.Kept);
    }

    /// <summary>Written back through the smart constructors, which multiply a bare number into a sum: -2*(1 - x) is 2*x - 2.</summary>
    [Theory]
    [InlineData("x^2 + 2*x + 1", "x + 1", "(x + 1)^2")]
    [InlineData("x^3 - 3*x^2 + 3*x", "x - 1", "(x - 1)^3 + 1")]
    [InlineData("4*x^2*y + 4*x*y + y", "2*x + 1", "y*(2*x + 1)^2")]
    [InlineData("x^2 + y", "1 - x", "2*x + y + (1 - x)^2 - 1")]
    public void A_polynomial_is_written_in_powers_of_the_sum(string polynomial, string sum, string expected)
    {
        var b = Text.Read(sum);
        var atom = Text.Atoms.IndexOf(Algebra.Variable("x"));

        var q = Shift.In(Text.Read(polynomial), atom, b, 10_000);

        Assert.NotNull(q);
        Assert.Equal(expected, Shift.ToExpr(q, Text.Atoms, atom, TestEngine.Read(sum)).ToString());
    }

    [Theory]
    [InlineData("x*y + 1")]
    [InlineData("y^2 + 1")]
    public void A_polynomial_of_degree_below_two_in_the_atom_is_left_to_the_other_forms(string polynomial)
    {
        var atom = Text.Atoms.IndexOf(Algebra.Variable("x"));

        Assert.Null(Shift.In(Text.Read(polynomial), atom, Text.Read("x + 1"), 10_000));
    }

    [Theory]
    [InlineData("(x + 1)^2*y + (y + z)^3", "x + 1")]
    [InlineData("(2*x - 3)*y", "2*x - 3")]
    [InlineData("(x + y)^2 + (x^2 + 1)^2 + (sin(x) + 1)^2", "sin(x) + 1")]
    [InlineData("(x + y)^2*(x^2 + 1)^3", "")]
    public void Only_sums_of_one_atom_and_a_number_that_the_expression_multiplies_by_are_bases(string expression, string bases)
    {
        var e = TestEngine.Read(expression);
        var atoms = AtomTable.Of(e);

        var found = Shift.BasesOf(e, atoms);

        Assert.Equal(bases, string.Join("; ", found.Select(b => b.Written.ToString())));
    }

    /// <summary>Random polynomials in x, y, z and random sums a*x + c: q at a*t + c is p at t, exactly, at rational points.</summary>
    [Fact]
    public void The_polynomial_in_powers_of_the_sum_has_the_same_value()
    {
        var polynomials = Gen.Select(Gen.Int[-4, 4], Gen.Int[0, 3].Array[3], (c, e) => (c, e)).Array[1, 5]
            .Select(terms => terms.Aggregate(Polynomial.Zero(3), (sum, t) => sum + Polynomial.Term(t.c, new Monomial(t.e))));
        var nonZero = Gen.Int[-3, 3].Where(n => n != 0);
        var points = Gen.Select(Gen.Int[-6, 6], Gen.Int[1, 3], (n, d) => new Rational(n, d)).Array[3];
        var shifted = 0;
        Gen.Select(polynomials, nonZero, nonZero, points).Sample((p, a, c, point) =>
        {
            var b = Polynomial.Variable(0, 3).Scale(a) + Polynomial.Constant(c, 3);
            if (Shift.In(p, 0, b, 10_000) is not { } q)
            {
                Assert.True(p.Degree(0) < 2);
                return;
            }

            shifted++;
            var at = point.ToArray();
            at[0] = (a * point[0]) + c;
            Assert.Equal(PolynomialText.Value(p, point), PolynomialText.Value(q, at));
        }, iter: 300, threads: 1, print: t => $"p = {t.Item1}, b = {t.Item2}*x0 + {t.Item3}, at {string.Join(", ", t.Item4)}");

        Assert.True(shifted > 150, $"only {shifted} of 300 polynomials were shifted");
    }
}
