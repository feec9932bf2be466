using System.Collections.Immutable;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Expressions;

/// <summary>
/// A node of the immutable expression tree. Nodes are only built through the smart constructors in
/// <see cref="Ex"/>, which keep every tree in canonical form; equality is structural and the hash is
/// computed once, so a tree may be shared freely and used as a dictionary key (memoisation over a DAG).
/// </summary>
public abstract class Expr : IEquatable<Expr>
{
    private readonly int _hash;
    private ImmutableSortedSet<string>? _freeNames;

    /// <summary>The last <see cref="Id"/> given. Not atomic: two threads may now and then give one id twice, which costs a memo a hash collision, never a wrong answer.</summary>
    private static int _lastId;

    private protected Expr(int hash, long size, Shape? shape = null, Contents contents = Contents.All)
    {
        _hash = hash;
        Contents = contents;
        Id = ++_lastId;
        Size = size;
        Shape = shape ?? Shape.Scalar;
        IsScalar = Shape.IsScalar;
        WorkBudget.Charge();
    }

    /// <summary>
    /// The shape of the value: 1×1 for scalars. Sums, products, powers and scalar functions act
    /// element-wise on vectors and matrices, a scalar operand broadcasting over the others.
    /// </summary>
    public Shape Shape { get; }

    /// <summary>Whether the value is a scalar: kept, not asked of the shape, since sorting and multiplying ask it of every operand.</summary>
    public bool IsScalar { get; }

    /// <summary>The shape of an element-wise operation: that of its first non-scalar operand (no allocation: it runs on every sum and product built).</summary>
    internal static Shape Broadcast(ReadOnlySpan<Expr> operands)
    {
        foreach (var operand in operands)
        {
            if (!operand.IsScalar)
            {
                return operand.Shape;
            }
        }

        return Shape.Scalar;
    }


    /// <summary>
    /// A number for this node alone (in all but a rare race, see <see cref="_lastId"/>), for memos that tell nodes apart by
    /// reference (<see cref="SameNode"/>): equal nodes built apart share their structural hash, and an answer holds many
    /// (every x, every number it wrote), so hashing by structure would pile them into one bucket.
    /// </summary>
    internal int Id { get; }

    /// <summary>A sum or a product from its items' facts, gathered in one pass (<see cref="ListFacts"/>).</summary>
    private protected Expr(ListFacts facts, Contents own)
        : this(facts.Hash, facts.Size, facts.Shape, facts.Contents | own)
    {
    }

    /// <summary>
    /// What a sum or a product takes from its items: their hash, their size, the shape they broadcast to and what they
    /// hold, in one pass over them rather than one each (a product at depth has hundreds of factors and one is built per
    /// level of the chain rule).
    /// </summary>
    private protected readonly record struct ListFacts(int Hash, long Size, Shape Shape, Contents Contents)
    {
        public static ListFacts Of(int seed, ImmutableArray<Expr> items)
        {
            var hash = new HashCode();
            hash.Add(seed);
            long size = 1;
            Shape? shape = null;
            var contents = Contents.None;
            foreach (var item in items)
            {
                hash.Add(item.GetHashCode());
                size = AddSizes(size, item.Size);
                if (shape is null && !item.IsScalar)
                {
                    shape = item.Shape;
                }

                contents |= item.Contents;
            }

            return new(hash.ToHashCode(), size, shape ?? Shape.Scalar, contents);
        }
    }

    /// <summary>What kinds of node this expression holds (<see cref="Expressions.Contents"/>), read off its children when built.</summary>
    internal Contents Contents { get; }

    /// <summary>Nodes of this expression counted as a tree (shared sub-trees counted each time), saturating.</summary>
    public long Size { get; }

    public abstract IEnumerable<Expr> Children { get; }

    /// <summary>The free names (variables) of this expression, computed once.</summary>
    public ImmutableSortedSet<string> FreeNames => _freeNames ??= ComputeFreeNames();

    public bool DependsOn(string name) => FreeNames.Contains(name);

    private ImmutableSortedSet<string> ComputeFreeNames()
    {
        if (this is Symbol s)
        {
            return ImmutableSortedSet.Create(StringComparer.Ordinal, s.Name);
        }

        if (this is MatrixSymbol m)
        {
            return ImmutableSortedSet.Create(StringComparer.Ordinal, m.Name);
        }

        var result = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
        foreach (var child in Children)
        {
            var names = child.FreeNames;
            result = result.Count == 0 ? names : result.Union(names);
        }

        return result;
    }

    public sealed override int GetHashCode() => _hash;

    public sealed override bool Equals(object? obj) => obj is Expr other && Equals(other);

    public bool Equals(Expr? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._hash != _hash || other.GetType() != GetType() || other.Size != Size)
        {
            return false;
        }

        WorkBudget.Tick();

        return EqualsSameType(other);
    }

    private protected abstract bool EqualsSameType(Expr other);

    public static bool operator ==(Expr? a, Expr? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Expr? a, Expr? b) => !(a == b);

    // Operators, so that a rule reads like its formula: Pow(Cos(u), -2), 1 - u*u, -Sin(u).
    // They go through the smart constructors, so every result is canonical.
    public static Expr operator +(Expr a, Expr b) => Algebra.Add(a, b);

    public static Expr operator -(Expr a, Expr b) => Algebra.Sub(a, b);

    public static Expr operator *(Expr a, Expr b) => Algebra.Mul(a, b);

    public static Expr operator /(Expr a, Expr b) => Algebra.Div(a, b);

    public static Expr operator -(Expr a) => Algebra.Neg(a);

    public static implicit operator Expr(int value) => Algebra.Num(value);

    public static implicit operator Expr(Rational value) => Algebra.Num(value);

    /// <summary>
    /// How <see cref="ToString"/> writes an expression. The printing layer sets it to its text printer when
    /// the engine loads (<c>Printing.TextFormat</c>), so the algebra needs no reference to the printers that read it.
    /// </summary>
    internal static Func<Expr, string> Format { get; set; } = e => e.GetType().Name;

    /// <summary>The expression in the contract's language (what the API returns as text), for debugging and test messages.</summary>
    public override string ToString() => Format(this);

    internal static long AddSizes(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}

/// <summary>An exact rational number.</summary>
public sealed class Number : Expr
{
    internal Number(Rational value) : base(HashCode.Combine(1, value), 1, null, Contents.None) => Value = value;

    public Rational Value { get; }

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) => Value == ((Number)other).Value;
}

/// <summary>The mathematical constants of the language.</summary>
public enum ConstantKind
{
    E,
    Pi,
}

/// <summary>A named mathematical constant: <c>pi</c> or <c>e</c>.</summary>
public sealed class Constant : Expr
{
    internal Constant(ConstantKind kind) : base(HashCode.Combine(2, kind), 1, null, Contents.None) => Kind = kind;

    public ConstantKind Kind { get; }

    public string Name => Kind == ConstantKind.Pi ? "pi" : "e";

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) => Kind == ((Constant)other).Kind;
}

/// <summary>A free name: a variable or a symbolic parameter.</summary>
public sealed class Symbol : Expr
{
    internal Symbol(string name) : base(HashCode.Combine(3, StringComparer.Ordinal.GetHashCode(name)), 1, null, Contents.None) => Name = name;

    public string Name { get; }

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) => Name == ((Symbol)other).Name;
}

/// <summary>A flattened sum of at least two terms (element-wise for matrices, scalars broadcasting) in canonical order; at most one number, last.</summary>
public sealed class Sum : Expr
{
    internal Sum(ImmutableArray<Expr> terms) : base(ListFacts.Of(4, terms), Contents.Sum) => Terms = terms;

    public ImmutableArray<Expr> Terms { get; }

    public override IEnumerable<Expr> Children => Terms;

    private protected override bool EqualsSameType(Expr other) => ListEquals(Terms, ((Sum)other).Terms);

    internal static int ListHash(int seed, ImmutableArray<Expr> items)
    {
        var hash = new HashCode();
        hash.Add(seed);
        foreach (var item in items)
        {
            hash.Add(item.GetHashCode());
        }

        return hash.ToHashCode();
    }

    internal static long ListSize(ImmutableArray<Expr> items)
    {
        long size = 1;
        foreach (var item in items)
        {
            size = AddSizes(size, item.Size);
        }

        return size;
    }

    internal static bool ListEquals(ImmutableArray<Expr> a, ImmutableArray<Expr> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!a[i].Equals(b[i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// A flattened product of at least two factors in canonical order; at most one number (the
/// coefficient), first, and never 1; no two factors share a base.
/// </summary>
public sealed class Product : Expr
{
    internal Product(ImmutableArray<Expr> factors) : base(ListFacts.Of(5, factors), Contents.None) => Factors = factors;

    public ImmutableArray<Expr> Factors { get; }

    public override IEnumerable<Expr> Children => Factors;

    private protected override bool EqualsSameType(Expr other) => Sum.ListEquals(Factors, ((Product)other).Factors);
}

/// <summary>A power <c>base^exponent</c>; square roots are powers with exponent 1/2.</summary>
public sealed class Power : Expr
{
    internal Power(Expr @base, Expr exponent)
        : base(HashCode.Combine(6, @base.GetHashCode(), exponent.GetHashCode()), AddSizes(1, AddSizes(@base.Size, exponent.Size)), Broadcast([@base, exponent]),
            @base.Contents | exponent.Contents | (exponent is Number { Value.IsNegative: true } ? Contents.Division : Contents.None))
    {
        Base = @base;
        Exponent = exponent;
    }

    public Expr Base { get; }
    public Expr Exponent { get; }

    public override IEnumerable<Expr> Children => [Base, Exponent];

    private protected override bool EqualsSameType(Expr other) =>
        Base.Equals(((Power)other).Base) && Exponent.Equals(((Power)other).Exponent);
}

/// <summary>A scalar function applied to one argument.</summary>
public sealed class Call : Expr
{
    internal Call(Function function, Expr argument)
        : base(HashCode.Combine(7, function, argument.GetHashCode()), AddSizes(1, argument.Size), argument.Shape,
            argument.Contents | (function is Function.Sigmoid or Function.Log1p ? Contents.SigmoidOrLog1p : Contents.None))
    {
        Function = function;
        Argument = argument;
    }

    public Function Function { get; }
    public Expr Argument { get; }


    public override IEnumerable<Expr> Children => [Argument];

    private protected override bool EqualsSameType(Expr other) =>
        Function == ((Call)other).Function && Argument.Equals(((Call)other).Argument);
}

/// <summary>
/// Kinds of node an expression holds somewhere, kept on every node (an OR over its children, so free to keep): the answer
/// passes' first looks ask whether an answer has a sum, a division, a sigmoid, and most answers at depth have none of
/// one of them, so the pass is skipped without a walk of the answer. A node that does not work it out (matrix nodes, a
/// derivative or differential in a line of steps) says <see cref="All"/>: "may hold", and the look walks as before.
/// </summary>
[Flags]
internal enum Contents : byte
{
    None = 0,
    Sum = 1,

    /// <summary>A power with a negative number for exponent (u^-k, a division as printed).</summary>
    Division = 2,
    SigmoidOrLog1p = 4,
    All = Sum | Division | SigmoidOrLog1p,
}
