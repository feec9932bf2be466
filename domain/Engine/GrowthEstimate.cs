using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Engine;

/// <summary>
/// How large d^j f / dx^j (j = 0..n) will print, estimated from f's tree before any derivative is built,
/// so that a request the limits will refuse is refused in microseconds instead of after seconds of work.
/// <para>
/// The estimate follows the shapes the differentiator produces once like terms are collected: the j-th
/// derivative of a product f_1*...*f_k is a sum over the compositions j_1 + ... + j_k = j of the products of
/// the d^(j_i) f_i (Leibniz: up to C(j+k-1, k-1) terms); that of a call or power g(u) is a sum over the
/// partitions of j of g^(m)(u) times a product of derivatives of u (Faà di Bruno: the number of terms grows
/// like the partition and Bell numbers). Each term is counted at the smallest size it can print with
/// (no coefficient, products flattened, g^(m)(u) as small as g(u)), so the estimate leans low; the
/// callers refuse only when it is far past a limit (<see cref="Calculus"/>'s margin), since collecting
/// like terms can still cancel some terms the estimate counts.
/// </para>
/// </summary>
public static class GrowthEstimate
{
    /// <summary>Beyond this order the partitions to enumerate grow too many (p(20) = 627); no estimate is made.</summary>
    public const int MaxOrder = 20;

    /// <summary>
    /// Estimated printed sizes of d^j <paramref name="f"/> / d<paramref name="variable"/>^j for j = 0..order
    /// (0 where the derivative vanishes), or null for an expression with matrix operations, which the
    /// estimate does not model. Saturates at <see cref="long.MaxValue"/>.
    /// </summary>
    public static long[]? Sizes(Expr f, string variable, int order)
    {
        if (order > MaxOrder)
        {
            return null;
        }

        var memo = new Dictionary<Expr, long[]?>(SameNode.Instance);
        return Of(f, variable, order, memo);
    }

    private static long[]? Of(Expr e, string x, int n, Dictionary<Expr, long[]?> memo)
    {
        if (!e.DependsOn(x))
        {
            var constant = new long[n + 1];
            constant[0] = e.Size;
            return constant;
        }

        if (memo.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var sizes = e switch
        {
            Symbol => Variable(n),
            Sum s => SumOf(s, x, n, memo),
            Product p => ProductOf(p, x, n, memo),
            Power { Exponent: var c } p when !c.DependsOn(x) => Composed(p.Size, Of(p.Base, x, n, memo), n, IntegerPower(c)),
            // u^v = exp(v*ln u): a composition whose every derivative of the outer function is the power itself.
            Power p => Composed(p.Size, ProductOfLog(p, x, n, memo), n, null),
            Call c => Composed(c.Size, Inner(c.Argument, x, n, memo), n, null),
            _ => null,
        };
        memo[e] = sizes;
        return sizes;
    }

    /// <summary>The sizes of an argument, its cycling orders (see <see cref="Cycles"/>) left out: their derivatives merge.</summary>
    private static long[]? Inner(Expr u, string x, int n, Dictionary<Expr, long[]?> memo) =>
        Cycles(u, x, n, memo) && Of(u, x, n, memo) is { } sizes ? [.. sizes.Select((size, j) => j <= 2 ? size : 0)] : Of(u, x, n, memo);

    private static long[] Variable(int n)
    {
        var sizes = new long[n + 1];
        sizes[0] = 1;
        if (n >= 1)
        {
            sizes[1] = 1;
        }

        return sizes;
    }

    private static long[]? SumOf(Sum s, string x, int n, Dictionary<Expr, long[]?> memo)
    {
        var sizes = new long[n + 1];
        var terms = new int[n + 1];
        foreach (var term in s.Terms)
        {
            var t = Of(term, x, n, memo);
            if (t is null)
            {
                return null;
            }

            for (var j = 0; j <= n; j++)
            {
                if (t[j] > 0)
                {
                    sizes[j] = Add(sizes[j], t[j]);
                    terms[j]++;
                }
            }
        }

        for (var j = 0; j <= n; j++)
        {
            sizes[j] = terms[j] > 1 ? Add(sizes[j], 1) : sizes[j];
        }

        return sizes;
    }

    /// <summary>Leibniz over the factors: for each order, the count of non-vanishing compositions and their total size.</summary>
    private static long[]? ProductOf(Product p, string x, int n, Dictionary<Expr, long[]?> memo)
    {
        var factors = new List<long[]>(p.Factors.Length);
        foreach (var factor in p.Factors)
        {
            var f = Of(factor, x, n, memo);
            if (f is null)
            {
                return null;
            }

            factors.Add(Cycles(factor, x, n, memo) ? [.. f.Select((size, j) => j <= 1 ? size : 0)] : f);
        }

        return Leibniz(factors, n);
    }

    private static long[] Leibniz(IReadOnlyList<long[]> factors, int n)
    {
        // count[j]: products of order j so far; total[j]: the sum of their factors' sizes.
        var count = new long[n + 1];
        var total = new long[n + 1];
        count[0] = 1;
        foreach (var f in factors)
        {
            var nextCount = new long[n + 1];
            var nextTotal = new long[n + 1];
            for (var j = 0; j <= n; j++)
            {
                for (var a = 0; a <= j; a++)
                {
                    if (f[a] == 0 || count[j - a] == 0)
                    {
                        continue;
                    }

                    // A derivative that is a lone number (size 1) joins the coefficient and prints nothing.
                    var size = f[a] == 1 ? 0 : f[a];
                    nextCount[j] = Add(nextCount[j], count[j - a]);
                    nextTotal[j] = Add(nextTotal[j], Add(total[j - a], Mul(count[j - a], size)));
                }
            }

            (count, total) = (nextCount, nextTotal);
        }

        var sizes = new long[n + 1];
        for (var j = 0; j <= n; j++)
        {
            // Each product node, and a sum node over several terms.
            sizes[j] = count[j] == 0 ? 0 : Add(Add(total[j], count[j]), count[j] > 1 ? 1 : 0);
        }

        return sizes;
    }

    /// <summary>
    /// Whether the derivatives of <paramref name="e"/> come back to the same monomial (sin(2x)'' = -4 sin(2x),
    /// exp(3x)' = 3 exp(3x)), so that terms the estimate tells apart are collected into one: such a factor
    /// is counted with its first two orders only, which leans low.
    /// </summary>
    private static bool Cycles(Expr e, string x, int n, Dictionary<Expr, long[]?> memo) =>
        e is Call { Function: Function.Sin or Function.Cos or Function.Sinh or Function.Cosh or Function.Exp } c
        && Of(c.Argument, x, n, memo) is { } u
        && u.Skip(2).All(size => size == 0);

    /// <summary>The sizes of v*ln(u) for u^v, the argument of the exponential that u^v is.</summary>
    private static long[]? ProductOfLog(Power p, string x, int n, Dictionary<Expr, long[]?> memo)
    {
        var u = Of(p.Base, x, n, memo);
        var v = Of(p.Exponent, x, n, memo);
        var log = Composed(1 + p.Base.Size, u, n, null);
        return log is null || v is null ? null : Leibniz([v, log], n);
    }

    /// <summary>
    /// Faà di Bruno for g(u), g of size <paramref name="outerSize"/>: d^j g(u) is a sum over the partitions
    /// of j into m parts of g^(m)(u) times, for each distinct part q, (d^q u)^(its multiplicity).
    /// <paramref name="maxOuterOrder"/> is the degree of a polynomial g (u^3: g'''' = 0), or null.
    /// </summary>
    private static long[]? Composed(long outerSize, long[]? u, int n, int? maxOuterOrder)
    {
        if (u is null)
        {
            return null;
        }

        var sizes = new long[n + 1];
        sizes[0] = outerSize;
        for (var j = 1; j <= n; j++)
        {
            long terms = 0;
            long total = 0;
            foreach (var (parts, distinct) in Partitions.Of(j))
            {
                if (maxOuterOrder is { } degree && parts > degree)
                {
                    continue;
                }

                long size = outerSize;
                var vanishes = false;
                foreach (var (q, multiplicity) in distinct)
                {
                    if (u[q] == 0)
                    {
                        vanishes = true;
                        break;
                    }

                    // A number joins the coefficient; a product is flattened into the term; a power adds its exponent.
                    size = Add(size, u[q] == 1 ? 0 : Math.Max(1, u[q] - 1) + (multiplicity > 1 ? 2 : 0));
                }

                if (!vanishes)
                {
                    terms++;
                    total = Add(total, Add(size, 1));
                }
            }

            sizes[j] = terms == 0 ? 0 : terms == 1 ? total - 1 : Add(total, 1);
        }

        return sizes;
    }

    /// <summary>
    /// Whether f is a polynomial in x (sums, products and whole powers of x and of what does not depend on
    /// it). Its derivatives follow Leibniz's rule with nothing to merge until the last factors turn into
    /// numbers, so <see cref="Sizes"/> is close (measured within 5 % on products of up to 16 factors) and
    /// so is the work: each order's differentiation visits about twice the nodes of the order before it.
    /// </summary>
    public static bool IsPolynomial(Expr f, string x) => !f.DependsOn(x) || f switch
    {
        Symbol => true,
        Sum s => s.Terms.All(t => IsPolynomial(t, x)),
        Product p => p.Factors.All(t => IsPolynomial(t, x)),
        Power { Exponent: Number { Value: var k } } p => k.IsInteger && k.Sign > 0 && IsPolynomial(p.Base, x),
        _ => false,
    };

    private static int? IntegerPower(Expr exponent) =>
        exponent is Number { Value: var c } && c.IsInteger && c.Sign >= 0 && c.Bits < 31 ? (int)c.Numerator : null;

    private static long Add(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    private static long Mul(long a, long b) => a != 0 && b > long.MaxValue / a ? long.MaxValue : a * b;

    /// <summary>The integer partitions of j (at most 42 for j ≤ 10), each as its number of parts and its distinct parts with multiplicities.</summary>
    private static class Partitions
    {
        private static readonly Dictionary<int, (int Parts, (int Part, int Multiplicity)[] Distinct)[]> Cache = [];

        public static (int Parts, (int Part, int Multiplicity)[] Distinct)[] Of(int j)
        {
            lock (Cache)
            {
                if (!Cache.TryGetValue(j, out var partitions))
                {
                    var list = new List<(int, (int, int)[])>();
                    Enumerate(j, j, [], list);
                    Cache[j] = partitions = [.. list];
                }

                return partitions;
            }
        }

        private static void Enumerate(int remaining, int largest, List<int> parts, List<(int, (int, int)[])> into)
        {
            if (remaining == 0)
            {
                into.Add((parts.Count, [.. parts.GroupBy(p => p).Select(g => (g.Key, g.Count()))]));
                return;
            }

            for (var part = Math.Min(remaining, largest); part >= 1; part--)
            {
                parts.Add(part);
                Enumerate(remaining - part, part, parts, into);
                parts.RemoveAt(parts.Count - 1);
            }
        }
    }
}
