using System.Numerics;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// Sums that are polynomials in s = sin(u) and c = cos(u) written as a teacher would, by the Pythagorean identity
/// s^2 + c^2 = 1 and the double angles (issue 10): the 4th derivative of exp(sin(x)) is
/// (sin(x)^4 + 6*sin(x)^3 + 5*sin(x)^2 - 5*sin(x) - 3)*exp(sin(x)), not a mixture of powers of both, and
/// 2*cos(x)^2 - 2*sin(x)^2 is 2*cos(2*x). A sum is read as a polynomial in s and c whose coefficients are the terms'
/// other factors, and these equal forms are tried:
/// <list type="bullet">
/// <item>in sine: c^2 replaced by 1 - s^2 until c is at most linear; in cosine likewise;</item>
/// <item>where every term is of degree at most 2, the double angles: s^2 = (1 - cos(2u))/2, c^2 = (1 + cos(2u))/2,
/// s*c = sin(2u)/2;</item>
/// <item>where a term multiplies sin or cos of two arguments, the products written as sums (<see cref="TrigProducts"/>).</item>
/// </list>
/// Each is taken with its quotients named (<see cref="TrigQuotients"/>), with or without its common factors out
/// (<see cref="CommonFactors"/>): sin(x)/cos(x) - tan(x) + 2*cos(x)^2*tan(x) is 2*cos(x)^2*tan(x). The one with the
/// fewest operations is kept, the sum itself on a tie. All are identities on the whole real line, and every other factor
/// (tan(u), 1/cos(u)^k) is kept as written, so the value and the domain are unchanged; a form in which u no longer
/// appears (sin(log(x))^2 + cos(log(x))^2 = 1) would drop u's own conditions, and is refused
/// (<see cref="StandardFormsDomain"/>).
/// </summary>
public static class TrigPolynomials
{
    /// <summary>Sums of more terms are left as they are: each argument's forms are built term by term.</summary>
    public const int MaxTerms = 256;

    /// <summary>The highest power of sin(u) or cos(u) read: c^k expands into k/2 + 1 terms.</summary>
    public const int MaxDegree = 32;

    /// <summary>The distinct arguments u tried in one sum.</summary>
    private const int MaxArguments = 3;

    /// <summary><paramref name="e"/> with each sum of sines and cosines in its shortest form above (itself where none is shorter).</summary>
    public static Expr Of(Expr e)
    {
        // A sum with sin(u)^k or cos(u)^k (k >= 2), or sin or cos of two arguments, in a term is the only place these
        // identities can shorten anything; most answers have none, and are let through after this look alone.
        if (e.Size > CommonFactors.MaxNodes || !e.IsScalar || !Walk.Any(e, MayReduce))
        {
            return e;
        }

        return BottomUp.Rewrite(e, (node, children) =>
            node is Sum s ? Shortest(s, children) : children is null ? node : BottomUp.Rebuilt(node, children));
    }

    /// <summary>
    /// Whether <paramref name="node"/> is a sum of two or more terms with a square (or higher power) of sin or cos as a
    /// factor of a term, or with a product of sin or cos of two arguments (<see cref="TrigProducts"/>).
    /// </summary>
    private static bool MayReduce(Expr node) =>
        node is Sum { Terms.Length: >= 2 } s && s.IsScalar && (HasSquare(s) || TrigProducts.MayApply(s));

    private static bool HasSquare(Sum s)
    {
        foreach (var term in s.Terms)
        {
            if (term is Product p)
            {
                foreach (var f in p.Factors)
                {
                    if (PowerOf(f, out _, out _) is >= 2)
                    {
                        return true;
                    }
                }
            }
            else if (PowerOf(term, out _, out _) is >= 2)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sum (its terms visited: <paramref name="visited"/>, or its own) in the shortest of its forms above.</summary>
    private static Expr Shortest(Sum sum, Expr[]? visited)
    {
        var current = visited is null ? sum : Algebra.Add(visited);
        if (current is not Sum s || s.Terms.Length > MaxTerms || !MayReduce(s))
        {
            return current;
        }

        var candidates = new List<Expr?>(7);
        if (TrigProducts.MayApply(s))
        {
            candidates.Add(TrigProducts.ToSums(s));
        }

        if (HasSquare(s))
        {
            foreach (var u in Arguments(s))
            {
                if (Read(s, u) is { } terms)
                {
                    candidates.AddRange([InSine(terms, u), InCosine(terms, u), DoubleAngles(terms, u)]);
                }
            }
        }

        var best = current;
        var least = Operations.Of(current);
        foreach (var candidate in candidates)
        {
            if (candidate is null)
            {
                continue;
            }

            var named = TrigQuotients.Of(candidate);
            foreach (var form in (Expr[])[named, CommonFactors.Of(named)])
            {
                if (Operations.Of(form) is var operations && operations < least && StandardFormsDomain.Keeps(s, form))
                {
                    (best, least) = (form, operations);
                }
            }
        }

        return best;
    }

    /// <summary>The distinct arguments u of sin(u)^k and cos(u)^k (k >= 1) that are factors of the terms, in order of appearance.</summary>
    private static List<Expr> Arguments(Sum s)
    {
        var arguments = new List<Expr>(1);
        foreach (var term in s.Terms)
        {
            foreach (var f in term is Product p ? p.Factors.AsSpan() : [term])
            {
                if (PowerOf(f, out _, out var u) is >= 1 && !arguments.Contains(u!) && arguments.Count < MaxArguments)
                {
                    arguments.Add(u!);
                }
            }
        }

        return arguments;
    }

    /// <summary>
    /// The terms read over sin(u) and cos(u); null where
    /// a power is past <see cref="MaxDegree"/>.
    /// </summary>
    private static List<Term>? Read(Sum s, Expr u)
    {
        var terms = new List<Term>(s.Terms.Length);
        foreach (var term in s.Terms)
        {
            var (i, j) = (0, 0);
            var rest = new List<Expr>();
            foreach (var f in term is Product p ? p.Factors.AsSpan() : [term])
            {
                if (PowerOf(f, out var function, out var v) is >= 1 and var k && v!.Equals(u))
                {
                    if (k > MaxDegree)
                    {
                        return null;
                    }

                    if (function == Function.Sin)
                    {
                        i = k;
                    }
                    else
                    {
                        j = k;
                    }
                }
                else
                {
                    rest.Add(f);
                }
            }

            terms.Add(new Term(i, j, Algebra.Mul([.. rest])));
        }

        return terms;
    }

    /// <summary>cos(u)^2 replaced by 1 - sin(u)^2 until cos(u) is at most linear; null where no term has cos(u)^2.</summary>
    private static Expr? InSine(List<Term> terms, Expr u) =>
        terms.Exists(t => t.Cosine >= 2) ? Expand(terms, u, t => (Algebra.Apply(Function.Sin, u), t.Sine, t.Cosine)) : null;

    /// <summary>sin(u)^2 replaced by 1 - cos(u)^2 until sin(u) is at most linear; null where no term has sin(u)^2.</summary>
    private static Expr? InCosine(List<Term> terms, Expr u) =>
        terms.Exists(t => t.Sine >= 2) ? Expand(terms, u, t => (Algebra.Apply(Function.Cos, u), t.Cosine, t.Sine)) : null;

    /// <summary>
    /// The sum with the squares of one function replaced: each term others*kept^a*other^b, with other^b =
    /// other^(b mod 2)*(1 - kept^2)^(b div 2) multiplied out by the binomial theorem; the smart constructors collect the
    /// like terms. <paramref name="split"/> names, for a term, the function kept, its power, and the other's power.
    /// </summary>
    private static Expr Expand(List<Term> terms, Expr u, Func<Term, (Expr Kept, int KeptPower, int OtherPower)> split)
    {
        var written = new List<Expr>();
        foreach (var t in terms)
        {
            var (kept, a, b) = split(t);
            var other = Algebra.Apply(kept is Call { Function: Function.Sin } ? Function.Cos : Function.Sin, u);
            var odd = Algebra.Pow(other, Algebra.Num(b % 2));
            var binomial = BigInteger.One;
            for (var k = 0; k <= b / 2; k++)
            {
                var sign = k % 2 == 0 ? binomial : -binomial;
                written.Add(Algebra.Mul(Algebra.Num(new Rational(sign, BigInteger.One)), t.Others, Algebra.Pow(kept, Algebra.Num(a + 2 * k)), odd));
                binomial = binomial * (b / 2 - k) / (k + 1);
            }
        }

        return Algebra.Add([.. written]);
    }

    /// <summary>
    /// sin(u)^2 = (1 - cos(2u))/2, cos(u)^2 = (1 + cos(2u))/2, sin(u)*cos(u) = sin(2u)/2, where every term is of degree at
    /// most 2 in sin(u) and cos(u) and one is of degree 2; null otherwise. Terms of degree 0 and 1 are kept as they are.
    /// </summary>
    private static Expr? DoubleAngles(List<Term> terms, Expr u)
    {
        if (terms.Exists(t => t.Sine + t.Cosine > 2) || !terms.Exists(t => t.Sine + t.Cosine == 2))
        {
            return null;
        }

        var twice = Algebra.Mul(Algebra.Two, u);
        var cos2 = Algebra.Apply(Function.Cos, twice);
        var sin2 = Algebra.Apply(Function.Sin, twice);
        var written = new List<Expr>();
        foreach (var (i, j, rest) in terms)
        {
            var half = Algebra.Mul(Algebra.Half, rest);
            switch ((i, j))
            {
                case (2, 0):
                    written.Add(half);
                    written.Add(Algebra.Neg(Algebra.Mul(half, cos2)));
                    break;
                case (0, 2):
                    written.Add(half);
                    written.Add(Algebra.Mul(half, cos2));
                    break;
                case (1, 1):
                    written.Add(Algebra.Mul(half, sin2));
                    break;
                default:
                    written.Add(Algebra.Mul(rest, Algebra.Pow(Algebra.Apply(Function.Sin, u), Algebra.Num(i)), Algebra.Pow(Algebra.Apply(Function.Cos, u), Algebra.Num(j))));
                    break;
            }
        }

        return Algebra.Add([.. written]);
    }

    /// <summary>A term as others*sin(u)^Sine*cos(u)^Cosine, others holding its coefficient and every other factor.</summary>
    private readonly record struct Term(int Sine, int Cosine, Expr Others);

    /// <summary>k where <paramref name="f"/> is sin(u)^k or cos(u)^k with k a positive whole number (1 for the call itself); 0 otherwise.</summary>
    private static int PowerOf(Expr f, out Function function, out Expr? argument)
    {
        switch (f)
        {
            case Call { Function: Function.Sin or Function.Cos } c:
                (function, argument) = (c.Function, c.Argument);
                return 1;
            case Power { Base: Call { Function: Function.Sin or Function.Cos } c, Exponent: Number { Value: { IsInteger: true, Sign: > 0 } k } }
                when k.Numerator <= int.MaxValue:
                (function, argument) = (c.Function, c.Argument);
                return (int)k.Numerator;
            default:
                (function, argument) = (default, null);
                return 0;
        }
    }
}
