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
    /// Coefficient operations one numerator in powers of a sum (<see cref="Shift"/>) may spend: a small share of
    /// <see cref="MaxSteps"/>, which it spends too, so that the few tried (at most six) cannot use up the budget of a
    /// cancel that would be done without them (the 6th derivative of x^x needs about 300).
    /// </summary>
    private const long MaxShiftSteps = MaxSteps / 50;

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
            var read = RationalForm.From(e, atoms);
            var (f, rootBases) = Roots.Reduced(read, atoms);
            // Nothing cancelled and nothing read as a root's power: a product is as short as it gets, but a sum may still be
            // shorter over one denominator (1 - 1/(x + 1) is x/(x + 1)).
            if (!f.Reduced && ReferenceEquals(f, read) && e is not Sum)
            {
                return new(e, []);
            }

            var best = Smallest(e, Candidates(f, atoms, [.. DenominatorBases(e, atoms), .. rootBases], Shift.BasesOf(e, atoms)));
            if (best is null)
            {
                return new(e, []);
            }

            return new(best, Lost(DomainConditions.Within(e), DomainConditions.Within(best), atoms));
        }
        catch (PolynomialRefused)
        {
            return new(e, []);
        }
        catch (Errors.CalcException refused) when (refused.Error.Limit == "maxIntegerBits")
        {
            // A number the canonical form would not hold (a power of an atom's exact value): simplifying is optional.
            return new(e, []);
        }
    }

    /// <summary>
    /// Whether <paramref name="condition"/>, u != 0, follows from <paramref name="known"/> because every factor of u
    /// divides the numerator or the denominator of a side known to be non-zero (w != 0, w &gt; 0 or w &lt; 0 holds only
    /// where both are): 1 - x^2 != 0 follows from 1 - x != 0 and (x + 1)/(1 - x) &gt; 0. False when it cannot tell
    /// (other relations, too many atoms, work past the bounds), so that a condition is only ever dropped when implied.
    /// </summary>
    public static bool FollowsFrom(Condition condition, IReadOnlyList<Condition> known)
    {
        var nonZero = known.Where(k => k is { Relation: Relation.NotEqual or Relation.Greater or Relation.Less, Right: Number { Value.IsZero: true } }).ToList();
        if (condition is not { Relation: Relation.NotEqual, Right: Number { Value.IsZero: true } } || nonZero.Count == 0
            || !condition.Left.IsScalar || nonZero.Any(k => !k.Left.IsScalar))
        {
            return false;
        }

        try
        {
            using var work = PolynomialWork.Enter(MaxSteps);
            var atoms = AtomTable.Of([condition.Left, .. nonZero.Select(k => k.Left)]);
            var u = RationalForm.From(condition.Left, atoms);
            if (u.IsZero)
            {
                return false;
            }

            var factors = nonZero.SelectMany(k => RationalForm.From(k.Left, atoms) is var w ? new[] { w.Numerator, w.Denominator } : []).Where(f => !f.IsConstant).ToList();
            var rest = u.Numerator;
            for (var changed = true; changed && !rest.IsConstant;)
            {
                changed = false;
                foreach (var f in factors)
                {
                    var g = PolynomialGcd.Gcd(rest, f);
                    if (!g.IsConstant)
                    {
                        rest = PolynomialGcd.Exact(rest, g);
                        changed = true;
                    }
                }
            }

            return rest.IsConstant;
        }
        catch (PolynomialRefused)
        {
            return false;
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
    /// The ways of writing n/d that are tried: the numerator expanded, or as its common factor times the rest
    /// (exp(x)*(x - 2) rather than x*exp(x) - 2*exp(x)); the denominator expanded, or as powers of the denominators the
    /// input had times what is left ((x - 1)^4 rather than x^4 - 4*x^3 + 6*x^2 - 4*x + 1); and both in either sign
    /// (1/(1 - x^2) rather than -1/(x^2 - 1)). The numerator is also tried in powers of each sum of one atom and a number
    /// the input had (<see cref="Shift"/>), in the first sign only: x^4*(ln(x) + 1)^5 + … rather than the binomial multiplied out.
    /// </summary>
    private static IEnumerable<(Expr Form, bool PositiveLead)> Candidates(RationalFunction f, AtomTable atoms, IReadOnlyList<Polynomial> bases,
        IReadOnlyList<(int Atom, Polynomial Base, Expr Written)> shifts)
    {
        var (powers, rest) = InPowers(f.Denominator, bases, atoms);
        foreach (var sign in new[] { Rational.One, Rational.MinusOne })
        {
            var n = f.Numerator.Scale(sign);
            var d = f.Denominator.Scale(sign);
            var lead = n.IsZero || !n.Leading.Value.IsNegative;
            List<Expr> denominators = [RationalForm.ToExpr(d, atoms)];
            if (powers is not null)
            {
                denominators.Add(Algebra.Mul(RationalForm.ToExpr(rest!.Scale(sign), atoms), powers));
            }

            foreach (var numerator in Numerators(n, atoms, sign.IsOne ? shifts : []))
            {
                foreach (var denominator in denominators)
                {
                    yield return (Algebra.Div(numerator, denominator), lead);
                }
            }
        }
    }

    /// <summary>
    /// The numerator expanded, and as its common factor (number and power product) times the rest when it has one; each
    /// of those also in powers of each of <paramref name="shifts"/> where that applies.
    /// </summary>
    private static IEnumerable<Expr> Numerators(Polynomial n, AtomTable atoms, IReadOnlyList<(int Atom, Polynomial Base, Expr Written)> shifts)
    {
        yield return RationalForm.ToExpr(n, atoms);
        foreach (var (atom, b, written) in shifts)
        {
            if (Shift.In(n, atom, b, MaxShiftSteps) is { } q)
            {
                yield return Shift.ToExpr(q, atoms, atom, written);
            }
        }

        if (n.Terms.Count < 2)
        {
            yield break;
        }

        var exponents = new int[n.Arity];
        for (var v = 0; v < n.Arity; v++)
        {
            exponents[v] = n.Terms.Keys.Min(m => m[v]);
        }

        var monomial = new Monomial(exponents);
        var primitive = n.Normalised();
        var number = n.Leading.Value / primitive.Leading.Value;
        if (monomial.IsOne && number.IsOne)
        {
            yield break;
        }

        var common = Polynomial.Term(number, monomial);
        if (n.DividedBy(common) is { } remaining)
        {
            var factor = RationalForm.ToExpr(common, atoms);
            yield return Algebra.Mul(factor, RationalForm.ToExpr(remaining, atoms));
            foreach (var (atom, b, written) in shifts)
            {
                if (Shift.In(remaining, atom, b, MaxShiftSteps) is { } q)
                {
                    yield return Algebra.Mul(factor, Shift.ToExpr(q, atoms, atom, written));
                }
            }
        }
    }

    /// <summary>d as powers of the input's denominators <paramref name="bases"/> and what is left; null powers when none divides it.</summary>
    private static (Expr? Powers, Polynomial? Remaining) InPowers(Polynomial d, IReadOnlyList<Polynomial> bases, AtomTable atoms)
    {
        if (d.IsConstant || bases.Count == 0)
        {
            return (null, null);
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

        return factors.Count == 0 ? (null, null) : (Algebra.Mul([.. factors]), rest);
    }

    /// <summary>
    /// Of the candidates with fewer nodes than <paramref name="e"/>, the one with fewest operations as printed
    /// ((1 - x^2)/(x^2 + 1)^2 rather than -(x^2 - 1)/(x^2 + 1)^2, one node fewer but a negation more); between equals,
    /// fewest nodes, then one whose numerator does not lead with a minus sign, then the first. Null when none is smaller.
    /// </summary>
    private static Expr? Smallest(Expr e, IEnumerable<(Expr Form, bool PositiveLead)> candidates)
    {
        (Expr Form, bool PositiveLead, long Operations)? best = null;
        foreach (var (form, positiveLead) in candidates)
        {
            if (form.Size >= e.Size)
            {
                continue;
            }

            var operations = Simplification.Operations.Of(form);
            if (best is not { } b || (operations, form.Size, positiveLead ? 0 : 1).CompareTo((b.Operations, b.Form.Size, b.PositiveLead ? 0 : 1)) < 0)
            {
                best = (form, positiveLead, operations);
            }
        }

        return best?.Form;
    }

    /// <summary>
    /// Whether lowest terms could differ from <paramref name="e"/>: it divides by a sum ((x - 1)^-2, which may share a
    /// factor with a numerator), a product divides and has a sum for a factor ((sqrt(x)^3 + sqrt(x))/sqrt(x)), or a sum
    /// has a term that divides (fractions to bring together). Otherwise every division is by a power of an atom in a
    /// product of atoms, which the canonical form has already merged with its like factors, so there is nothing to cancel: most answers (cos(x)/x^2, 1/x) are let through after this look alone, without allocating
    /// (it keeps the engine's median time within its budget).
    /// </summary>
    private static bool Divides(Expr e) => (e.Contents & Contents.Sum) != 0 && Walk.Any(e, n => n switch
    {
        Power { Exponent: Number { Value.IsNegative: true }, Base: Sum } => true,
        Product p => p.Factors.Any(IsDivision) && p.Factors.Any(f => f is Sum),
        Sum s => s.Terms.Any(t => Walk.Any(t, IsDivision)),
        _ => false,
    });

    private static bool IsDivision(Expr e) => e is Power { Exponent: Number { Value.IsNegative: true } };

    /// <summary>The polynomial bases the input divides by (u of u^-k), as written (1 - x stays 1 - x), each once.</summary>
    private static List<Polynomial> DenominatorBases(Expr e, AtomTable atoms)
    {
        var bases = new List<Polynomial>();
        // Only the polynomial structure is walked: a power inside an atom (sin(1/(x + 1))) is not a denominator of e.
        foreach (var node in Walk.Distinct(e, n => n.Size > 1 && AtomTable.Read(n) is not AtomTable.Part.Atom))
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
