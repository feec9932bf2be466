using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification;
using CalcApi.Domain.Simplification.Polynomials;
using CalcApi.Domain.Tests.Support;
using CsCheck;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>
/// Random small polynomials in x, y, z (up to four terms, coefficients -4..4, degrees up to 2 in each): gcds divide
/// and are divided by the common factor, exact division undoes multiplication, and cancelling a common factor gives
/// the same function, defined wherever the input was, with the lost points still excluded by the kept conditions.
/// Values are compared exactly, at rational points.
/// </summary>
public class PolynomialPropertyTests
{
    private const int Iterations = 300;

    private static readonly PolynomialText Text = PolynomialText.Over("x + y + z");

    private static readonly Gen<Polynomial> Polynomials =
        Gen.Select(Gen.Int[-4, 4], Gen.Int[0, 2].Array[3], (c, e) => (c, e)).Array[1, 4]
            .Select(terms => terms.Aggregate(Polynomial.Zero(3), (sum, t) => sum + Polynomial.Term(t.c, Reorder(t.e))));

    private static readonly Gen<Polynomial> NonZero = Polynomials.Where(p => !p.IsZero);

    private static readonly Gen<Rational[]> Points = Gen.Select(Gen.Int[-6, 6], Gen.Int[1, 3], (n, d) => new Rational(n, d)).Array[3];

    /// <summary>
    /// A gcd given up at the bounds (dense products in three atoms can need remainders of thousands of terms) is
    /// allowed, so long as most are done: each one done is checked.
    /// </summary>
    [Fact]
    public void The_gcd_of_two_multiples_of_g_is_divisible_by_g_and_divides_both()
    {
        var done = 0;
        Gen.Select(NonZero, Polynomials, NonZero).Sample((p, q, g) =>
        {
            var pg = p * g;
            var qg = q * g;
            if (PolynomialGcd.Of(pg, qg) is not { } gcd)
            {
                return;
            }

            done++;
            Assert.NotNull(gcd.DividedBy(g));
            Assert.NotNull(pg.DividedBy(gcd));
            Assert.NotNull(qg.DividedBy(gcd));
        }, iter: Iterations, threads: 1, print: t => $"p = {t.Item1}, q = {t.Item2}, g = {t.Item3}");

        Assert.True(done >= Iterations * 9 / 10, $"only {done} of {Iterations} gcds were done");
    }

    /// <summary>In one atom the gcd takes its own path (dense integer arrays); up to degree 6 each, it is always done.</summary>
    [Fact]
    public void In_one_atom_the_gcd_of_two_multiples_of_g_is_g_times_the_gcd_of_the_cofactors()
    {
        var univariate = Gen.Select(Gen.Int[-9, 9], Gen.Int[0, 6], (c, e) => (c, e)).Array[1, 5]
            .Select(terms => terms.Aggregate(Polynomial.Zero(3), (sum, t) => sum + Polynomial.Term(t.c, Reorder([t.e, 0, 0]))))
            .Where(p => !p.IsZero);
        Gen.Select(univariate, univariate, univariate).Sample((p, q, g) =>
        {
            var gcd = PolynomialGcd.Of(p * g, q * g);
            var cofactors = PolynomialGcd.Of(p, q);
            Assert.NotNull(gcd);
            Assert.NotNull(cofactors);
            Assert.Equal((g * cofactors).Normalised(), gcd);
        }, iter: Iterations, print: t => $"p = {t.Item1}, q = {t.Item2}, g = {t.Item3}");
    }

    [Fact]
    public void Exact_division_undoes_multiplication_and_an_inexact_one_says_so() =>
        Gen.Select(Polynomials, NonZero, Polynomials).Sample((p, q, r) =>
        {
            Assert.Equal(p, (p * q).DividedBy(q));
            var quotient = (p + r).DividedBy(q);
            Assert.True(quotient is null || (quotient * q).Equals(p + r), $"({p + r})/({q}) gave {quotient}");
        }, iter: Iterations, print: t => $"p = {t.Item1}, q = {t.Item2}, r = {t.Item3}");

    /// <summary>Lowest terms given up at the bounds are allowed, so long as most are done (as for the gcd).</summary>
    [Fact]
    public void Lowest_terms_of_pg_over_qg_equal_p_over_q_wherever_qg_is_not_zero()
    {
        var done = 0;
        Gen.Select(Polynomials, NonZero, NonZero, Points).Sample((p, q, g, point) =>
        {
            RationalFunction f;
            try
            {
                using var work = PolynomialWork.Enter();
                f = RationalFunction.Of(p * g, q * g);
            }
            catch (PolynomialRefused)
            {
                return;
            }

            done++;
            var gcd = PolynomialGcd.Of(f.Numerator, f.Denominator);
            Assert.True(gcd is null or { IsConstant: true } || f.Numerator.IsZero, $"{f} is not in lowest terms");
            if (PolynomialText.Value(q * g, point).IsZero)
            {
                return;
            }

            var d = PolynomialText.Value(f.Denominator, point);
            Assert.False(d.IsZero, $"{f} is undefined at a point where the input is defined");
            Assert.Equal(PolynomialText.Value(p, point) / PolynomialText.Value(q, point), PolynomialText.Value(f.Numerator, point) / d);
        }, iter: Iterations, threads: 1, print: t => $"p = {t.Item1}, q = {t.Item2}, g = {t.Item3}, at ({string.Join(", ", t.Item4)})");

        Assert.True(done >= Iterations * 9 / 10, $"only {done} of {Iterations} were put in lowest terms");
    }

    /// <summary>
    /// Through expressions: Cancel.Of(p*g/(q*g)) has the input's value wherever the input has one, and where the input
    /// has none (its denominator vanishes at an integer point, as small integer polynomials often do), the result has
    /// none either or one of the conditions it kept fails there: the answer's domain is the input's.
    /// </summary>
    [Fact]
    public void Cancelling_keeps_the_value_and_the_domain()
    {
        var cancelled = 0;
        Gen.Select(Polynomials, NonZero, NonZero).Sample((p, q, g) =>
        {
            var input = Algebra.Div(Text.ToExpr(p * g), Text.ToExpr(q * g));
            var (result, kept) = Cancel.Of(input);
            if (!ReferenceEquals(result, input))
            {
                Interlocked.Increment(ref cancelled);
            }

            for (var x = -2; x <= 2; x++)
            {
                for (var y = -2; y <= 2; y++)
                {
                    var point = new Dictionary<string, double> { ["x"] = x, ["y"] = y, ["z"] = (x * y) - 1 };
                    var defined = TestEngine.TryEval(input, point, out var before);
                    var keptHold = kept.All(c => TestEngine.TryEval(c.Left, point, out var l) && TestEngine.TryEval(c.Right, point, out var r) && c.Holds(l, r));
                    if (defined)
                    {
                        Assert.True(keptHold, $"a kept condition of {result} fails at ({x}, {y}) where {input} is defined");
                        Assert.True(TestEngine.TryEval(result, point, out var after), $"{result} is undefined at ({x}, {y})");
                        Assert.Equal(before, after, 1e-9 * Math.Max(1, Math.Abs(before)));
                    }
                    else
                    {
                        Assert.False(keptHold && TestEngine.TryEval(result, point, out _), $"{result} with {kept.Count} kept conditions is defined at ({x}, {y}), where {input} is not");
                    }
                }
            }
        }, iter: Iterations, threads: 1, print: t => $"p = {t.Item1}, q = {t.Item2}, g = {t.Item3}");

        // Most inputs do get smaller (a test of nothing if cancel gave up on them all).
        Assert.True(cancelled > Iterations / 2, $"only {cancelled} of {Iterations} inputs were cancelled");
    }

    /// <summary>The generated exponents are for x, y, z; the table numbers its atoms in its own order.</summary>
    private static Monomial Reorder(int[] exponents)
    {
        var reordered = new int[3];
        string[] names = ["x", "y", "z"];
        for (var i = 0; i < 3; i++)
        {
            reordered[Text.Atoms.IndexOf(Algebra.Variable(names[i]))] = exponents[i];
        }

        return new Monomial(reordered);
    }
}
