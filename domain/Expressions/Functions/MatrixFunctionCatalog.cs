using System.Collections.Frozen;
using static CalcApi.Domain.Expressions.Algebra;
using static CalcApi.Domain.Expressions.MatrixAlgebra;

namespace CalcApi.Domain.Expressions;

/// <summary>
/// The matrix functions of the language, one entry each: differentials as the Matrix Cookbook writes them
/// (forward mode: d f(A) from dA) and adjoints (reverse mode: what G = ∂L/∂f(A) contributes to ∂L/∂A).
/// A test runs every entry through every operation (tests/CalcApi.Domain.Tests/Functions/MatrixFunctionCatalogTests.cs).
/// </summary>
public static class MatrixFunctionCatalog
{
    /// <summary>Every matrix function, in the order of <see cref="MatrixFunction"/>.</summary>
    public static IReadOnlyList<MatrixFunctionEntry> All { get; } = Indexed(
    [
        // d tr(A) = tr(dA); ∂ tr(A)/∂A = I.
        new(MatrixFunction.Trace, "tr", MatrixArgument.Square, MatrixResult.Scalar, MatrixAlgebra.Trace, u => u,
            (f, a, da) => Tr(da), (f, a, g) => g * IdentityOf(a.Shape.Rows))
            { Latex = @"\operatorname{tr}", MathML = "tr" },

        // d det(A) = det(A) tr(A⁻¹ dA) (Cookbook (42); (41) is the adjugate form tr(adj(A) dA)); ∂ det(A)/∂A = det(A) A⁻ᵀ (49).
        new(MatrixFunction.Det, "det", MatrixArgument.Square, MatrixResult.Scalar, MatrixAlgebra.Det, u => u,
            (f, a, da) => f * Tr(Product(Inv(a), da)), (f, a, g) => g * f * Transposed(Inv(a)))
            { Latex = @"\det", MathML = "det" },

        // d log det(A) = tr(A⁻¹ dA) (43); ∂ log det(A)/∂A = A⁻ᵀ (51).
        new(MatrixFunction.LogDet, "logdet", MatrixArgument.Square, MatrixResult.Scalar, MatrixAlgebra.LogDet, u => Apply(Function.Log, u),
            (f, a, da) => Tr(Product(Inv(a), da)), (f, a, g) => g * Transposed(Inv(a)))
            { Latex = @"\log\det", MathML = "log det", Requires = a => [Condition.Positive(Det(a))] },

        // d A⁻¹ = -A⁻¹ dA A⁻¹ (40); the adjoint of X = A⁻¹ is -Xᵀ G Xᵀ (61).
        new(MatrixFunction.Inverse, "inv", MatrixArgument.Square, MatrixResult.SameShape, MatrixAlgebra.Inverse, u => Pow(u, -1),
            (f, a, da) => -Product(f, da, f), (f, a, g) => -Product(Transposed(f), g, Transposed(f)))
            { Notation = MatrixNotation.InverseSuperscript, Requires = a => [Condition.NonZero(Det(a))] },

        // d sum(A) = sum(dA); ∂ sum(A)/∂A = 1 (a matrix of ones).
        new(MatrixFunction.SumAll, "sum", MatrixArgument.Any, MatrixResult.Scalar, MatrixAlgebra.SumAll, u => u,
            (f, a, da) => Sum(da), (f, a, g) => g * OnesOf(a.Shape))
            { Latex = @"\operatorname{sum}", MathML = "sum" },

        // d ‖A‖ = sum(A ⊙ dA)/‖A‖; ∂ ‖A‖/∂A = A/‖A‖ (Frobenius).
        new(MatrixFunction.Norm, "norm", MatrixArgument.Any, MatrixResult.Scalar, MatrixAlgebra.Norm, u => Apply(Function.Abs, u),
            (f, a, da) => Sum(a * da) / f, (f, a, g) => g * a / f)
            { Notation = MatrixNotation.DoubleBars },

        // diag of a vector and diag of a matrix are each other's adjoints.
        new(MatrixFunction.DiagMatrix, "diag", MatrixArgument.Column, MatrixResult.DiagonalMatrix, a => Diag(MatrixFunction.DiagMatrix, a), u => u,
            (f, a, da) => MatrixAlgebra.Apply(MatrixFunction.DiagMatrix, da), (f, a, g) => MatrixAlgebra.Apply(MatrixFunction.DiagVector, g))
            { Latex = @"\operatorname{diag}", MathML = "diag" },
        new(MatrixFunction.DiagVector, "diag", MatrixArgument.Square, MatrixResult.DiagonalVector, a => Diag(MatrixFunction.DiagVector, a), u => u,
            (f, a, da) => MatrixAlgebra.Apply(MatrixFunction.DiagVector, da), (f, a, g) => MatrixAlgebra.Apply(MatrixFunction.DiagMatrix, g))
            { Latex = @"\operatorname{diag}", MathML = "diag" },
    ]);

    /// <summary>The entry of <paramref name="function"/>.</summary>
    public static MatrixFunctionEntry Of(MatrixFunction function) => All[(int)function];

    /// <summary>
    /// The function the language spells <paramref name="name"/>, for an argument that is a column vector or not:
    /// diag(x) of a vector builds a diagonal matrix, diag(X) of a matrix reads its diagonal.
    /// </summary>
    public static bool TryFind(string name, bool columnArgument, out MatrixFunctionEntry entry)
    {
        if (!ByName.TryGetValue(name, out var named))
        {
            entry = null!;
            return false;
        }

        entry = Array.Find(named, f => f.Argument == MatrixArgument.Column == columnArgument) ?? named[0];
        return true;
    }

    /// <summary>Every name of a matrix function, in catalog order.</summary>
    public static IEnumerable<string> Names => All.Select(f => f.Name).Distinct();

    /// <summary>The entries under each name (diag has two), looked up on every call the binder reads.</summary>
    private static readonly FrozenDictionary<string, MatrixFunctionEntry[]> ByName =
        All.GroupBy(f => f.Name, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static Expr Tr(Expr a) => MatrixAlgebra.Apply(MatrixFunction.Trace, a);

    private static Expr Det(Expr a) => MatrixAlgebra.Apply(MatrixFunction.Det, a);

    private static Expr Inv(Expr a) => MatrixAlgebra.Apply(MatrixFunction.Inverse, a);

    private static Expr Sum(Expr a) => MatrixAlgebra.Apply(MatrixFunction.SumAll, a);

    private static MatrixFunctionEntry[] Indexed(MatrixFunctionEntry[] entries)
    {
        var byId = new MatrixFunctionEntry[Enum.GetValues<MatrixFunction>().Length];
        foreach (var entry in entries)
        {
            byId[(int)entry.Id] = byId[(int)entry.Id] is null ? entry : throw new InvalidOperationException($"The matrix function catalog has two entries for {entry.Id}.");
        }

        var missing = Enum.GetValues<MatrixFunction>().Where(f => byId[(int)f] is null).ToList();
        return missing.Count == 0 ? byId : throw new InvalidOperationException($"The matrix function catalog has no entry for {string.Join(", ", missing)}.");
    }
}
