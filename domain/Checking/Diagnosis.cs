using System.Numerics;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Checking;

/// <summary>A recognised mistake: its code (contract section 7) and a sentence for the learner.</summary>
public sealed record Finding(string Code, string Message);

/// <summary>
/// Names the mistake a wrong answer probably is: the answer compared, at the points where both sides were
/// defined, with the expected result negated (<c>signError</c>), scaled by a small rational
/// (<c>constantFactor</c>), and with each wrong result a named mistake would give (<see cref="Mistakes"/>).
/// A match is judged as equivalence is (<see cref="Equivalence.Threshold"/>), at the comparison's own points.
/// </summary>
public static class Diagnosis
{
    /// <summary>Points of agreement a candidate needs to be named (fewer when fewer were found).</summary>
    private const int PointsToMatch = 6;

    /// <param name="expected">The right result.</param>
    /// <param name="answer">The learner's answer, of the same shape.</param>
    /// <param name="points">Points where both are defined.</param>
    /// <param name="mistakes">Wrong results of named mistakes, any shape (those of another shape are skipped).</param>
    /// <param name="what">What the expected result is, for the sentences: "the derivative", "the expected expression".</param>
    public static IReadOnlyList<Finding> Of(Expr expected, Expr answer, IReadOnlyList<IReadOnlyDictionary<string, Value>> points, IReadOnlyList<Mistake> mistakes, string what)
    {
        var findings = new List<Finding>();
        if (answer.Shape == expected.Shape)
        {
            if (!Equivalence.IsZero(expected) && Matches(Algebra.Neg(expected), answer, points))
            {
                findings.Add(new("signError", $"Your answer is the negative of {what}: a sign is wrong."));
            }
            else if (ConstantFactor(expected, answer, points) is { } factor)
            {
                findings.Add(new("constantFactor", $"Your answer is {Times(factor)} {what}: a constant factor is wrong."));
            }
        }

        foreach (var mistake in mistakes)
        {
            if (findings.All(f => f.Code != mistake.Code) && Matches(mistake.Derivative, answer, points))
            {
                findings.Add(new(mistake.Code, mistake.Message));
            }
        }

        return findings;
    }

    /// <summary>The finding for a point where exactly one side is defined.</summary>
    public static Finding DomainDiffers(Counterexample at, string what) => at.AnswerValue is null
        ? new("domainDiffers", $"Your answer is not defined at {Sampling.Describe(at.At)}, where {what} is: the two differ in domain.")
        : new("domainDiffers", $"Your answer is defined at {Sampling.Describe(at.At)}, where {what} is not: the two differ in domain.");

    /// <summary>Whether <paramref name="answer"/> equals <paramref name="candidate"/>: the same canonical form, or agreement at the points.</summary>
    public static bool Matches(Expr candidate, Expr answer, IReadOnlyList<IReadOnlyDictionary<string, Value>> points)
    {
        if (candidate.Shape != answer.Shape)
        {
            return false;
        }

        var difference = Algebra.Sub(answer, candidate);
        if (Equivalence.IsZero(difference))
        {
            return true;
        }

        if (difference is Number)
        {
            return false;
        }

        var agreeing = 0;
        foreach (var point in points)
        {
            var d = Comparand.Evaluate(difference, point);
            if (!d.IsSuccess)
            {
                continue;
            }

            if (Equivalence.MaxAbs(d.Value) > Equivalence.Threshold)
            {
                return false;
            }

            agreeing++;
        }

        return agreeing >= Math.Min(PointsToMatch, points.Count) && agreeing >= 3;
    }

    /// <summary>c with answer = c·expected at every point, for c a rational of denominator at most 12 other than 0, 1 and -1; or null.</summary>
    private static Rational? ConstantFactor(Expr expected, Expr answer, IReadOnlyList<IReadOnlyDictionary<string, Value>> points)
    {
        foreach (var point in points)
        {
            var e = Comparand.Evaluate(expected, point);
            var a = Comparand.Evaluate(answer, point);
            if (!e.IsSuccess || !a.IsSuccess)
            {
                continue;
            }

            var (ev, av) = Largest(e.Value, a.Value);
            if (Math.Abs(ev) < 1e-6)
            {
                continue;
            }

            var c = Simple(av / ev);
            return c is { } factor && !factor.IsZero && !factor.IsOne && !factor.IsMinusOne
                && Matches(Algebra.Mul(Algebra.Num(factor), expected), answer, points) ? factor : null;
        }

        return null;
    }

    /// <summary>The expected entry of largest magnitude and the answer's entry at the same place.</summary>
    private static (double Expected, double Answer) Largest(Value e, Value a)
    {
        if (e.Matrix is not { } me || a.Matrix is not { } ma)
        {
            return e.Matrix is null && a.Matrix is null ? (e.Scalar, a.Scalar) : (0, 0);
        }

        var (bi, bj) = (0, 0);
        for (var i = 0; i < me.RowCount; i++)
        {
            for (var j = 0; j < me.ColumnCount; j++)
            {
                if (Math.Abs(me[i, j]) > Math.Abs(me[bi, bj]))
                {
                    (bi, bj) = (i, j);
                }
            }
        }

        return (me[bi, bj], ma[bi, bj]);
    }

    /// <summary>The rational of denominator at most 12 within 1e-9 of <paramref name="r"/>, if any.</summary>
    private static Rational? Simple(double r)
    {
        if (!double.IsFinite(r) || Math.Abs(r) > 1e6)
        {
            return null;
        }

        for (var q = 1; q <= 12; q++)
        {
            var p = Math.Round(r * q);
            if (Math.Abs(r * q - p) <= 1e-9 * Math.Max(1, Math.Abs(r * q)))
            {
                return new Rational(new BigInteger(p), q);
            }
        }

        return null;
    }

    /// <summary>"twice", "half", "3 times", "1/3 of", "-2 times".</summary>
    private static string Times(Rational c) =>
        c == 2 ? "twice"
        : c == Rational.Half ? "half"
        : c.IsInteger ? $"{c.Numerator} times"
        : c.Numerator.IsOne ? $"1/{c.Denominator} of"
        : $"{c.Numerator}/{c.Denominator} times";
}
