namespace CalcApi.Domain.Expressions;

/// <summary>
/// The functions of the language that take a matrix as a whole. Everything else about each lives in its
/// <see cref="MatrixFunctionCatalog"/> entry.
/// </summary>
public enum MatrixFunction
{
    /// <summary><c>tr(X)</c>: the sum of the diagonal.</summary>
    Trace,
    /// <summary><c>det(X)</c>.</summary>
    Det,
    /// <summary><c>logdet(X)</c>: ln det X, computed without forming det X.</summary>
    LogDet,
    /// <summary><c>inv(X)</c>, also written <c>X^-1</c>.</summary>
    Inverse,
    /// <summary><c>sum(X)</c>: the sum of all entries.</summary>
    SumAll,
    /// <summary><c>norm(X)</c>: the Euclidean (Frobenius) norm.</summary>
    Norm,
    /// <summary><c>diag(x)</c> of a vector: the diagonal matrix with x on its diagonal.</summary>
    DiagMatrix,
    /// <summary><c>diag(X)</c> of a square matrix: the vector of its diagonal.</summary>
    DiagVector,
}

/// <summary>What a matrix function needs of its argument.</summary>
public enum MatrixArgument
{
    /// <summary>Any vector or matrix.</summary>
    Any,
    /// <summary>A square matrix.</summary>
    Square,
    /// <summary>A column vector.</summary>
    Column,
}

/// <summary>The shape of a matrix function's value, from its argument's.</summary>
public enum MatrixResult
{
    Scalar,
    /// <summary>The argument's shape (inv).</summary>
    SameShape,
    /// <summary>n×n from a vector of length n (diag of a vector).</summary>
    DiagonalMatrix,
    /// <summary>A vector of length n from an n×n matrix (diag of a matrix).</summary>
    DiagonalVector,
}

/// <summary>How a matrix function is written in mathematics: by name, as a superscript −1, or between double bars.</summary>
public enum MatrixNotation
{
    Named,
    InverseSuperscript,
    DoubleBars,
}

/// <summary>
/// Everything the engine knows about one matrix function: its name and shape rule (binding), its canonical
/// rewrites and its value of a scalar (the algebra), its differential (forward mode) and adjoint (reverse
/// mode), and its print forms. Numeric evaluation needs each layer's own machinery (error reporting in the
/// evaluator, allocation-free kernels in compiled programs); a test runs every entry through both.
/// </summary>
/// <param name="Differential">d f(A), given the call f(A), A and dA: d det(A) = det(A) tr(A⁻¹ dA).</param>
/// <param name="Adjoint">What f(A) passes back to A, given the call, A and the call's adjoint G: det → G det(A) A⁻ᵀ.</param>
public sealed record MatrixFunctionEntry(
    MatrixFunction Id, string Name, MatrixArgument Argument, MatrixResult Result,
    Func<Expr, Expr> Build, Func<Expr, Expr> OfScalar,
    Func<MatrixCall, Expr, Expr, Expr> Differential, Func<MatrixCall, Expr, Expr, Expr> Adjoint)
{
    /// <summary>The LaTeX command, for named functions: \operatorname{tr}, \det.</summary>
    public string Latex { get; init; } = "";

    /// <summary>The MathML identifier, for named functions: tr, log det.</summary>
    public string MathML { get; init; } = "";

    public MatrixNotation Notation { get; init; } = MatrixNotation.Named;

    /// <summary>The real domain as conditions on the argument (inv: det(A) != 0).</summary>
    public Func<Expr, Condition[]> Requires { get; init; } = static _ => [];

    /// <summary>The shape of f(A) for an argument of shape <paramref name="argument"/>.</summary>
    public Shapes.Shape ShapeOf(Shapes.Shape argument) => Result switch
    {
        MatrixResult.SameShape => argument,
        MatrixResult.DiagonalMatrix => new(argument.Rows, argument.Rows),
        MatrixResult.DiagonalVector => new(argument.Rows, Shapes.Dim.One),
        _ => Shapes.Shape.Scalar,
    };
}
