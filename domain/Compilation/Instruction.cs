using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Compilation;

/// <summary>The operations of a compiled program, each over whole slots.</summary>
internal enum OpCode
{
    /// <summary>Dst = A, broadcasting a scalar A.</summary>
    Copy,
    /// <summary>Dst += A, broadcasting a scalar A.</summary>
    AddInPlace,
    /// <summary>Dst *= A, broadcasting a scalar A.</summary>
    MultiplyInPlace,
    /// <summary>Dst = A .^ B (B a scalar), element-wise.</summary>
    Power,
    /// <summary>Dst = f(A), element-wise.</summary>
    Call,
    /// <summary>Dst = A * B, a matrix product.</summary>
    MatMul,
    Transpose,
    Trace,
    SumAll,
    Norm,
    DiagMatrix,
    DiagVector,
    Det,
    LogDet,
    Inverse,
    /// <summary>Dst = adj(A)' = det(A) inv(A)', defined where A is singular too; B is scratch memory.</summary>
    AdjugateTransposed,
    /// <summary>Dst = A + B (equal lengths): a two-term sum in one pass.</summary>
    Add,
    /// <summary>Dst = A * B, B a scalar: a matrix scaled in one pass.</summary>
    Scale,
    /// <summary>Scalar forms, chosen at compile time and run inline: dst = a, dst += a, dst *= a, dst = a^k.</summary>
    ScalarCopy,
    ScalarAdd,
    ScalarMultiply,
    ScalarPower,
}

internal readonly record struct Instruction(OpCode Op, Slot Dst, Slot A, Slot B = default, Function Function = default, double Exponent = double.NaN);
