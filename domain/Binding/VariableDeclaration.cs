using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Binding;

/// <summary>The kinds a variable can be declared as.</summary>
public enum VariableKind
{
    Scalar,
    Vector,
    Matrix,
}

/// <summary>
/// What a caller says about a name: its kind and, where known, its sizes (concrete or symbolic), and
/// whether a square matrix is symmetric. Sizes left out are inferred from the expression.
/// </summary>
public sealed record VariableDeclaration(VariableKind Kind, Dim? Rows = null, Dim? Cols = null, bool Symmetric = false)
{
    public static VariableDeclaration Scalar { get; } = new(VariableKind.Scalar);

    public static VariableDeclaration Vector(Dim? length = null) => new(VariableKind.Vector, length, Dim.One);

    public static VariableDeclaration Matrix(Dim? rows = null, Dim? cols = null, bool symmetric = false) =>
        new(VariableKind.Matrix, rows, cols, symmetric);
}
