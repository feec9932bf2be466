using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification.Polynomials;

/// <summary>
/// The atoms of an expression as the polynomial layer sees it: what is neither a number, a sum, a product nor an
/// integer power. A variable is an atom, and so is any other sub-expression (sin(x), exp(x), x^y), keyed by Expr
/// equality, so sin(x)^2 - 1 is the polynomial a^2 - 1 in the atom a = sin(x). A fractional power u^(p/q) is the
/// atom u^(1/q) to the integer power p, so that sqrt(x)^3 and 1/sqrt(x) meet sqrt(x). Atoms are numbered in order
/// of first appearance; that order is the order of the gcd's recursion.
/// </summary>
public sealed class AtomTable
{
    /// <summary>Distinct atoms of one expression (each one more level of the gcd's recursion).</summary>
    public const int MaxAtoms = 12;

    /// <summary>The largest root index u^(1/q) read as an atom.</summary>
    internal const int MaxRootIndex = 16;

    private readonly List<Expr> _atoms = [];
    private readonly Dictionary<Expr, int> _index = [];

    private AtomTable()
    {
    }

    public int Count => _atoms.Count;

    public Expr this[int index] => _atoms[index];

    /// <summary>The atoms of <paramref name="e"/>; refused (<see cref="PolynomialRefused"/>) past <see cref="MaxAtoms"/> or for a vector or matrix part.</summary>
    public static AtomTable Of(params IEnumerable<Expr> expressions)
    {
        var table = new AtomTable();
        var seen = new HashSet<Expr>(SameNode.Instance);
        foreach (var e in expressions)
        {
            table.Collect(e, seen);
        }

        return table;
    }

    /// <summary>The index of an atom of this table.</summary>
    public int IndexOf(Expr atom) => _index[atom];

    /// <summary>The index of <paramref name="atom"/>, or null when it is not one of this table's.</summary>
    public int? TryIndexOf(Expr atom) => _index.TryGetValue(atom, out var index) ? index : null;

    /// <summary>Whether every atom of <paramref name="e"/> is one of this table's (so that it can be read over it).</summary>
    public bool Covers(Expr e)
    {
        var other = Of(e);
        return Enumerable.Range(0, other.Count).All(i => _index.ContainsKey(other[i]));
    }

    /// <summary>How the polynomial layer reads one node (see <see cref="Part"/>).</summary>
    internal static Part Read(Expr e)
    {
        if (!e.IsScalar)
        {
            throw new PolynomialRefused("a vector or matrix operand");
        }

        return e switch
        {
            Number n => new Part.Constant(n.Value),
            Sum s => new Part.Terms(s.Terms),
            Product p => new Part.Factors(p.Factors),
            Power { Exponent: Number { Value: { IsInteger: true } k } } p => new Part.Power(p.Base, Exponent(k.Numerator)),
            // u^(1/q) itself is the atom; u^(p/q) is that atom to the power p.
            Power { Exponent: Number { Value: var k } } p when k.Denominator <= MaxRootIndex && !k.Numerator.IsOne =>
                new Part.Power(Algebra.Pow(p.Base, Algebra.Num(new Rational(1, k.Denominator))), Exponent(k.Numerator)),
            _ => new Part.Atom(e),
        };
    }

    private static int Exponent(System.Numerics.BigInteger k)
    {
        PolynomialWork.CheckDegree((long)System.Numerics.BigInteger.Min(System.Numerics.BigInteger.Abs(k), int.MaxValue));
        return (int)k;
    }

    private void Collect(Expr e, HashSet<Expr> seen)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        if (!seen.Add(e))
        {
            return;
        }

        switch (Read(e))
        {
            case Part.Terms t:
                foreach (var term in t.Items)
                {
                    Collect(term, seen);
                }

                break;
            case Part.Factors f:
                foreach (var factor in f.Items)
                {
                    Collect(factor, seen);
                }

                break;
            case Part.Power p:
                Collect(p.Base, seen);
                break;
            case Part.Atom a when _index.TryAdd(a.Expression, _atoms.Count):
                _atoms.Add(a.Expression);
                if (_atoms.Count > MaxAtoms)
                {
                    throw new PolynomialRefused($"more than {MaxAtoms} distinct atoms");
                }

                break;
        }
    }

    /// <summary>One node as the polynomial layer reads it.</summary>
    internal abstract record Part
    {
        public sealed record Constant(Rational Value) : Part;

        public sealed record Terms(IReadOnlyList<Expr> Items) : Part;

        public sealed record Factors(IReadOnlyList<Expr> Items) : Part;

        /// <summary>Base to an integer power (a negative one is a denominator).</summary>
        public sealed record Power(Expr Base, int Exponent) : Part;

        public sealed record Atom(Expr Expression) : Part;
    }
}
