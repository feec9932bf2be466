using System.Globalization;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Export;

/// <summary>What <see cref="Identity"/>, <see cref="Ones"/> and <see cref="Zeros"/> fill a new array with.</summary>
internal enum Fill
{
    Identity,
    Ones,
    Zeros,
}

/// <summary>
/// One target language: how each operation of the expression tree is written (scalars as doubles, vectors and
/// matrices as 2-D arrays, vectors n×1, so that every operation means one thing), and how the whole file is laid out.
/// <see cref="Lowering"/> decides what is computed once and named; a dialect only writes.
/// </summary>
internal abstract class Dialect
{
    /// <summary>Names the generated code uses itself (keywords, modules, helpers, its own locals), which no variable may take.</summary>
    public abstract IReadOnlyCollection<string> Reserved { get; }

    public abstract Code Number(double value);

    /// <summary>A small integer as the language writes it where an integer is meant (an exponent, a size).</summary>
    public virtual Code Integer(int value) => value < 0
        ? new(value.ToString(CultureInfo.InvariantCulture), Precedence.Unary, true)
        : new(value.ToString(CultureInfo.InvariantCulture), Precedence.Atom, true);

    public abstract Code Constant(ConstantKind kind);

    public Code Name(string local, bool scalar) => new(local, Precedence.Atom, scalar);

    /// <summary>Element-wise a + b, a scalar broadcasting.</summary>
    public abstract Code Add(Code a, Code b);

    public abstract Code Subtract(Code a, Code b);

    /// <summary>Element-wise (Hadamard) a ⊙ b, or a scaling.</summary>
    public abstract Code Multiply(Code a, Code b);

    /// <summary>Element-wise a / b.</summary>
    public abstract Code Divide(Code a, Code b);

    public abstract Code Negate(Code a);

    /// <summary>Element-wise b^e for a computed exponent (NaN for a negative base and a non-integer exponent).</summary>
    public abstract Code Power(Code b, Code e);

    /// <summary>Element-wise b^k for an integer k.</summary>
    public abstract Code IntegerPower(Code b, int k);

    public abstract Code Sqrt(Code u);

    /// <summary>
    /// Element-wise u^(p/q) for q odd: real for a negative u as well ((-8)^(1/3) = -2, (-8)^(2/3) = 4), as the engine
    /// evaluates it.
    /// </summary>
    public abstract Code OddRoot(Code u, double exponent, bool evenNumerator);

    public abstract Code Call(Function function, Code u);

    /// <summary>The matrix product a·b of two arrays.</summary>
    public abstract Code MatMul(Code a, Code b);

    /// <summary>The one entry of a 1×1 array, as a scalar.</summary>
    public abstract Code ScalarOf(Code oneByOne);

    public abstract Code Transpose(Code a);

    /// <summary>A matrix function of an array (never a scalar: <see cref="Lowering"/> reads those as the catalog does).</summary>
    public abstract Code Matrix(MatrixFunction function, Code a);

    public abstract Code Filled(Fill fill, Code rows, Code cols);

    /// <summary>The number of rows (axis 0) or columns (axis 1) of the array in <paramref name="local"/>, at run time.</summary>
    public abstract Code Size(string local, int axis);

    /// <summary>The whole file: the function <c>value_and_gradients</c> (C#: <c>ValueAndGradients</c>), its helpers, and the gradient check run as a program.</summary>
    public abstract string File(ExportPlan plan);

    /// <summary>A double as a literal both Python and C# read back to the same double.</summary>
    protected static string Literal(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture).ToLowerInvariant();
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('e', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>A literal, negative ones binding as a unary minus.</summary>
    protected static Code LiteralCode(double value) =>
        value < 0 || double.IsNegative(value) ? new("-" + Literal(value), Precedence.Unary, true, Literal: true) : new(Literal(value), Precedence.Atom, true, Literal: true);

    /// <summary>The code of an operation on <paramref name="operands"/>: one level deeper than the deepest.</summary>
    protected static Code Op(string text, int precedence, bool scalar, params ReadOnlySpan<Code> operands)
    {
        var depth = 0;
        var literal = operands.Length > 0;
        foreach (var operand in operands)
        {
            depth = Math.Max(depth, operand.Depth);
            literal &= operand.Literal;
        }

        return new(text, precedence, scalar, depth + 1, literal);
    }

    /// <summary>A string literal for a variable's name (names of the language need no escaping).</summary>
    protected static string Quoted(string name) => $"\"{name}\"";
}
