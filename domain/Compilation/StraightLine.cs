using System.Linq.Expressions;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Compilation;

/// <summary>
/// A small program's instructions unrolled into one straight-line method (System.Linq.Expressions, compiled once):
/// every entry of every instruction becomes its own assignment between fixed places of the memory block, so a run
/// walks no instruction list, takes no branch on an opcode and calls no span method. For the lecture's 2×3 loss the
/// interpreter spends most of a run's 30 ns dispatching 8 instructions over 1 to 6 entries each; unrolled, the run
/// is the arithmetic alone, as a hand-written loop would be. Large programs keep the interpreter, whose
/// instructions are vectorised whole-array kernels (<see cref="MaxMemory"/>, <see cref="MaxOperations"/>).
/// det, logdet, inv and the adjugate (an LU factorisation each) are called as the interpreter runs them.
/// </summary>
internal static class StraightLine
{
    /// <summary>The largest memory block (entries) a program may have to be unrolled.</summary>
    public const int MaxMemory = 1024;

    /// <summary>The most arithmetic operations an unrolled run may have: past it the method's size costs more than dispatch.</summary>
    public const int MaxOperations = 2048;

    /// <summary>The unrolled run, or null where the program is too large to gain from it.</summary>
    public static Action<double[]>? TryCompile(int memoryLength, IReadOnlyList<Instruction> code, Action<Instruction> interpret)
    {
        if (memoryLength > MaxMemory || code.Sum(Operations) > MaxOperations)
        {
            return null;
        }

        var m = Expression.Parameter(typeof(double[]), "m");
        var body = new List<Expression>();
        var emitter = new Emitter(m, body, interpret);
        foreach (var i in code)
        {
            emitter.Emit(i);
        }

        body.Add(Expression.Empty());
        return Expression.Lambda<Action<double[]>>(Expression.Block(body), m).Compile();
    }

    /// <summary>
    /// One whole step of fixed-step gradient descent as straight-line code: θ ← θ − η g over the given input and gradient
    /// slots (as <c>TensorPrimitives.MultiplyAdd(g, −η, θ)</c> computes it), the program run at the new θ, and Σ g² of the
    /// new gradient returned. The update, the run and the norm then cost what a hand-written loop's arithmetic does, with
    /// no call between them. Null where the program is too large to gain from it.
    /// </summary>
    public static Func<double[], double, double>? TryCompileDescent(int memoryLength, IReadOnlyList<Instruction> code, Action<Instruction> interpret, IReadOnlyList<Slot> inputs, IReadOnlyList<Slot> gradients)
    {
        if (memoryLength > MaxMemory || code.Sum(Operations) > MaxOperations || inputs.Count != gradients.Count)
        {
            return null;
        }

        var m = Expression.Parameter(typeof(double[]), "m");
        var eta = Expression.Parameter(typeof(double), "eta");
        var body = new List<Expression>();
        var emitter = new Emitter(m, body, interpret);
        var minusEta = Expression.Variable(typeof(double), "minusEta");
        body.Add(Expression.Assign(minusEta, Expression.Negate(eta)));
        for (var v = 0; v < inputs.Count; v++)
        {
            for (var k = 0; k < inputs[v].Length; k++)
            {
                var x = emitter.At(inputs[v].Offset + k);
                body.Add(Expression.Assign(x, Expression.Add(Expression.Multiply(emitter.At(gradients[v].Offset + (gradients[v].Length == 1 ? 0 : k)), minusEta), x)));
            }
        }

        foreach (var i in code)
        {
            emitter.Emit(i);
        }

        var squares = gradients.SelectMany(g => Enumerable.Range(0, g.Length).Select(k => (Expression)Expression.Multiply(emitter.At(g.Offset + k), emitter.At(g.Offset + k))));
        body.Add(Emitter.Sum(squares));
        return Expression.Lambda<Func<double[], double, double>>(Expression.Block([minusEta], body), m, eta).Compile();
    }

    /// <summary>About how many arithmetic operations an instruction unrolls to.</summary>
    private static int Operations(Instruction i) => i.Op switch
    {
        OpCode.MatMul => i.A.Rows * i.A.Cols * i.B.Cols,
        OpCode.Det or OpCode.LogDet or OpCode.Inverse or OpCode.AdjugateTransposed => 1,
        _ => Math.Max(i.Dst.Length, i.A.Length),
    };

    /// <summary>f(x) for one entry, exactly as the interpreter's whole-array call computes it (NaN outside f's domain).</summary>
    private static double Call(ScalarFunction f, double x)
    {
        ReadOnlySpan<double> source = [x];
        Span<double> destination = [0.0];
        f.Apply(source, destination);
        return destination[0];
    }

    private sealed class Emitter(ParameterExpression m, List<Expression> body, Action<Instruction> interpret)
    {
        private static readonly System.Reflection.MethodInfo Pow = typeof(Math).GetMethod(nameof(Math.Pow), [typeof(double), typeof(double)])!;
        private static readonly System.Reflection.MethodInfo Sqrt = typeof(Math).GetMethod(nameof(Math.Sqrt), [typeof(double)])!;
        private static readonly System.Reflection.MethodInfo CallOne = typeof(StraightLine).GetMethod(nameof(Call), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        public void Emit(Instruction i)
        {
            var (d, a, b) = (i.Dst, i.A, i.B);
            switch (i.Op)
            {
                case OpCode.ScalarCopy:
                    Set(d.Offset, At(a.Offset));
                    break;
                case OpCode.ScalarAdd:
                    Set(d.Offset, Expression.Add(At(d.Offset), At(a.Offset)));
                    break;
                case OpCode.ScalarMultiply:
                    Set(d.Offset, Expression.Multiply(At(d.Offset), At(a.Offset)));
                    break;
                case OpCode.ScalarPower:
                    Set(d.Offset, i.Exponent == 2 ? Expression.Multiply(At(a.Offset), At(a.Offset)) : Expression.Call(Pow, At(a.Offset), Constant(i.Exponent)));
                    break;
                case OpCode.Copy:
                    Each(d, k => At(a.Offset + (a.Length == 1 ? 0 : k)));
                    break;
                case OpCode.AddInPlace when d.Length > 1 || a.Length == 1:
                    Each(d, k => Expression.Add(At(d.Offset + k), At(a.Offset + (a.Length == 1 ? 0 : k))));
                    break;
                case OpCode.MultiplyInPlace when d.Length > 1 || a.Length == 1:
                    Each(d, k => Expression.Multiply(At(d.Offset + k), At(a.Offset + (a.Length == 1 ? 0 : k))));
                    break;
                case OpCode.Power when !double.IsNaN(i.Exponent):
                    Each(d, k => Power(At(a.Offset + k), i.Exponent));
                    break;
                case OpCode.Power:
                    Each(d, k => Expression.Call(Pow, At(a.Offset + (a.Length == 1 ? 0 : k)), At(b.Offset + (b.Length == 1 ? 0 : k))));
                    break;
                case OpCode.Call:
                    var f = Expression.Constant(FunctionCatalog.Of(i.Function));
                    Each(d, k => Expression.Call(CallOne, f, At(a.Offset + k)));
                    break;
                case OpCode.MatMul:
                    MatMul(d, a, b);
                    break;
                case OpCode.Transpose:
                    for (var r = 0; r < a.Rows; r++)
                    {
                        for (var c = 0; c < a.Cols; c++)
                        {
                            Set(d.Offset + (c * a.Rows) + r, At(a.Offset + (r * a.Cols) + c));
                        }
                    }

                    break;
                case OpCode.Trace:
                    Set(d.Offset, Sum(Enumerable.Range(0, a.Rows).Select(r => At(a.Offset + (r * a.Cols) + r))));
                    break;
                case OpCode.SumAll:
                    Set(d.Offset, Sum(Enumerable.Range(0, a.Length).Select(k => At(a.Offset + k))));
                    break;
                case OpCode.Norm:
                    Set(d.Offset, Expression.Call(Sqrt, Sum(Enumerable.Range(0, a.Length).Select(k => Expression.Multiply(At(a.Offset + k), At(a.Offset + k))))));
                    break;
                case OpCode.DiagMatrix:
                    Each(d, k => Constant(0));
                    for (var r = 0; r < a.Rows; r++)
                    {
                        Set(d.Offset + (r * a.Rows) + r, At(a.Offset + r));
                    }

                    break;
                case OpCode.DiagVector:
                    for (var r = 0; r < a.Rows; r++)
                    {
                        Set(d.Offset + r, At(a.Offset + (r * a.Cols) + r));
                    }

                    break;
                case OpCode.Add when a.Length == d.Length && b.Length == d.Length:
                    Each(d, k => Expression.Add(At(a.Offset + k), At(b.Offset + k)));
                    break;
                case OpCode.Scale:
                    Each(d, k => Expression.Multiply(At(a.Offset + k), At(b.Offset)));
                    break;
                default:
                    // det, logdet, inv, the adjugate, and any form not unrolled above: as the interpreter runs it.
                    body.Add(Expression.Invoke(Expression.Constant(interpret), Expression.Constant(i)));
                    break;
            }
        }

        /// <summary>As <see cref="ArrayKernels.Power"/> computes a constant power, entry by entry.</summary>
        private static Expression Power(Expression x, double exponent) => exponent switch
        {
            2 => Expression.Multiply(x, x),
            1 => x,
            -1 => Expression.Divide(Constant(1), x),
            0.5 => Expression.Call(Sqrt, x),
            _ => Expression.Call(Pow, x, Constant(exponent)),
        };

        /// <summary>dst = A·B, each entry a sum over k in order (the product of an r×n and an n×c block).</summary>
        private void MatMul(Slot d, Slot a, Slot b)
        {
            var (rows, inner, cols) = (a.Rows, a.Cols, b.Cols);
            var entries = new Expression[rows * cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    entries[(r * cols) + c] = Sum(Enumerable.Range(0, inner).Select(k => Expression.Multiply(At(a.Offset + (r * inner) + k), At(b.Offset + (k * cols) + c))));
                }
            }

            // Every entry from the operands before any is written: dst may be one of them.
            var temporaries = entries.Select((_, k) => Expression.Variable(typeof(double), $"t{k}")).ToArray();
            var block = new List<Expression>();
            block.AddRange(entries.Select((e, k) => Expression.Assign(temporaries[k], e)));
            block.AddRange(temporaries.Select((t, k) => Expression.Assign(At(d.Offset + k), t)));
            body.Add(Expression.Block(temporaries, block));
        }

        /// <summary>dst[k] = value(k) for every entry, all values read before any is written (dst may overlap the operands).</summary>
        private void Each(Slot d, Func<int, Expression> value)
        {
            if (d.Length == 1)
            {
                Set(d.Offset, value(0));
                return;
            }

            var temporaries = Enumerable.Range(0, d.Length).Select(k => Expression.Variable(typeof(double), $"e{k}")).ToArray();
            var block = new List<Expression>();
            block.AddRange(temporaries.Select((t, k) => Expression.Assign(t, value(k))));
            block.AddRange(temporaries.Select((t, k) => Expression.Assign(At(d.Offset + k), t)));
            body.Add(Expression.Block(temporaries, block));
        }

        internal static Expression Sum(IEnumerable<Expression> terms) =>
            terms.Aggregate((Expression?)null, (total, term) => total is null ? term : Expression.Add(total, term)) ?? Constant(0);

        private void Set(int index, Expression value) => body.Add(Expression.Assign(At(index), value));

        internal IndexExpression At(int index) => Expression.ArrayAccess(m, Expression.Constant(index));

        private static ConstantExpression Constant(double x) => Expression.Constant(x);
    }
}
