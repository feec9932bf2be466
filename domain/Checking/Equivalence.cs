using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>Which differences of domain make two sides differ.</summary>
public enum DomainRule
{
    /// <summary>Both domains must be the same (two expressions said to be equal: sqrt(x)^2 is not x).</summary>
    Same,

    /// <summary>The answer must be defined wherever the expected side is, and may be defined further (1/x for d/dx log(x)).</summary>
    AnswerCovers,
}

/// <summary>A point where the two sides differ, with both values (null for a side not defined there).</summary>
public sealed record Counterexample(IReadOnlyDictionary<string, Value> At, Value? ExpectedValue, Value? AnswerValue);

/// <summary>
/// The outcome of a comparison. <see cref="Counterexample"/> is there exactly when the sides differ;
/// <see cref="DomainDiffers"/> says a point was found where one side is defined and the other is not.
/// <see cref="CommonPoints"/> are sample points where both are defined, for diagnosing the difference.
/// </summary>
public sealed record Comparison(bool Equivalent, bool Symbolic, Counterexample? Counterexample, bool DomainDiffers, IReadOnlyList<IReadOnlyDictionary<string, Value>> CommonPoints);

/// <summary>
/// Whether two expressions are equal where they are defined (contract section 7), never with a wrong
/// "not equivalent": symbolically where their canonical forms agree and so do their domains' conditions;
/// otherwise at deterministic random points (<see cref="Sampling"/>) inside the domain of both.
/// <para>
/// At each point the difference expected − answer, built by the algebra as one expression, is evaluated
/// exactly enough (<see cref="ExactValues"/>: within 1e-9 relative or 1e-12 absolute of the exact value, or
/// refused): a value beyond <see cref="Threshold"/> proves the exact difference is not zero, so every
/// counterexample is a proof; cancellation in double precision cannot fake one, and a refused point is
/// skipped rather than guessed. "Equivalent" is the verdict after <see cref="RequiredPoints"/> points agree:
/// two different analytic expressions agree at independent random points with probability zero, so the
/// judgement can only be fooled by differences below <see cref="Threshold"/> everywhere sampled (a constant
/// difference in the canonical form, such as + 1e-13, is caught symbolically).
/// </para>
/// </summary>
public static class Equivalence
{
    /// <summary>Points at which both sides must agree before they are judged equivalent.</summary>
    public const int RequiredPoints = 12;

    /// <summary>Random points tried at most (many may lie outside a domain: sqrt(x - 5), logdet(X)).</summary>
    public const int MaxCandidates = 400;

    /// <summary>
    /// A difference beyond this (in some entry) is not zero: exact-enough values are within 1e-12 of the exact
    /// value near zero (contract section 5), so an exact difference of 0 is never read as more than 1e-12.
    /// </summary>
    public const double Threshold = 1e-11;

    public static Outcome<Comparison> Compare(Comparand expected, Comparand answer, DomainRule rule, SampleSpace space)
    {
        var difference = Algebra.Sub(expected.Value, answer.Value);
        var sameValue = IsZero(difference);
        var domainsAgree = DomainsAgree(expected, answer, rule);
        if (sameValue && domainsAgree)
        {
            return new Comparison(true, true, null, false, []);
        }

        space = space.WithScalars(FreeNames(expected).Union(FreeNames(answer)));
        var scan = new Scan(expected, answer, rule, difference);
        if (!domainsAgree)
        {
            // Where removable singularities and the edges of domains are: x/x and 1 differ only at 0.
            foreach (var point in Sampling.SpecialPoints(space).Take(MaxCandidates))
            {
                WorkBudget.ThrowIfCancelled();
                scan.Visit(point, countsTowardsAgreement: false);
                if (scan.Witness is not null)
                {
                    break;
                }
            }
        }

        foreach (var point in Sampling.Points(space).Take(MaxCandidates))
        {
            WorkBudget.ThrowIfCancelled();
            scan.Visit(point, countsTowardsAgreement: true);
            if (scan.Common.Count >= RequiredPoints)
            {
                break;
            }
        }

        if (scan.Mismatch is { } mismatch)
        {
            return new Comparison(false, false, scan.Nicer(mismatch, isMismatch: true), scan.Witness is not null, scan.Common);
        }

        if (scan.Witness is { } witness)
        {
            return new Comparison(false, false, scan.Nicer(witness, isMismatch: false), true, scan.Common);
        }

        if (scan.Agreeing >= RequiredPoints)
        {
            return new Comparison(true, false, null, false, scan.Common);
        }

        return new CalcError(ErrorKind.Precision, "Cannot decide",
            scan.Common.Count == 0
                ? $"No point was found where both sides are defined (of {MaxCandidates} random points, each side was either undefined or could not be evaluated to the contract's precision), so the answer cannot be checked."
                : $"Only {scan.Agreeing} of the {RequiredPoints} points needed were found where both sides are defined and can be evaluated to the contract's precision; the answer cannot be checked reliably.");
    }

    /// <summary>Whether the canonical form says the two values are the same: 0, or a zero matrix.</summary>
    public static bool IsZero(Expr e) => e is Number { Value.IsZero: true } or Zeros;

    /// <summary>The largest magnitude of a value's entries.</summary>
    public static double MaxAbs(Value v) => v.Matrix is { } m ? m.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max() : Math.Abs(v.Scalar);

    /// <summary>
    /// Whether the domain conditions prove the rule: each condition of the answer is one of the expected side's
    /// or follows from one (so the answer is defined wherever the expected side is), and for <see cref="DomainRule.Same"/> also
    /// the other way round. Conditions that differ in form only are left to the points to settle.
    /// </summary>
    private static bool DomainsAgree(Comparand expected, Comparand answer, DomainRule rule)
    {
        var e = expected.AllConditions();
        var a = answer.AllConditions();
        return a.All(c => Covered(c, e)) && (rule == DomainRule.AnswerCovers || e.All(c => Covered(c, a)));
    }

    private static bool Covered(Condition c, IReadOnlyList<Condition> by) => by.Any(b => c.Equals(b) || c.FollowsFrom(b));

    private static IEnumerable<string> FreeNames(Comparand c) =>
        c.Value.FreeNames.Concat(c.Guards.SelectMany(g => g.FreeNames)).Concat(c.Conditions.SelectMany(x => x.Left.FreeNames.Concat(x.Right.FreeNames)));

    /// <summary>The walk over sample points: what each point shows, and the first point of each kind of difference.</summary>
    private sealed class Scan(Comparand expected, Comparand answer, DomainRule rule, Expr difference)
    {
        public List<IReadOnlyDictionary<string, Value>> Common { get; } = [];

        public int Agreeing { get; private set; }

        public Counterexample? Mismatch { get; private set; }

        public Counterexample? Witness { get; private set; }

        public void Visit(IReadOnlyDictionary<string, Value> point, bool countsTowardsAgreement)
        {
            var (kind, example) = Classify(point);
            switch (kind)
            {
                case PointKind.Agree:
                    if (countsTowardsAgreement)
                    {
                        Agreeing++;
                        Common.Add(point);
                    }

                    break;
                case PointKind.Differ:
                    Mismatch ??= example;
                    if (countsTowardsAgreement)
                    {
                        Common.Add(point);
                    }

                    break;
                case PointKind.DomainWitness:
                    Witness ??= example;
                    break;
            }
        }

        /// <summary>The same difference at a rounder point (0.7 rather than 0.6931…) where there is one nearby, else the point itself.</summary>
        public Counterexample Nicer(Counterexample found, bool isMismatch)
        {
            for (var digits = 1; digits <= 3; digits++)
            {
                var rounded = Sampling.Rounded(found.At, digits);
                var (kind, example) = Classify(rounded);
                if (example is not null && kind == (isMismatch ? PointKind.Differ : PointKind.DomainWitness)
                    && (example.ExpectedValue is null) == (found.ExpectedValue is null))
                {
                    return example;
                }
            }

            return found;
        }

        private (PointKind Kind, Counterexample? Example) Classify(IReadOnlyDictionary<string, Value> point)
        {
            // A first look in double precision passes over points outside a domain cheaply; a point that could be a
            // difference of domain is read exactly, until one is found.
            var expectedOut = expected.ProbablyUndefined(point);
            if (expectedOut && (rule == DomainRule.AnswerCovers || Witness is not null))
            {
                return (PointKind.Unusable, null);
            }

            var answerOut = answer.ProbablyUndefined(point);
            if ((expectedOut && answerOut) || (answerOut && Witness is not null))
            {
                return (PointKind.Unusable, null);
            }

            var e = expected.Read(point);
            if (e.Status == Definedness.Unknown)
            {
                return (PointKind.Unusable, null);
            }

            var a = answer.Read(point);
            if (a.Status == Definedness.Unknown)
            {
                return (PointKind.Unusable, null);
            }

            if (e.IsDefined && a.IsDefined)
            {
                return Differs(point, e.Value!, a.Value!) ? (PointKind.Differ, new(point, e.Value, a.Value)) : (PointKind.Agree, null);
            }

            if (e.IsDefined || (a.IsDefined && rule == DomainRule.Same))
            {
                return (PointKind.DomainWitness, new(point, e.Value, a.Value));
            }

            return (PointKind.Unusable, null);
        }

        /// <summary>
        /// Whether the exact difference at the point is provably not zero: the canonical difference evaluated
        /// exactly enough exceeds <see cref="Threshold"/>; where it cannot be evaluated, the two values' own
        /// tolerance intervals must be apart.
        /// </summary>
        private bool Differs(IReadOnlyDictionary<string, Value> point, Value e, Value a)
        {
            if (IsZero(difference))
            {
                return false;
            }

            if (difference is Number)
            {
                return true;
            }

            var d = Comparand.Evaluate(difference, point);
            if (d.IsSuccess)
            {
                return MaxAbs(d.Value) > Threshold;
            }

            return Apart(e, a);
        }

        private static bool Apart(Value e, Value a)
        {
            if (e.Matrix is null != a.Matrix is null)
            {
                return false;
            }

            if (e.Matrix is { } me && a.Matrix is { } ma)
            {
                return me.RowCount == ma.RowCount && me.ColumnCount == ma.ColumnCount
                    && me.Enumerate().Zip(ma.Enumerate()).Any(p => Apart(p.First, p.Second));
            }

            return Apart(e.Scalar, a.Scalar);
        }

        /// <summary>Each value is within 1e-9 relative or 1e-12 absolute of its exact value; intervals that far apart cannot hold one number.</summary>
        private static bool Apart(double e, double a) => Math.Abs(e - a) > 2e-9 * (Math.Abs(e) + Math.Abs(a)) + 2e-12;
    }

    private enum PointKind
    {
        Unusable,
        Agree,
        Differ,
        DomainWitness,
    }
}
