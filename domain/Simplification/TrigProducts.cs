using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>
/// Products of sines and cosines of two different arguments written as sums, the form a sum of them often shortens to:
/// d/dx sin(2x)*cos(3x) = 2*cos(2x)*cos(3x) - 3*sin(2x)*sin(3x) is -cos(x)/2 + 5*cos(5x)/2. One of the forms
/// <see cref="TrigPolynomials"/> tries, kept only where it has fewer operations; identities on the whole real line:
/// <code>
/// sin(a)*sin(b) = (cos(a - b) - cos(a + b))/2
/// cos(a)*cos(b) = (cos(a - b) + cos(a + b))/2
/// sin(a)*cos(b) = (sin(a + b) + sin(a - b))/2
/// </code>
/// </summary>
internal static class TrigProducts
{
    /// <summary>Whether a term of the sum has sin or cos of one argument times sin or cos of another (each to the first power): a cheap first look.</summary>
    public static bool MayApply(Sum s)
    {
        foreach (var term in s.Terms)
        {
            if (term is Product p && Pair(p) is (>= 0, >= 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sum with each such product in a term written as a sum by the identities above; null where no term has one.</summary>
    public static Expr? ToSums(Sum s)
    {
        var written = new List<Expr>(s.Terms.Length * 2);
        var changed = false;
        foreach (var term in s.Terms)
        {
            if (term is not Product p || Pair(p) is not ( >= 0 and var i, >= 0 and var j))
            {
                written.Add(term);
                continue;
            }

            var (f, g) = ((Call)p.Factors[i], (Call)p.Factors[j]);
            var others = Algebra.Mul([Algebra.Half, .. p.Factors.Where((_, k) => k != i && k != j)]);
            var (a, b) = (f.Argument, g.Argument);
            var sum = Algebra.Add(a, b);
            var difference = Shorter(Algebra.Sub(a, b));
            var negated = difference.Negated;
            switch ((f.Function, g.Function))
            {
                case (Function.Sin, Function.Sin):
                    written.Add(Algebra.Mul(others, Algebra.Apply(Function.Cos, difference.Expression)));
                    written.Add(Algebra.Neg(Algebra.Mul(others, Algebra.Apply(Function.Cos, sum))));
                    break;
                case (Function.Cos, Function.Cos):
                    written.Add(Algebra.Mul(others, Algebra.Apply(Function.Cos, difference.Expression)));
                    written.Add(Algebra.Mul(others, Algebra.Apply(Function.Cos, sum)));
                    break;
                default:
                    // sin(a)*cos(b), or cos(a)*sin(b) = sin(b)*cos(a): sin(a - b) is -sin(b - a).
                    var sign = (f.Function == Function.Sin) != negated ? Algebra.One : Algebra.MinusOne;
                    written.Add(Algebra.Mul(others, Algebra.Apply(Function.Sin, sum)));
                    written.Add(Algebra.Mul(sign, others, Algebra.Apply(Function.Sin, difference.Expression)));
                    break;
            }

            changed = true;
        }

        return changed ? Algebra.Add([.. written]) : null;
    }

    /// <summary>d or -d, whichever has fewer operations (x, not -x), and whether it is -d.</summary>
    private static (Expr Expression, bool Negated) Shorter(Expr d)
    {
        var negative = Algebra.Neg(d);
        return Operations.Of(negative) < Operations.Of(d) ? (negative, true) : (d, false);
    }

    /// <summary>
    /// The positions of sin(a) or cos(a) and sin(b) or cos(b) in the product, a and b different, each to the first power
    /// and the only calls of sin or cos in it; (-1, -1) otherwise.
    /// </summary>
    private static (int First, int Second) Pair(Product p)
    {
        var (first, second) = (-1, -1);
        for (var k = 0; k < p.Factors.Length; k++)
        {
            switch (p.Factors[k])
            {
                case Call { Function: Function.Sin or Function.Cos }:
                    if (first < 0)
                    {
                        first = k;
                    }
                    else if (second < 0)
                    {
                        second = k;
                    }
                    else
                    {
                        return (-1, -1);
                    }

                    break;
                case Power { Base: Call { Function: Function.Sin or Function.Cos } }:
                    return (-1, -1);
            }
        }

        return second >= 0 && !((Call)p.Factors[first]).Argument.Equals(((Call)p.Factors[second]).Argument) ? (first, second) : (-1, -1);
    }
}
