using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// The atoms that are roots u^(1/q) of a polynomial u over the table's other atoms, and a rational function with each
/// such atom's q-th and higher powers written in u: over x and r = sqrt(x^2 + 1), 18*x^2*r^2 - 15*x^4 - 3*r^4 is
/// 12*x^2 - 3, which reading a root as an unknown atom cannot see (the fourth derivative of sqrt(1 + x^2) is then
/// 3*(4*x^2 - 1)/(x^2 + 1)^(7/2)). r^q = u holds wherever r is defined; where every power of r goes, the condition on u
/// goes with it, and <see cref="Cancel"/> keeps the conditions a result lost.
/// </summary>
internal static class Roots
{
    /// <summary>
    /// <paramref name="f"/> with every power r^k, k ≥ q, of a root atom r = u^(1/q) written u^(k div q)*r^(k mod q) (f
    /// itself when there is none), and u and r for each such root: the bases a denominator is then written in powers of,
    /// so that r^7 comes back as (x^2 + 1)^(7/2), not expanded.
    /// </summary>
    public static (RationalFunction Reduced, IReadOnlyList<Polynomial> Bases) Reduced(RationalFunction f, AtomTable atoms)
    {
        List<(int Index, int Q, Polynomial U)>? roots = null;
        for (var i = 0; i < atoms.Count; i++)
        {
            if (atoms[i] is Power { Exponent: Number { Value: var k }, Base: var b } && k.Numerator.IsOne && k.Denominator > 1
                && k.Denominator <= AtomTable.MaxRootIndex && (f.Numerator.Degree(i) >= k.Denominator || f.Denominator.Degree(i) >= k.Denominator)
                && atoms.Covers(b) && RationalForm.From(b, atoms) is { Denominator.IsConstant: true } u && !u.Numerator.DependsOn(i))
            {
                (roots ??= []).Add((i, (int)k.Denominator, u.Numerator.Scale(u.Denominator.ConstantValue.Reciprocal())));
            }
        }

        if (roots is null)
        {
            return (f, []);
        }

        var bases = roots.SelectMany(r => new[] { r.U, Polynomial.Variable(r.Index, f.Arity) }).ToList();
        return (RationalFunction.Of(Reduce(f.Numerator, roots), Reduce(f.Denominator, roots)), bases);
    }

    private static Polynomial Reduce(Polynomial p, List<(int Index, int Q, Polynomial U)> roots)
    {
        foreach (var (i, q, u) in roots)
        {
            if (p.Degree(i) < q)
            {
                continue;
            }

            var result = Polynomial.Zero(p.Arity);
            foreach (var (m, c) in p.Terms)
            {
                result += Polynomial.Term(c, m.With(i, m[i] % q)) * u.Pow(m[i] / q);
            }

            p = result;
        }

        return p;
    }
}
