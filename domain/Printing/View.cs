using System.Numerics;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>
/// The visual form of an expression, what printers speak: signs, fractions and roots as people write
/// them (x*y^-1 is shown as x/y, a + (-1)*b as a - b). The algebra never sees this form.
/// </summary>
internal abstract record View
{
    /// <summary>The last <see cref="Id"/> given; not atomic (a rare repeat across threads only costs a hash collision).</summary>
    private static int _lastId;

    /// <summary>
    /// A number for this view alone, the hash of <see cref="SameView"/>: a printer that copies the text of a repeated view
    /// (<see cref="TextPrinter"/>) looks views up by reference, and an identity hash is made in each new object's header
    /// on first use, a slow path per view.
    /// </summary>
    internal int Id { get; } = ++_lastId;

    /// <summary>Equality stays structural, over the members of each kind of view (<see cref="Id"/> is not one).</summary>
    public virtual bool Equals(View? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();
}

/// <summary>Views told apart by reference, hashed by <see cref="View.Id"/>.</summary>
internal sealed class SameView : IEqualityComparer<View>
{
    public static SameView Instance { get; } = new();

    public bool Equals(View? x, View? y) => ReferenceEquals(x, y);

    public int GetHashCode(View obj) => obj.Id;
}

internal sealed record VNumber(BigInteger Value) : View
{
    /// <summary>The digits, written once: a shared view (<see cref="Visual"/>) is printed as often as it occurs.</summary>
    public string Digits { get; } = Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed record VName(string Name) : View;

internal sealed record VNegate(View Operand) : View;

/// <summary>A sum; each term carries whether it is subtracted. The first term may be subtracted too (-a + b).</summary>
internal sealed record VSum(IReadOnlyList<(bool Minus, View Term)> Terms) : View;

internal sealed record VProduct(IReadOnlyList<View> Factors) : View;

internal sealed record VFraction(View Numerator, View Denominator) : View;

internal sealed record VPower(View Base, View Exponent, bool ElementWise = false) : View;

/// <summary>A matrix product, in order.</summary>
internal sealed record VMatMul(IReadOnlyList<View> Factors) : View;

/// <summary>A postfix transpose: a', (A*B)'.</summary>
internal sealed record VTranspose(View Operand) : View;

/// <summary>A product with vector or matrix factors: each operand after the first carries its operator (*, .*, /, ./).</summary>
internal sealed record VElementwise(IReadOnlyList<(string Operator, View Operand)> Items) : View;

internal sealed record VMatrixCall(MatrixFunction Function, string Name, View Argument) : View
{
    public MatrixNotation Notation => MatrixFunctionCatalog.Of(Function).Notation;
}

/// <summary>ones(r, c) or zeros(r, c).</summary>
internal sealed record VFilled(string Name, Shapes.Dim Rows, Shapes.Dim Cols) : View;

/// <summary>A function applied: <paramref name="Spelling"/> is the name as this answer writes it (ln or log for the natural log).</summary>
internal sealed record VCall(Function Function, string Spelling, View Argument) : View;

internal sealed record VSqrt(View Operand) : View;

/// <summary>An unevaluated derivative in a line of steps: diff(u, x), d/dx (u).</summary>
internal sealed record VDiff(View Operand, string Variable) : View;

/// <summary>A differential in a line of matrix steps: d(u), d u.</summary>
internal sealed record VDifferential(View Operand) : View;

/// <summary>Parentheses: the operand binds more loosely than the place it stands in (decided once, by <see cref="Grouping"/>).</summary>
internal sealed record VGroup(View Operand) : View;

/// <summary>Turns canonical expressions into their visual form.</summary>
internal sealed class Visual(PrintStyle style)
{
    /// <summary>
    /// In an expression at least this large, each compound sub-expression gets its visual form once, however often it
    /// occurs. An answer at depth repeats its sub-trees (every factor of the derivative of sin(sin(...)) holds the levels
    /// below it; each term of the derivative of a product holds all but one of its factors), so building each occurrence
    /// anew made printing cost the printed size many times over. Below it (most answers) a look-up costs more than it saves.
    /// </summary>
    private const long SharedFrom = 200;

    private readonly PrintStyle _style = style;
    private Dictionary<Expr, View>? _shared;
    private HashSet<View>? _repeated;

    /// <summary>The visual form of <paramref name="e"/>, with its parentheses decided.</summary>
    public static View Of(Expr e, PrintStyle? style = null) => Of(e, style, out _);

    /// <summary>
    /// The visual form, and the views that stand in it more than once (null when none does): a printer may write each of
    /// those once and copy its text where it recurs (<see cref="TextPrinter"/>), since a view prints the same wherever it
    /// stands (its parentheses belong to the place, <see cref="VGroup"/>, not to it).
    /// </summary>
    public static View Of(Expr e, PrintStyle? style, out IReadOnlySet<View>? repeated)
    {
        var visual = new Visual(style ?? PrintStyle.Default);
        if (e.Size >= SharedFrom)
        {
            visual._shared = [];
        }

        var view = visual.Raw(e);
        repeated = visual._repeated;
        return view;
    }

    /// <summary>The visual form without parentheses yet (grouping is decided by the place it stands in, so a shared view is the same everywhere).</summary>
    private View Raw(Expr e)
    {
        if (_shared is null || e.Size == 1)
        {
            return Build(e);
        }

        if (_shared.TryGetValue(e, out var view))
        {
            (_repeated ??= new(SameView.Instance)).Add(view);
            return view;
        }

        view = Build(e);
        _shared[e] = view;
        return view;
    }

    private View Build(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return e switch
        {
            Number n => OfRational(n.Value),
            Constant c => new VName(c.Name),
            Symbol s => new VName(s.Name),
            Sum s => OfSum(s),
            Product p when !p.IsScalar => OfElementwise(p.Factors),
            Product p => OfProduct(p.Factors[0] is Number c ? c.Value : Rational.One, p.Factors.AsSpan()),
            MatrixSymbol m => new VName(m.Name),
            Identity => new VName("I"),
            Ones o => new VFilled("ones", o.Shape.Rows, o.Shape.Cols),
            Zeros z => new VFilled("zeros", z.Shape.Rows, z.Shape.Cols),
            MatMul m => Grouping.MatMul(m.Factors.Select(Raw)),
            Transpose t => Grouping.Transpose(Raw(t.Operand)),
            MatrixCall c => Grouping.MatrixCall(c.Function, c.Name, Raw(c.Argument)),
            Power p when !p.Base.IsScalar && p.Exponent is Number { Value.IsNegative: true } => OfElementwise([p]),
            Power p when !p.Base.IsScalar && p.Exponent is Number { Value: var half } && half == Rational.Half => new VSqrt(Raw(p.Base)),
            Power p when !p.Base.IsScalar => Grouping.Power(Raw(p.Base), Raw(p.Exponent), elementWise: true),
            Power p when p.Exponent is Number { Value.IsNegative: true } => OfProduct(Rational.One, [p]),
            Power p when p.Exponent is Number { Value: var h } && h == Rational.Half => new VSqrt(Raw(p.Base)),
            Power p => Grouping.Power(Raw(p.Base), Raw(p.Exponent)),
            Call c => new VCall(c.Function, c.Function == Function.Log ? _style.NaturalLog : FunctionCatalog.Of(c.Function).Name, Raw(c.Argument)),
            Derivative d => new VDiff(Raw(d.Operand), d.Variable),
            Differential d => new VDifferential(Raw(d.Operand)),
            _ => throw new InvalidOperationException($"No visual form for {e.GetType().Name}."),
        };
    }

    private static View OfRational(Rational r)
    {
        var magnitude = r.Abs();
        View v = magnitude.IsInteger
            ? new VNumber(magnitude.Numerator)
            : Grouping.Fraction(new VNumber(magnitude.Numerator), new VNumber(magnitude.Denominator));
        return r.IsNegative ? Grouping.Negate(v) : v;
    }

    private View OfSum(Sum s)
    {
        var terms = s.Terms;

        // A teacher writes 1 - y^2, not -y^2 + 1: lead with a positive term where there is one.
        var lead = 0;
        if (IsNegative(terms[0]))
        {
            for (var i = 1; i < terms.Length; i++)
            {
                if (!IsNegative(terms[i]))
                {
                    lead = i;
                    break;
                }
            }
        }

        var views = new (bool Minus, View Term)[terms.Length];
        views[0] = OfTerm(terms[lead]);
        for (int i = 0, at = 1; i < terms.Length; i++)
        {
            if (i != lead)
            {
                views[at++] = OfTerm(terms[i]);
            }
        }

        return Grouping.Sum(views);
    }

    /// <summary>A term of a sum: whether it is subtracted, and the view of what is subtracted (of -3*x, 3*x).</summary>
    private (bool Minus, View Term) OfTerm(Expr term) => IsNegative(term) ? (true, OfNegated(term)) : (false, Raw(term));

    /// <summary>
    /// The view of -<paramref name="term"/> for a term whose coefficient is negative: that of the product with the
    /// coefficient's sign turned, read off the term's factors rather than built as an expression first (a long sum has
    /// many such terms). A vector or matrix term goes through <see cref="Negated"/>.
    /// </summary>
    private View OfNegated(Expr term) => term switch
    {
        Number n => OfRational(-n.Value),
        Product { IsScalar: true, Factors: [Number c, var single] } when c.Value.IsMinusOne => Raw(single),
        Product { IsScalar: true, Factors: [Number c, ..] } p => OfProduct(-c.Value, p.Factors.AsSpan()[1..]),
        _ => Raw(Negated(term)),
    };

    private static bool IsNegative(Expr term) => term switch
    {
        Number n => n.Value.IsNegative,
        Product { Factors: [Number c, ..] } => c.Value.IsNegative,
        _ => false,
    };

    /// <summary>-term for a term whose coefficient is negative, without re-sorting anything.</summary>
    private static Expr Negated(Expr term) => term switch
    {
        Number n => Algebra.Num(-n.Value),
        Product { Factors: [Number c, var single] } when c.Value.IsMinusOne => single,
        Product { Factors: [Number c, ..] } p when c.Value.IsMinusOne => Algebra.Mul([.. p.Factors.Skip(1)]),
        Product { Factors: [Number c, ..] } p => Algebra.Mul([Algebra.Num(-c.Value), .. p.Factors.Skip(1)]),
        _ => throw new InvalidOperationException("Only negative terms are negated."),
    };

    /// <summary>
    /// A product with vector or matrix factors: scalars first, then the element-wise factors joined by
    /// .*; divisors go under one ./ (or / when the divisor is a scalar): 1./(2*sqrt(x)), x/norm(x).
    /// </summary>
    private View OfElementwise(IReadOnlyList<Expr> factors)
    {
        var coefficient = factors[0] is Number c ? c.Value : Rational.One;
        var numerator = new List<Expr>();
        var denominator = new List<Expr>();
        foreach (var f in factors)
        {
            if (f is Number)
            {
                continue;
            }

            if (f is Power { Exponent: Number { Value.IsNegative: true } q } p)
            {
                denominator.Add(Algebra.Pow(p.Base, Algebra.Num(-q.Value)));
            }
            else
            {
                numerator.Add(f);
            }
        }

        var magnitude = coefficient.Abs();
        var top = Chain(magnitude.Numerator, numerator);
        View result = top;
        if (denominator.Count > 0 || !magnitude.Denominator.IsOne)
        {
            var bottom = Chain(magnitude.Denominator, denominator);
            var scalarDivisor = denominator.All(f => f.IsScalar);
            result = Grouping.Elementwise([("", top), (scalarDivisor ? "/" : "./", bottom)]);
        }

        return coefficient.IsNegative ? Grouping.Negate(result) : result;
    }

    /// <summary>n times the factors: scalars joined by *, matrices by .*; just n when there are no factors.</summary>
    private View Chain(System.Numerics.BigInteger n, List<Expr> factors)
    {
        var items = new List<(string, View)>();
        if (!n.IsOne || factors.Count == 0)
        {
            items.Add(("", new VNumber(n)));
        }

        var running = Shapes.Shape.Scalar;
        foreach (var f in factors)
        {
            items.Add((items.Count == 0 ? "" : !running.IsScalar && !f.IsScalar ? ".*" : "*", Raw(f)));
            running = running.IsScalar ? f.Shape : running;
        }

        return items.Count == 1 ? items[0].Item2 : Grouping.Elementwise(items);
    }

    /// <summary>The coefficient times the factors, numbers among which are skipped (the coefficient stands for them).</summary>
    private View OfProduct(Rational coefficient, ReadOnlySpan<Expr> factors)
    {
        var numerator = new List<View>();
        var denominator = new List<View>();
        var magnitude = coefficient.Abs();
        if (!magnitude.Numerator.IsOne)
        {
            numerator.Add(new VNumber(magnitude.Numerator));
        }

        if (!magnitude.Denominator.IsOne)
        {
            denominator.Add(new VNumber(magnitude.Denominator));
        }

        foreach (var f in factors)
        {
            if (f is Number)
            {
                continue;
            }

            if (f is Power { Exponent: Number { Value.IsNegative: true } q } p)
            {
                var positive = -q.Value;
                denominator.Add(positive.IsOne ? Raw(p.Base)
                    : positive == Rational.Half ? new VSqrt(Raw(p.Base))
                    : Grouping.Power(Raw(p.Base), OfRational(positive)));
            }
            else
            {
                numerator.Add(Raw(f));
            }
        }

        View top = numerator.Count switch
        {
            0 => new VNumber(BigInteger.One),
            1 => numerator[0],
            _ => Grouping.Product(numerator),
        };
        View result = denominator.Count switch
        {
            0 => top,
            1 => Grouping.Fraction(top, denominator[0]),
            _ => Grouping.Fraction(top, Grouping.Product(denominator)),
        };
        return coefficient.IsNegative ? Grouping.Negate(result) : result;
    }
}
