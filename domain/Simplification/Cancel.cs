using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification.Polynomials;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// cancel: an expression read as a rational function of its atoms (<see cref="AtomTable"/>), put over one
/// denominator and into lowest terms, and written back when that is smaller: 2*x/(x - 1) - (x^2 - 1)/(x - 1)^2 is 1.
/// Dividing out a common factor widens the domain ((x^2 - 1)/(x - 1) is x + 1, which is defined at 1 too), so the
/// conditions the input had and the result lost are handed back (<see cref="Cancelled.Kept"/>) for the caller to keep
/// with the answer (contract section 5): the answer still says x - 1 != 0. Bounded: an expression too large to try,
/// or polynomial work past <see cref="PolynomialWork"/>'s bounds, comes back unchanged.
/// </summary>
public static class Cancel
{
    /// <summary>Nodes of the largest expression tried (as a tree): cancelling is for answers a reader reads.</summary>
    public const int MaxNodes = 2_000;

    /// <summary>Coefficient operations one cancel may spend.</summary>
    public const long MaxSteps = 50_000;

    /// <summary>
    /// The cancelled form of <paramref name="e"/> when it has fewer nodes than <paramref name="e"/> (an equally large one
    /// would only change the look of an answer), with the conditions of <paramref name="e"/> it lost; otherwise
    /// <paramref name="e"/> itself and no conditions.
    /// </summary>
    public static Cancelled Of(Expr e)
    {
        if (e is Number or Symbol or Constant || !e.IsScalar || e.Size > MaxNodes || !Divides(e))
        {
            return new(e, []);
        }

        try
        {
            using var work = PolynomialWork.Enter(MaxSteps);
            var atoms = AtomTable.Of(e);
            var f = RationalForm.From(e, atoms);
            if (!f.Reduced)
            {
                return new(e, []);
            }

            var best = Smallest(Candidates(f, atoms, DenominatorBases(e, atoms)));
            if (best is null || best.Size >= e.Size)
            {
                return new(e, []);
            }

            return new(best, Lost(DomainConditions.Within(e), DomainConditions.Within(best), atoms));
        }
        catch (PolynomialRefused)
        {
            return new(e, []);
        }
    }

    /// <summary>
    /// The conditions of the input that the result's do not imply. Beyond the same or a stronger condition, u != 0
    /// follows from v != 0 for the part of u that divides v: of x^2 - 1 != 0, beside x + 1 != 0, what is lost is
    /// x - 1 != 0, and 1 - x^2 != 0 implies both x + 1 != 0 and 1 - x != 0.
    /// </summary>
    private static List<Condition> Lost(IReadOnlyList<Condition> before, IReadOnlyList<Condition> after, AtomTable atoms)
    {
        var nonZero = after.Select(a => NonZeroPolynomial(a, atoms)).OfType<Polynomial>().ToList();
        var lost = new List<Condition>();
        foreach (var c in before)
        {
            if (after.Any(a => c.Equals(a) || c.FollowsFrom(a)))
            {
                continue;
            }

            if (NonZeroPolynomial(c, atoms) is not { } u)
            {
                lost.Add(c);
                continue;
            }

            var rest = u;
            foreach (var v in nonZero)
            {
                var g = PolynomialGcd.Gcd(rest, v);
                if (!g.IsConstant)
                {
                    rest = PolynomialGcd.Exact(rest, g);
                }
            }

            if (!rest.IsConstant)
            {
                lost.Add(rest.Equals(u) ? c : Condition.NonZero(RationalForm.ToExpr(rest.Normalised(), atoms)));
            }
        }

        return lost;
    }

    /// <summary>u of a condition u != 0 when u is a polynomial over the atoms; otherwise null.</summary>
    private static Polynomial? NonZeroPolynomial(Condition c, AtomTable atoms)
    {
        if (c is not { Relation: Relation.NotEqual, Right: Number { Value.IsZero: true } } || !atoms.Covers(c.Left))
        {
            return null;
        }

        var f = RationalForm.From(c.Left, atoms);
        return f.Denominator.IsConstant && !f.Numerator.IsZero ? f.Numerator : null;
    }

    /// <summary>
    /// The ways of writing n/d that are tried: n/d and -n/(-d) as expanded polynomials (1/(1 - x^2) rather than
    /// -1/(x^2 - 1)), and d written as powers of the denominators the input had, times what is left ((x - 1)^4 rather
    /// than x^4 - 4*x^3 + 6*x^2 - 4*x + 1), in either sign.
    /// </summary>
    private static IEnumerable<(Expr Form, bool PositiveLead)> Candidates(RationalFunction f, AtomTable atoms, IReadOnlyList<Polynomial> bases)
    {
        var n = f.Numerator;
        var d = f.Denominator;
        var lead = n.IsZero || !n.Leading.Value.IsNegative;
        yield return (RationalForm.ToExpr(f, atoms), lead);
        yield return (Algebra.Div(RationalForm.ToExpr(-n, atoms), RationalForm.ToExpr(-d, atoms)), !lead);

        if (d.IsConstant || bases.Count == 0)
        {
            yield break;
        }

        var factors = new List<Expr>();
        var rest = d;
        foreach (var b in bases)
        {
            var power = 0;
            while (!rest.IsConstant && rest.DividedBy(b) is { } quotient)
            {
                rest = quotient;
                power++;
            }

            if (power > 0)
            {
                factors.Add(Algebra.Pow(RationalForm.ToExpr(b, atoms), Algebra.Num(power)));
            }
        }

        if (factors.Count > 0)
        {
            var written = Algebra.Mul([.. factors]);
            yield return (Algebra.Div(RationalForm.ToExpr(n, atoms), Algebra.Mul(RationalForm.ToExpr(rest, atoms), written)), lead);
            yield return (Algebra.Div(RationalForm.ToExpr(-n, atoms), Algebra.Mul(RationalForm.ToExpr(-rest, atoms), written)), !lead);
        }
    }

    /// <summary>The candidate with fewest nodes; between equals, one whose numerator does not lead with a minus sign, then the first.</summary>
    private static Expr? Smallest(IEnumerable<(Expr Form, bool PositiveLead)> candidates)
    {
        (Expr Form, bool PositiveLead)? best = null;
        foreach (var candidate in candidates)
        {
            if (best is not { } b || candidate.Form.Size < b.Form.Size || (candidate.Form.Size == b.Form.Size && candidate.PositiveLead && !b.PositiveLead))
            {
                best = candidate;
            }
        }

        return best?.Form;
    }

    /// <summary>
    /// Whether <paramref name="e"/> divides by something ((x - 1)^-2, x^-1, sqrt(x)^-1), the only case tried: without
    /// a denominator there is nothing to cancel and rewriting could only expand, so most answers are let through after
    /// this walk alone (it keeps the engine's median time within its budget).
    /// </summary>
    private static bool Divides(Expr e)
    {
        foreach (var node in Walk.Distinct(e, n => n.Size > 1))
        {
            if (node is Power { Exponent: Number { Value.IsNegative: true } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The polynomial bases the input divides by (u of u^-k), as written (1 - x stays 1 - x), each once.</summary>
    private static List<Polynomial> DenominatorBases(Expr e, AtomTable atoms)
    {
        var bases = new List<Polynomial>();
        foreach (var node in Walk.Distinct(e, n => n.Size > 1))
        {
            if (node is Power { Exponent: Number { Value: { IsInteger: true, IsNegative: true } }, Base: var b } && b.Size > 1)
            {
                var f = RationalForm.From(b, atoms);
                if (f.Denominator.IsConstant && !f.Numerator.IsConstant)
                {
                    var written = f.Numerator.Scale(f.Denominator.ConstantValue.Reciprocal());
                    if (!bases.Contains(written))
                    {
                        bases.Add(written);
                    }
                }
            }
        }

        return bases;
    }
}

/// <summary>An expression after <see cref="Cancel.Of"/>, and the conditions of the real domain the input had and it lost, which the answer must keep.</summary>
public sealed record Cancelled(Expr Result, IReadOnlyList<Condition> Kept);
