using System.Collections.Immutable;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Expressions;

/// <summary>A vector or matrix variable. A symmetric matrix is its own transpose.</summary>
public sealed class MatrixSymbol : Expr
{
    internal MatrixSymbol(string name, Shape shape, bool symmetric)
        : base(HashCode.Combine(8, StringComparer.Ordinal.GetHashCode(name), shape, symmetric), 1, shape)
    {
        Name = name;
        Symmetric = symmetric;
    }

    public string Name { get; }
    public bool Symmetric { get; }

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) =>
        other is MatrixSymbol m && m.Name == Name && m.Shape == Shape && m.Symmetric == Symmetric;
}

/// <summary>The identity matrix <c>I</c> of size n×n.</summary>
public sealed class Identity : Expr
{
    internal Identity(Dim size) : base(HashCode.Combine(9, size), 1, new Shape(size, size)) { }

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) => other.Shape == Shape;
}

/// <summary>The matrix of ones of a shape (what the gradient of <c>sum</c> is made of).</summary>
public sealed class Ones : Expr
{
    internal Ones(Shape shape) : base(HashCode.Combine(10, shape), 1, shape) { }

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) => other.Shape == Shape;
}

/// <summary>The zero matrix of a shape: what a vector or matrix expression that cancels leaves (a - a).</summary>
public sealed class Zeros : Expr
{
    internal Zeros(Shape shape) : base(HashCode.Combine(14, shape), 1, shape) { }

    public override IEnumerable<Expr> Children => [];

    private protected override bool EqualsSameType(Expr other) => other.Shape == Shape;
}

/// <summary>A matrix product of at least two non-scalar factors, in order (it does not commute).</summary>
public sealed class MatMul : Expr
{
    internal MatMul(ImmutableArray<Expr> factors)
        : base(Sum.ListHash(11, factors), Sum.ListSize(factors), new Shape(factors[0].Shape.Rows, factors[^1].Shape.Cols)) => Factors = factors;

    public ImmutableArray<Expr> Factors { get; }

    public override IEnumerable<Expr> Children => Factors;

    private protected override bool EqualsSameType(Expr other) => Sum.ListEquals(Factors, ((MatMul)other).Factors);
}

/// <summary>The transpose of a vector or matrix. Canonical form keeps it on atoms (symbols, inverses).</summary>
public sealed class Transpose : Expr
{
    internal Transpose(Expr operand)
        : base(HashCode.Combine(12, operand.GetHashCode()), AddSizes(1, operand.Size), operand.Shape.Transposed) => Operand = operand;

    public Expr Operand { get; }

    public override IEnumerable<Expr> Children => [Operand];

    private protected override bool EqualsSameType(Expr other) => Operand.Equals(((Transpose)other).Operand);
}

/// <summary>A matrix function applied to a vector or matrix.</summary>
public sealed class MatrixCall : Expr
{
    internal MatrixCall(MatrixFunction function, Expr argument)
        : base(HashCode.Combine(13, function, argument.GetHashCode()), AddSizes(1, argument.Size), MatrixFunctionCatalog.Of(function).ShapeOf(argument.Shape))
    {
        Function = function;
        Argument = argument;
    }

    public MatrixFunction Function { get; }
    public Expr Argument { get; }

    public override IEnumerable<Expr> Children => [Argument];

    public string Name => MatrixFunctionCatalog.Of(Function).Name;

    private protected override bool EqualsSameType(Expr other) =>
        Function == ((MatrixCall)other).Function && Argument.Equals(((MatrixCall)other).Argument);
}
