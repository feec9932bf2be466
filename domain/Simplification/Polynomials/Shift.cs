using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// A polynomial written in powers of a sum its expression had, a*atom + c, instead of powers of the atom: the numerator
/// of the 5th derivative of x^x in L = ln(x) is x^4*L^5 + 5*x^4*L^4 + 10*x^4*L^3 + … (57 operations in L), in u = L + 1
/// it is x^4*u^5 + 10*x^3*u^3 - 10*x^2*u^2 + … (23), which is how SymPy and a teacher write it: the binomial the chain
/// rule made is kept, not multiplied out. The substitution atom = (u - c)/a is exact, so the value and the domain are
/// the polynomial's own (u holds the atom it replaces).
/// </summary>
public static class Shift
{
    /// <summary>Sums read as a shift; each is one more form of a numerator to compare.</summary>
    public const int MaxBases = 3;

    /// <summary>
    /// The sums of one atom (to the first power) and a number that <paramref name="e"/> multiplies by or raises to a
    /// whole positive power, as written (ln(x) + 1 of (ln(x) + 1)^5), each once: (atom index, the sum as a polynomial,
    /// the sum as written). Only the polynomial structure is walked, not inside atoms.
    /// </summary>
    public static List<(int Atom, Polynomial Base, Expr Written)> BasesOf(Expr e, AtomTable atoms)
    {
        var bases = new List<(int, Polynomial, Expr)>();
        foreach (var node in Walk.Distinct(e, n => n.Size > 1 && AtomTable.Read(n) is not AtomTable.Part.Atom))
        {
            var sums = node switch
            {
                Power { Base: Sum s, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } } } => [s],
                Product p => p.Factors.OfType<Sum>(),
                _ => [],
            };
            foreach (var s in sums)
            {
                if (bases.Count < MaxBases && s.Terms.Length == 2 && AsShift(s, atoms) is { } shift && !bases.Any(b => b.Item1 == shift.Atom))
                {
                    bases.Add((shift.Atom, shift.Base, s));
                }
            }
        }

        return bases;
    }

    /// <summary>
    /// q with q(b) = <paramref name="p"/> where b = a*atom + c is <paramref name="b"/>: q(u) = p((u - c)/a), by Horner's
    /// rule in the atom's coefficients, the atom's own index standing for u. Null where <paramref name="p"/> is of degree
    /// below 2 in the atom (nothing to gain) or the work would pass <paramref name="maxSteps"/>.
    /// </summary>
    public static Polynomial? In(Polynomial p, int atom, Polynomial b, long maxSteps)
    {
        var degree = p.Degree(atom);
        if (degree < 2 || (long)degree * p.Terms.Count * 2 > maxSteps)
        {
            return null;
        }

        var a = b.CoefficientIn(atom, 1).ConstantValue;
        var c = b.CoefficientIn(atom, 0).ConstantValue;
        // atom = (u - c)/a, written over the same index.
        var inverse = Polynomial.Variable(atom, p.Arity).Scale(a.Reciprocal()) + Polynomial.Constant(-c / a, p.Arity);
        var coefficients = p.CoefficientsIn(atom);
        var q = Polynomial.Zero(p.Arity);
        for (var k = degree; k >= 0; k--)
        {
            q = q * inverse;
            if (coefficients.TryGetValue(k, out var coefficient))
            {
                q += coefficient;
            }
        }

        return q;
    }

    /// <summary>q written back as <see cref="RationalForm.ToExpr(Polynomial, AtomTable)"/> does, with <paramref name="written"/> in place of atom <paramref name="atom"/>.</summary>
    public static Expr ToExpr(Polynomial q, AtomTable atoms, int atom, Expr written)
    {
        var terms = new Expr[q.Terms.Count];
        var i = 0;
        foreach (var (m, c) in q.Terms)
        {
            var factors = new List<Expr> { Algebra.Num(c) };
            for (var v = 0; v < m.Arity; v++)
            {
                if (m[v] != 0)
                {
                    factors.Add(Algebra.Pow(v == atom ? written : atoms[v], Algebra.Num(m[v])));
                }
            }

            terms[i++] = Algebra.Mul([.. factors]);
        }

        return Algebra.Add(terms);
    }

    /// <summary>The sum as a*atom + c with a and c non-zero numbers, or null; read off its two terms without building anything.</summary>
    private static (int Atom, Polynomial Base)? AsShift(Sum s, AtomTable atoms)
    {
        var (number, other) = s.Terms[0] is Number n0 ? (n0, s.Terms[1]) : s.Terms[1] is Number n1 ? (n1, s.Terms[0]) : (null, null);
        if (number is null || other is null)
        {
            return null;
        }

        var (a, monomial) = Algebra.SplitCoefficient(other);
        if (AtomTable.Read(monomial) is not AtomTable.Part.Atom || atoms.TryIndexOf(monomial) is not { } atom)
        {
            return null;
        }

        var arity = atoms.Count;
        return (atom, Polynomial.Variable(atom, arity).Scale(a) + Polynomial.Constant(number.Value, arity));
    }
}
