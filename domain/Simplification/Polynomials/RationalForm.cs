using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// Expressions to rational functions over their atoms and back. Reading is exact algebra (a sum is added over the
/// least common denominator, a negative integer power inverts); writing goes through the smart constructors, so what
/// comes back is in canonical form. Both throw <see cref="PolynomialRefused"/> past the bounds; callers enter a
/// <see cref="PolynomialWork"/> scope and catch it.
/// </summary>
public static class RationalForm
{
    /// <summary><paramref name="e"/> as a rational function in lowest terms over the atoms of <paramref name="atoms"/>.</summary>
    public static RationalFunction From(Expr e, AtomTable atoms) => From(e, atoms, new Dictionary<Expr, RationalFunction>(SameNode.Instance));

    private static RationalFunction From(Expr e, AtomTable atoms, Dictionary<Expr, RationalFunction> memo)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        var arity = atoms.Count;
        RationalFunction result;
        switch (AtomTable.Read(e))
        {
            case AtomTable.Part.Constant c:
                result = RationalFunction.Of(Polynomial.Constant(c.Value, arity));
                break;
            case AtomTable.Part.Terms t:
                result = RationalFunction.Of(Polynomial.Zero(arity));
                foreach (var term in t.Items)
                {
                    result += From(term, atoms, memo);
                }

                break;
            case AtomTable.Part.Factors f:
                result = RationalFunction.Of(Polynomial.One(arity));
                foreach (var factor in f.Items)
                {
                    result *= From(factor, atoms, memo);
                }

                break;
            case AtomTable.Part.Power p:
                result = From(p.Base, atoms, memo).Pow(p.Exponent);
                break;
            case AtomTable.Part.Atom a:
                result = RationalFunction.Of(Polynomial.Variable(atoms.TryIndexOf(a.Expression) ?? throw new PolynomialRefused($"an atom ({a.Expression}) outside its table"), arity));
                break;
            default:
                throw new InvalidOperationException($"Unexpected part {e}.");
        }

        memo[e] = result;
        return result;
    }

    /// <summary>The polynomial written back as a canonical expression: the sum of its terms, each a number times powers of atoms.</summary>
    public static Expr ToExpr(Polynomial p, AtomTable atoms)
    {
        var terms = new Expr[p.Terms.Count];
        var i = 0;
        foreach (var (m, c) in p.Terms)
        {
            var factors = new List<Expr> { Algebra.Num(c) };
            for (var v = 0; v < m.Arity; v++)
            {
                if (m[v] != 0)
                {
                    factors.Add(Algebra.Pow(atoms[v], Algebra.Num(m[v])));
                }
            }

            terms[i++] = Algebra.Mul([.. factors]);
        }

        return Algebra.Add(terms);
    }

    /// <summary>The rational function written back as numerator over denominator.</summary>
    public static Expr ToExpr(RationalFunction f, AtomTable atoms) =>
        Algebra.Div(ToExpr(f.Numerator, atoms), ToExpr(f.Denominator, atoms));
}
