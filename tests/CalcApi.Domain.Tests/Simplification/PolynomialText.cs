using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification.Polynomials;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>Polynomials written as text in the tests, read over one shared table of atoms, and written back.</summary>
internal sealed class PolynomialText
{
    private PolynomialText(AtomTable atoms) => Atoms = atoms;

    public AtomTable Atoms { get; }

    /// <summary>The texts, read over the atoms of all of them together (so x is the same atom in each).</summary>
    public static (PolynomialText Text, Polynomial[] Polynomials) Read(params string[] texts)
    {
        var expressions = texts.Select(t => TestEngine.Read(t)).ToArray();
        var atoms = AtomTable.Of(expressions);
        var polynomials = expressions.Select(e =>
        {
            var f = RationalForm.From(e, atoms);
            Assert.True(f.Denominator.IsConstant, $"{e} is not a polynomial");
            return f.Numerator.Scale(f.Denominator.ConstantValue.Reciprocal());
        }).ToArray();
        return (new PolynomialText(atoms), polynomials);
    }

    /// <summary>The exact value of <paramref name="p"/> at a point given atom by atom.</summary>
    public static Rational Value(Polynomial p, Rational[] point)
    {
        var total = Rational.Zero;
        foreach (var (m, c) in p.Terms)
        {
            var term = c;
            for (var v = 0; v < m.Arity; v++)
            {
                term *= point[v].Pow(m[v]);
            }

            total += term;
        }

        return total;
    }

    /// <summary>A polynomial over the atoms already read (an atom new to the table is a mistake in the test).</summary>
    public Polynomial Read(string text)
    {
        var f = RationalForm.From(TestEngine.Read(text), Atoms);
        Assert.True(f.Denominator.IsConstant, $"{text} is not a polynomial");
        return f.Numerator.Scale(f.Denominator.ConstantValue.Reciprocal());
    }

    /// <summary>The atoms of the texts, for reading rational functions over them.</summary>
    public static PolynomialText Over(params string[] texts) => new(AtomTable.Of(texts.Select(t => TestEngine.Read(t))));

    public RationalFunction ReadRational(string text) => RationalForm.From(TestEngine.Read(text), Atoms);

    public string Write(Polynomial p) => RationalForm.ToExpr(p, Atoms).ToString();

    public string Write(RationalFunction f) => RationalForm.ToExpr(f, Atoms).ToString();

    public Expr ToExpr(Polynomial p) => RationalForm.ToExpr(p, Atoms);
}
