using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;

namespace CalcApi.Domain.Expressions;

/// <summary>
/// The smart constructors: the only way to build expressions. Each returns canonical form, so the
/// "automatic simplification" a teacher expects is free: sums and products flattened and ordered,
/// exact numbers folded, like terms (2x + 3x = 5x) and like powers (x*x = x^2) collected, and the
/// obvious identities applied (x^1 = x, exp(0) = 1, ln(e^x) = x). Rewrites that hold only on part of
/// the domain (sqrt(x^2) = x) are never made.
/// </summary>
public static class Algebra
{
    public static Number Zero { get; } = new(Rational.Zero);
    public static Number One { get; } = new(Rational.One);
    public static Number MinusOne { get; } = new(Rational.MinusOne);
    public static Number Half { get; } = new(Rational.Half);
    public static Number Two { get; } = new(2);
    public static Constant E { get; } = new(ConstantKind.E);
    public static Constant Pi { get; } = new(ConstantKind.Pi);

    public static Number Num(Rational value)
    {
        if (value.IsZero)
        {
            return Zero;
        }

        if (value.IsOne)
        {
            return One;
        }

        if (value.IsMinusOne)
        {
            return MinusOne;
        }

        if (value.Bits > WorkBudget.CurrentLimits.MaxIntegerBits)
        {
            throw Limits.IntegerTooLarge();
        }

        return new Number(value);
    }

    public static Number Num(int value) => Num((Rational)value);

    public static Symbol Variable(string name) => new(name);

    public static Expr Neg(Expr e) => Mul(MinusOne, e);

    public static Expr Sub(Expr a, Expr b) => Add(a, Neg(b));

    public static Expr Div(Expr a, Expr b) => Mul(a, Pow(b, MinusOne));

    public static Expr Sqrt(Expr e) => Pow(e, Half);

    public static Expr Add(params ReadOnlySpan<Expr> terms)
    {
        if (AllNumbers(terms) is { } folded)
        {
            return folded;
        }

        var constant = Rational.Zero;
        var index = new Dictionary<Expr, int>();
        var order = new List<Expr>();
        var coefficients = new List<Rational>();

        // The term as given while it is its monomial's only one: it is then the very term the sum holds, and building it
        // again from its coefficient and monomial (a number and a product per term) was much of what a long sum cost.
        var written = new List<Expr?>();
        foreach (var term in terms)
        {
            if (term is Sum sum)
            {
                foreach (var inner in sum.Terms)
                {
                    Collect(inner);
                }
            }
            else if (term is Product { Factors: [Number c, Sum scaled] })
            {
                // Inside a sum, a number times a sum is distributed, so that like terms meet:
                // x - (x + 1) = -1. Standing alone, 2*(x + 1) stays as written.
                foreach (var inner in scaled.Terms)
                {
                    Collect(Mul(c, inner));
                }
            }
            else
            {
                Collect(term);
            }
        }

        var result = ImmutableArray.CreateBuilder<Expr>(order.Count + 1);
        for (var i = 0; i < order.Count; i++)
        {
            var c = coefficients[i];
            if (!c.IsZero)
            {
                result.Add(written[i] ?? Scale(c, order[i]));
            }
        }

        result.Sort(Order.CompareTerms);
        if (!constant.IsZero)
        {
            result.Add(Num(constant));
        }

        Expr total = result.Count switch
        {
            0 => Zero,
            1 => result[0],
            _ => new Sum(result.ToImmutable()),
        };

        // A vector or matrix sum that cancels (a - a) or leaves only a constant keeps its shape.
        return total.IsScalar && Expr.Broadcast(terms) is { IsScalar: false } shape ? Filled(total, shape) : total;

        void Collect(Expr term)
        {
            if (term is Number n)
            {
                constant += n.Value;
                return;
            }

            if (term is Zeros)
            {
                return;
            }

            var (c, monomial) = SplitCoefficient(term);
            if (index.TryGetValue(monomial, out var i))
            {
                coefficients[i] += c;
                written[i] = null;
            }
            else
            {
                index[monomial] = order.Count;
                order.Add(monomial);
                coefficients.Add(c);
                written.Add(term);
            }
        }
    }

    /// <summary>The sum of <paramref name="terms"/> when all are numbers (the power rule's n - 1), without the collection a sum of monomials needs; otherwise null.</summary>
    private static Number? AllNumbers(ReadOnlySpan<Expr> terms)
    {
        var total = Rational.Zero;
        foreach (var term in terms)
        {
            if (term is not Number n)
            {
                return null;
            }

            total += n.Value;
        }

        return Num(total);
    }

    /// <summary>The scalar <paramref name="value"/> in every entry of <paramref name="shape"/>.</summary>
    private static Expr Filled(Expr value, Shapes.Shape shape) =>
        value is Number { Value.IsZero: true } ? MatrixAlgebra.ZerosOf(shape) : Mul(value, MatrixAlgebra.OnesOf(shape));

    /// <summary>A term as numeric coefficient times monomial: 3*x*y is (3, x*y); x is (1, x).</summary>
    public static (Rational Coefficient, Expr Monomial) SplitCoefficient(Expr term)
    {
        if (term is Number n)
        {
            return (n.Value, One);
        }

        if (term is Product p && p.Factors[0] is Number c)
        {
            return p.Factors.Length == 2
                ? (c.Value, p.Factors[1])
                : (c.Value, new Product(p.Factors.RemoveAt(0)));
        }

        return (Rational.One, term);
    }

    /// <summary>c times a canonical monomial (never a number, a sum or a product with a coefficient).</summary>
    private static Expr Scale(Rational c, Expr monomial)
    {
        if (c.IsOne)
        {
            return monomial;
        }

        var coefficient = Num(c);
        return monomial is Product p
            ? new Product(p.Factors.Insert(0, coefficient))
            : new Product([coefficient, monomial]);
    }

    public static Expr Mul(params ReadOnlySpan<Expr> factors)
    {
        var product = MulScalarShaped(factors);

        // An element-wise product that cancels (a ./ a) or vanishes (0*a) keeps its shape.
        return product.IsScalar && Expr.Broadcast(factors) is { IsScalar: false } shape ? Filled(product, shape) : product;
    }

    private static Expr MulScalarShaped(ReadOnlySpan<Expr> factors)
    {
        if (factors.Length == 2 && (IntoProduct(factors[0], factors[1]) ?? IntoProduct(factors[1], factors[0])) is { } merged)
        {
            return merged;
        }

        if (FewFactors(factors) is { } few)
        {
            return few;
        }

        // Each base once, in the order first met, with its exponents; a base met once keeps the factor as given. Sized
        // up front and without a list per base: the chain rule multiplies one factor into a product of every level
        // below, so this runs once per level over all of them, and allocating per factor made deep chains slow.
        var count = 0;
        foreach (var factor in factors)
        {
            count += factor is Product p ? p.Factors.Length : 1;
        }

        var coefficient = Rational.One;
        var index = new Dictionary<Expr, int>(count);
        var bases = new List<Expr>(count);
        var originals = new List<Expr>(count);
        var firstExponents = new List<Expr>(count);
        List<Expr>?[]? moreExponents = null;
        var run = LargestProduct(factors);
        foreach (var factor in factors)
        {
            if (factor is Zeros)
            {
                return Zero;
            }

            if (factor is Product product)
            {
                foreach (var inner in product.Factors)
                {
                    Collect(inner);
                }
            }
            else
            {
                Collect(factor);
            }

            if (coefficient.IsZero)
            {
                return Zero;
            }
        }

        var powers = new Expr?[bases.Count];
        var again = false;
        for (var i = 0; i < bases.Count; i++)
        {
            var b = bases[i];
            var power = moreExponents?[i] is { } list ? Pow(b, Add([.. list])) : originals[i];
            switch (power)
            {
                case Number n:
                    coefficient *= n.Value;
                    break;
                case Product:
                case Power rewritten when !rewritten.Base.Equals(b):
                case not Power when !power.Equals(b):
                    // The power rewrote its base (|u|^2 = u^2, (x^a)^n): collect again so it meets its like factors.
                    powers[i] = power;
                    again = true;
                    break;
                default:
                    powers[i] = power;
                    break;
            }
        }

        if (coefficient.IsZero)
        {
            return Zero;
        }

        if (again)
        {
            return Mul([.. powers.OfType<Expr>(), Num(coefficient)]);
        }

        var collected = SortFactors(powers, index, run);

        // A matrix of ones is the identity of the element-wise product: drop it beside another matrix.
        if (collected.Count > 1 && collected.Any(f => f is Ones) && collected.Any(f => f is not Ones && !f.IsScalar))
        {
            collected.RemoveAll(f => f is Ones);
        }

        if (collected.Count == 0)
        {
            return Num(coefficient);
        }

        if (coefficient.IsOne)
        {
            return collected.Count == 1 ? collected[0] : new Product([.. collected]);
        }

        var builder = ImmutableArray.CreateBuilder<Expr>(collected.Count + 1);
        builder.Add(Num(coefficient));
        builder.AddRange(collected);
        return new Product(builder.MoveToImmutable());

        void Collect(Expr factor)
        {
            if (factor is Number n)
            {
                coefficient *= n.Value;
                if (coefficient.Bits > WorkBudget.CurrentLimits.MaxIntegerBits)
                {
                    throw Limits.IntegerTooLarge();
                }

                return;
            }

            var (b, e) = factor is Power p ? (p.Base, p.Exponent) : (factor, (Expr)One);
            if (index.TryGetValue(b, out var i))
            {
                moreExponents ??= new List<Expr>?[count];
                (moreExponents[i] ??= [firstExponents[i]]).Add(e);
            }
            else
            {
                index[b] = bases.Count;
                bases.Add(b);
                originals.Add(factor);
                firstExponents.Add(e);
            }
        }
    }

    /// <summary>
    /// <paramref name="factor"/> times the canonical <paramref name="product"/> when the factor is a number or meets no
    /// like factor there, built directly: the product's coefficient scaled, or the factor inserted where it sorts. The
    /// chain rule multiplies one factor into the product of every level below (nested sin, exp), and the binder builds
    /// a written product one factor at a time, so this is most multiplications at depth; the general collection below,
    /// with its index of bases, costs several times more for the same result. Null where it does not apply (matrices,
    /// a like factor to merge with), for the general path.
    /// </summary>
    private static Expr? IntoProduct(Expr factor, Expr product)
    {
        if (product is not Product { IsScalar: true } p || factor is Product || !factor.IsScalar)
        {
            return null;
        }

        var factors = p.Factors.AsSpan();
        var coefficient = factors[0] as Number;
        var rest = coefficient is null ? factors : factors[1..];
        if (factor is Number n)
        {
            var scaled = coefficient is null ? n.Value : n.Value * coefficient.Value;
            if (scaled.IsZero)
            {
                return Zero;
            }

            if (scaled.Bits > WorkBudget.CurrentLimits.MaxIntegerBits)
            {
                throw Limits.IntegerTooLarge();
            }

            if (scaled.IsOne)
            {
                return rest.Length == 1 ? rest[0] : new Product([.. rest]);
            }

            var withCoefficient = new Expr[rest.Length + 1];
            withCoefficient[0] = Num(scaled);
            rest.CopyTo(withCoefficient.AsSpan(1));
            return new Product(ImmutableCollectionsMarshal.AsImmutableArray(withCoefficient));
        }

        var b = BaseOf(factor);
        foreach (var f in rest)
        {
            if (BaseOf(f).Equals(b))
            {
                return null;
            }
        }

        // The product's factors are in canonical order, so the new one goes where a binary search puts it.
        var lo = 0;
        var hi = rest.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Order.Instance.Compare(rest[mid], factor) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var offset = coefficient is null ? 0 : 1;
        var result = new Expr[factors.Length + 1];
        factors[..(offset + lo)].CopyTo(result);
        result[offset + lo] = factor;
        factors[(offset + lo)..].CopyTo(result.AsSpan(offset + lo + 1));
        return new Product(ImmutableCollectionsMarshal.AsImmutableArray(result));
    }

    /// <summary>The most factors <see cref="FewFactors"/> multiplies; beyond it, telling bases apart pair by pair costs more than the index.</summary>
    private const int Few = 6;

    /// <summary>
    /// The product of a few scalar factors, none a product, no two with one base (n*u^(n - 1)*u' of the power rule, k*x^k
    /// as written): the numbers folded, the others sorted in place, without the index of bases and the lists the general
    /// collection allocates for the same result. Null where it does not apply.
    /// </summary>
    private static Expr? FewFactors(ReadOnlySpan<Expr> factors)
    {
        if (factors.Length > Few)
        {
            return null;
        }

        var coefficient = Rational.One;
        Span<int> kept = stackalloc int[Few];
        var count = 0;
        for (var i = 0; i < factors.Length; i++)
        {
            var f = factors[i];
            if (f is Product || !f.IsScalar)
            {
                return null;
            }

            if (f is Number n)
            {
                coefficient *= n.Value;
                if (coefficient.Bits > WorkBudget.CurrentLimits.MaxIntegerBits)
                {
                    throw Limits.IntegerTooLarge();
                }

                continue;
            }

            var b = BaseOf(f);
            for (var j = 0; j < count; j++)
            {
                if (BaseOf(factors[kept[j]]).Equals(b))
                {
                    return null;
                }
            }

            kept[count++] = i;
        }

        if (coefficient.IsZero)
        {
            return Zero;
        }

        if (count == 0)
        {
            return Num(coefficient);
        }

        if (count == 1 && coefficient.IsOne)
        {
            return factors[kept[0]];
        }

        var offset = coefficient.IsOne ? 0 : 1;
        var result = new Expr[count + offset];
        if (offset == 1)
        {
            result[0] = Num(coefficient);
        }

        // Insertion sort: a handful of factors, usually in order already.
        for (var k = 0; k < count; k++)
        {
            var f = factors[kept[k]];
            var at = offset + k;
            while (at > offset && Order.Instance.Compare(result[at - 1], f) > 0)
            {
                result[at] = result[at - 1];
                at--;
            }

            result[at] = f;
        }

        return new Product(ImmutableCollectionsMarshal.AsImmutableArray(result));
    }

    /// <summary>Products this large are merged into rather than sorted again (below it a sort is as cheap).</summary>
    private const int RunToMergeInto = 8;

    /// <summary>The factor that is the largest product (at least <see cref="RunToMergeInto"/> factors), or null.</summary>
    private static Product? LargestProduct(ReadOnlySpan<Expr> factors)
    {
        Product? largest = null;
        foreach (var factor in factors)
        {
            if (factor is Product p && p.Factors.Length >= RunToMergeInto && (largest is null || p.Factors.Length > largest.Factors.Length))
            {
                largest = p;
            }
        }

        return largest;
    }

    /// <summary>
    /// The collected factors (null where one folded into the coefficient) in canonical order. Where one input was a large
    /// product, its factors are already in that order among themselves, and those collecting left as they were keep it:
    /// the others are inserted by binary search rather than all sorted again, so multiplying one factor into a product of
    /// k costs O(log k) comparisons, not O(k log k).
    /// </summary>
    private static List<Expr> SortFactors(Expr?[] powers, Dictionary<Expr, int> index, Product? run)
    {
        var sorted = new List<Expr>(powers.Length);
        if (run is null)
        {
            foreach (var power in powers)
            {
                if (power is not null)
                {
                    sorted.Add(power);
                }
            }

            // Often already in order (the product rule's terms are a canonical product with one factor replaced by
            // a number): one pass of comparisons then spares the sort.
            if (!InOrder(sorted))
            {
                sorted.Sort(Order.Instance);
            }

            return sorted;
        }

        // The run's factors that came through unchanged, in the run's order; then every other factor, a merged one too
        // (x^(11/2) meeting x^y becomes x^(y + 11/2), which sorts elsewhere), inserted where it belongs.
        var taken = new bool[powers.Length];
        foreach (var f in run.Factors)
        {
            if (f is not Number && index.TryGetValue(BaseOf(f), out var i) && ReferenceEquals(powers[i], f))
            {
                taken[i] = true;
                sorted.Add(f);
            }
        }

        for (var i = 0; i < powers.Length; i++)
        {
            if (!taken[i] && powers[i] is { } other)
            {
                var at = sorted.BinarySearch(other, Order.Instance);
                sorted.Insert(at < 0 ? ~at : at, other);
            }
        }

        return sorted;
    }

    private static Expr BaseOf(Expr f) => f is Power p ? p.Base : f;

    private static bool InOrder(List<Expr> items)
    {
        for (var i = 1; i < items.Count; i++)
        {
            if (Order.Instance.Compare(items[i - 1], items[i]) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    public static Expr Pow(Expr @base, Expr exponent)
    {
        if (exponent is Number e)
        {
            if (e.Value.IsZero)
            {
                return MatrixAlgebra.OnesOf(@base.Shape);
            }

            if (e.Value.IsOne)
            {
                return @base;
            }
        }

        switch (@base)
        {
            case Number b when b.Value.IsOne:
                return One;
            case Number b when b.Value.IsZero && exponent is Number pe && pe.Value.Sign > 0:
                return Zero;
            case Number b when exponent is Number ne:
                return (Expr?)NumericPower(b.Value, ne.Value) ?? new Power(@base, exponent);
            case Ones when exponent.IsScalar:
                // ones.^k = ones, whatever k.
                return @base;
            case Zeros when exponent is Number negative && negative.Value.Sign < 0:
                throw new Errors.CalcException(new Errors.CalcError(Errors.ErrorKind.OutsideDomain, "Division by zero",
                    $"The expression divides by a matrix of zeros ({@base}), element by element, which is undefined."));
            case Identity or Zeros when exponent is Number positive && positive.Value.Sign > 0:
                // I.^k = I and zeros.^k = zeros, element by element.
                return @base;
            case Call { Function: Function.Abs } abs when exponent is Number even && even.Value.IsInteger && even.Value.Numerator.IsEven:
                // |u|^2 = u^2 for real u.
                return Pow(abs.Argument, exponent);
            case Power inner when exponent is Number ie && ie.Value.IsInteger:
                // (x^a)^n = x^(a*n) for integer n, wherever the left side is defined.
                return Pow(inner.Base, Mul(inner.Exponent, exponent));
            case Product product when exponent is Number pe2 && pe2.Value.IsInteger:
                // (a*b)^n = a^n * b^n for integer n.
                var powered = new Expr[product.Factors.Length];
                for (var i = 0; i < powered.Length; i++)
                {
                    powered[i] = Pow(product.Factors[i], exponent);
                }

                return Mul(powered);
            default:
                return new Power(@base, exponent);
        }
    }

    /// <summary>b^e for exact b and e when the result is exact and within the integer-size limit; otherwise null.</summary>
    private static Number? NumericPower(Rational b, Rational e)
    {
        if (b.IsZero && e.Sign < 0)
        {
            // 1/0 means nothing anywhere: refused when written, not carried along.
            throw new Errors.CalcException(new Errors.CalcError(Errors.ErrorKind.OutsideDomain, "Division by zero",
                $"The expression divides by zero (0^{e}), which is undefined."));
        }

        Rational root = b;
        if (!e.IsInteger)
        {
            if (e.Denominator > 64)
            {
                return null;
            }

            var exact = b.ExactRoot((int)e.Denominator);
            if (exact is null)
            {
                return null;
            }

            root = exact.Value;
        }

        var p = e.Numerator;
        if (BigInteger.Abs(p) > 1_000_000 || root.PowerBits(p) > WorkBudget.CurrentLimits.MaxIntegerBits)
        {
            // Left as a power: 2^(10^9) is kept symbolic rather than built.
            return null;
        }

        return Num(root.Pow((int)p));
    }

    /// <summary>diff(u, x), unevaluated: a line of a derivation holds it until a rule is applied to it.</summary>
    public static Expr Diff(Expr operand, string variable) => new Derivative(operand, variable);

    public static Expr Apply(Function function, Expr argument)
    {
        var folded = Identities.Apply(function, argument);
        return folded ?? new Call(function, argument);
    }
}
