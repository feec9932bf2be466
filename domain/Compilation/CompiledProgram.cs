using System.Numerics.Tensors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using MathNet.Numerics.LinearAlgebra;
using Zeros = CalcApi.Domain.Expressions.Zeros;

namespace CalcApi.Domain.Compilation;

/// <summary>
/// Expressions compiled once to a flat list of whole-array instructions over one preallocated block of
/// memory: running the program walks no tree and allocates nothing (but for det, logdet and inv, which
/// go through an LU factorisation). Element-wise work is vectorised with TensorPrimitives, matrix
/// products run row by row with fused multiply-adds. Shared sub-expressions (the loss and its
/// gradients share most of theirs) are computed once. Values outside a function's domain become NaN,
/// which the caller reads as divergence.
/// </summary>
public sealed class CompiledProgram
{
    private readonly double[] _memory;
    private readonly Instruction[] _code;
    private readonly Dictionary<string, Slot> _inputs;
    private readonly Slot[] _outputs;

    private CompiledProgram(double[] memory, Instruction[] code, Dictionary<string, Slot> inputs, Slot[] outputs)
    {
        _memory = memory;
        _code = code;
        _inputs = inputs;
        _outputs = outputs;
    }

    public IReadOnlyDictionary<string, Slot> Inputs => _inputs;

    public IReadOnlyList<Slot> Outputs => _outputs;

    public int InstructionCount => _code.Length;

    /// <summary>Compiles <paramref name="roots"/>; every free name must have a value in <paramref name="values"/> of the node's shape.</summary>
    /// <param name="variables">
    /// The inputs that will change between runs (the optimised variables). Whatever does not depend on
    /// them (a constant matrix's transpose, say) is computed once here and never again. Null: all inputs vary.
    /// </param>
    public static CompiledProgram Compile(IReadOnlyList<Expr> roots, IReadOnlyDictionary<string, Value> values, IReadOnlySet<string>? variables = null) =>
        new Compiler(values, variables).Compile(roots);

    /// <summary>The memory of an input (a variable), row-major: write new values here before <see cref="Run"/>.</summary>
    public Span<double> Input(string name) => Span(_inputs[name]);

    public ReadOnlySpan<double> Output(int index) => Span(_outputs[index]);

    public double ScalarOutput(int index) => _memory[_outputs[index].Offset];

    /// <summary>The memory of a slot (an input's or an output's), for callers that looked the slot up once.</summary>
    public Span<double> Data(Slot s) => _memory.AsSpan(s.Offset, s.Length);

    private Span<double> Span(Slot s) => Data(s);

    public void Run()
    {
        foreach (ref readonly var i in _code.AsSpan())
        {
            Step(i);
        }
    }

    /// <summary>One instruction: scalar forms inline, the rest through <see cref="Execute"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Step(in Instruction i)
    {
        var m = _memory;
        {
            switch (i.Op)
            {
                case OpCode.ScalarCopy:
                    m[i.Dst.Offset] = m[i.A.Offset];
                    break;
                case OpCode.ScalarAdd:
                    m[i.Dst.Offset] += m[i.A.Offset];
                    break;
                case OpCode.ScalarMultiply:
                    m[i.Dst.Offset] *= m[i.A.Offset];
                    break;
                case OpCode.ScalarPower:
                    var x = m[i.A.Offset];
                    m[i.Dst.Offset] = i.Exponent == 2 ? x * x : Math.Pow(x, i.Exponent);
                    break;
                default:
                    Execute(i);
                    break;
            }
        }
    }

    private void Execute(in Instruction i)
    {
        var dst = Span(i.Dst);
        ReadOnlySpan<double> a = Span(i.A);
        switch (i.Op)
        {
            case OpCode.Copy:
                if (i.A.Length == 1)
                {
                    dst.Fill(a[0]);
                }
                else
                {
                    a.CopyTo(dst);
                }

                break;
            case OpCode.AddInPlace:
                if (i.A.Length == 1)
                {
                    TensorPrimitives.Add(dst, a[0], dst);
                }
                else if (i.Dst.Length == 1)
                {
                    throw new InvalidOperationException("A scalar cannot accumulate a matrix.");
                }
                else
                {
                    TensorPrimitives.Add(dst, a, dst);
                }

                break;
            case OpCode.MultiplyInPlace:
                if (i.A.Length == 1)
                {
                    TensorPrimitives.Multiply(dst, a[0], dst);
                }
                else
                {
                    TensorPrimitives.Multiply(dst, a, dst);
                }

                break;
            case OpCode.Power when !double.IsNaN(i.Exponent):
                Power(dst, a, i.Exponent);
                break;
            case OpCode.Power:
                ReadOnlySpan<double> exponents = Span(i.B);
                for (var k = 0; k < dst.Length; k++)
                {
                    dst[k] = Math.Pow(a[a.Length == 1 ? 0 : k], exponents[exponents.Length == 1 ? 0 : k]);
                }

                break;
            case OpCode.Call:
                Call(i.Function, dst, a);
                break;
            case OpCode.MatMul:
                MatMul(dst, a, Span(i.B), i.A.Rows, i.A.Cols, i.B.Cols);
                break;
            case OpCode.Transpose:
                for (var r = 0; r < i.A.Rows; r++)
                {
                    for (var c = 0; c < i.A.Cols; c++)
                    {
                        dst[(c * i.A.Rows) + r] = a[(r * i.A.Cols) + c];
                    }
                }

                break;
            case OpCode.Trace:
                var trace = 0.0;
                for (var r = 0; r < i.A.Rows; r++)
                {
                    trace += a[(r * i.A.Cols) + r];
                }

                dst[0] = trace;
                break;
            case OpCode.SumAll:
                dst[0] = TensorPrimitives.Sum(a);
                break;
            case OpCode.Norm:
                dst[0] = TensorPrimitives.Norm(a);
                break;
            case OpCode.DiagMatrix:
                dst.Clear();
                for (var r = 0; r < i.A.Rows; r++)
                {
                    dst[(r * i.A.Rows) + r] = a[r];
                }

                break;
            case OpCode.DiagVector:
                for (var r = 0; r < i.A.Rows; r++)
                {
                    dst[r] = a[(r * i.A.Cols) + r];
                }

                break;
            case OpCode.Add:
                TensorPrimitives.Add(a, Span(i.B), dst);
                break;
            case OpCode.Scale:
                TensorPrimitives.Multiply(a, _memory[i.B.Offset], dst);
                break;
            case OpCode.ScalarCopy or OpCode.ScalarAdd or OpCode.ScalarMultiply or OpCode.ScalarPower:
                throw new InvalidOperationException("Scalar instructions run inline in Run.");
            case OpCode.Det or OpCode.LogDet or OpCode.Inverse:
                Factorised(i, dst, a);
                break;
            default:
                throw new InvalidOperationException($"Unknown instruction {i.Op}.");
        }
    }

    private static void Power(Span<double> dst, ReadOnlySpan<double> a, double exponent)
    {
        switch (exponent)
        {
            case 2:
                TensorPrimitives.Multiply(a, a, dst);
                break;
            case 1:
                a.CopyTo(dst);
                break;
            case -1:
                TensorPrimitives.Divide(1.0, a, dst);
                break;
            case 0.5:
                TensorPrimitives.Sqrt(a, dst);
                break;
            default:
                for (var k = 0; k < a.Length; k++)
                {
                    dst[k] = Math.Pow(a[k], exponent);
                }

                break;
        }
    }

    private static void Call(Function f, Span<double> dst, ReadOnlySpan<double> a) => FunctionCatalog.Of(f).Apply(a, dst);

    /// <summary>dst (r×c) = a (r×n) * b (n×c), row by row: dst_i = Σ_k a_ik b_k, vectorised over the row.</summary>
    private static void MatMul(Span<double> dst, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int r, int n, int c)
    {
        if (c == 1)
        {
            for (var i = 0; i < r; i++)
            {
                dst[i] = TensorPrimitives.Dot(a.Slice(i * n, n), b);
            }

            return;
        }

        dst.Clear();
        for (var i = 0; i < r; i++)
        {
            var row = dst.Slice(i * c, c);
            for (var k = 0; k < n; k++)
            {
                var aik = a[(i * n) + k];
                if (aik != 0)
                {
                    TensorPrimitives.MultiplyAdd(b.Slice(k * c, c), aik, row, row);
                }
            }
        }
    }

    private static void Factorised(in Instruction i, Span<double> dst, ReadOnlySpan<double> a)
    {
        try
        {
            FactorisedUnchecked(i, dst, a);
        }
        catch (Exception ex) when (ex is MathNet.Numerics.NonConvergenceException or ArithmeticException or ArgumentException)
        {
            // A matrix too badly scaled to factorise: NaN, which the run reports as diverged.
            dst.Fill(double.NaN);
        }
    }

    private static void FactorisedUnchecked(in Instruction i, Span<double> dst, ReadOnlySpan<double> a)
    {
        var n = i.A.Rows;
        var values = a.ToArray();
        var matrix = Matrix<double>.Build.Dense(n, n, (r, c) => values[(r * n) + c]);
        switch (i.Op)
        {
            case OpCode.Det:
                dst[0] = matrix.Determinant();
                break;
            case OpCode.LogDet:
                var det = matrix.Determinant();
                dst[0] = det > 0 ? Math.Log(det) : double.NaN;
                break;
            default:
                var inverse = matrix.Inverse();
                for (var r = 0; r < n; r++)
                {
                    for (var c = 0; c < n; c++)
                    {
                        dst[(r * n) + c] = inverse[r, c];
                    }
                }

                break;
        }
    }

    /// <summary>Lays out slots and emits instructions in dependency order.</summary>
    private sealed class Compiler(IReadOnlyDictionary<string, Value> values, IReadOnlySet<string>? variables)
    {
        private readonly List<double> _memory = [];
        private readonly List<Instruction> _code = [];
        private readonly List<Instruction> _setup = [];
        private readonly Dictionary<Expr, Slot> _slots = [];
        private readonly Dictionary<string, Slot> _inputs = new(StringComparer.Ordinal);

        public CompiledProgram Compile(IReadOnlyList<Expr> roots)
        {
            var outputs = roots.Select(SlotOf).ToArray();
            var program = new CompiledProgram([.. _memory], [.. _code], _inputs, outputs);
            foreach (var instruction in _setup)
            {
                program.Step(instruction);
            }

            return program;
        }

        private bool Varies(Expr e) => variables is null || e.FreeNames.Overlaps(variables);

        /// <summary>An instruction for node e: in the program when e varies, else run once at compile time; scalar work gets its inline form.</summary>
        private void Add(Expr e, Instruction instruction)
        {
            if (instruction.Dst.Length == 1 && instruction.A.Length == 1)
            {
                instruction = instruction.Op switch
                {
                    OpCode.Copy => instruction with { Op = OpCode.ScalarCopy },
                    OpCode.AddInPlace => instruction with { Op = OpCode.ScalarAdd },
                    OpCode.MultiplyInPlace => instruction with { Op = OpCode.ScalarMultiply },
                    OpCode.Power when !double.IsNaN(instruction.Exponent) => instruction with { Op = OpCode.ScalarPower },
                    _ => instruction,
                };
            }

            (Varies(e) ? _code : _setup).Add(instruction);
        }

        private Slot Allocate(int rows, int cols, double fill = 0)
        {
            var slot = new Slot(_memory.Count, rows, cols);
            for (var k = 0; k < rows * cols; k++)
            {
                _memory.Add(fill);
            }

            return slot;
        }

        private Slot Allocate(Expr e) => Allocate(Size(e.Shape.Rows), Size(e.Shape.Cols));

        private static int Size(Shapes.Dim d) =>
            d.IsConcrete ? d.Size : throw new Errors.CalcException(new Errors.CalcError(Errors.ErrorKind.InvalidArgument, "Size unknown",
                $"The size {d} is not known: every vector and matrix of a run needs a value (or a numeric size) to fix it."));

        private Slot SlotOf(Expr e)
        {
            if (_slots.TryGetValue(e, out var known))
            {
                return known;
            }

            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
            var slot = Emit(e);
            _slots[e] = slot;
            return slot;
        }

        private Slot Emit(Expr e)
        {
            switch (e)
            {
                case Number n:
                    return Allocate(1, 1, n.Value.ToDouble());
                case Constant c:
                    return Allocate(1, 1, c.Kind == ConstantKind.Pi ? Math.PI : Math.E);
                case Symbol or MatrixSymbol:
                    return Input(e);
                case Identity:
                    var identity = Allocate(e);
                    for (var r = 0; r < identity.Rows; r++)
                    {
                        _memory[identity.Offset + (r * identity.Cols) + r] = 1;
                    }

                    return identity;
                case Ones:
                    return Allocate(Size(e.Shape.Rows), Size(e.Shape.Cols), 1);
                case Zeros:
                    return Allocate(Size(e.Shape.Rows), Size(e.Shape.Cols), 0);
                case Sum s:
                    return Fold(e, s.Terms, OpCode.AddInPlace);
                case Product p:
                    return Fold(e, p.Factors, OpCode.MultiplyInPlace);
                case Power p:
                    var powerBase = SlotOf(p.Base);
                    var exponent = p.Exponent is Number ? default : SlotOf(p.Exponent);
                    var power = Allocate(e);

                    var constant = p.Exponent is Number x && powerBase.Length == power.Length ? x.Value.ToDouble() : double.NaN;
                    if (p.Exponent is Number && double.IsNaN(constant))
                    {
                        exponent = SlotOf(p.Exponent);
                    }

                    Add(e, new Instruction(OpCode.Power, power, powerBase, exponent, Exponent: constant));
                    return power;
                case Call c:
                    var argument = SlotOf(c.Argument);
                    var call = Allocate(e);
                    Add(e, new Instruction(OpCode.Call, call, argument, Function: c.Function));
                    return call;
                case MatMul m:
                    var left = SlotOf(m.Factors[0]);
                    var leftVaries = Varies(m.Factors[0]);
                    for (var k = 1; k < m.Factors.Length; k++)
                    {
                        var right = SlotOf(m.Factors[k]);
                        var product = Allocate(left.Rows, right.Cols);
                        leftVaries |= Varies(m.Factors[k]);
                        (leftVaries ? _code : _setup).Add(new Instruction(OpCode.MatMul, product, left, right));
                        left = product;
                    }

                    return left;
                case Transpose t:
                    var operand = SlotOf(t.Operand);
                    var transposed = Allocate(operand.Cols, operand.Rows);
                    Add(e, new Instruction(OpCode.Transpose, transposed, operand));
                    return transposed;
                case MatrixCall mc:
                    var inner = SlotOf(mc.Argument);
                    var result = Allocate(e);
                    Add(e, new Instruction(mc.Function switch
                    {
                        MatrixFunction.Trace => OpCode.Trace,
                        MatrixFunction.SumAll => OpCode.SumAll,
                        MatrixFunction.Norm => OpCode.Norm,
                        MatrixFunction.DiagMatrix => OpCode.DiagMatrix,
                        MatrixFunction.DiagVector => OpCode.DiagVector,
                        MatrixFunction.Det => OpCode.Det,
                        MatrixFunction.LogDet => OpCode.LogDet,
                        _ => OpCode.Inverse,
                    }, result, inner));
                    return result;
                default:
                    throw new InvalidOperationException($"Cannot compile {e.GetType().Name}.");
            }
        }

        /// <summary>
        /// An n-ary sum or product. A two-term sum of equal shapes is one Add; a product of a matrix with
        /// scalars multiplies the scalars first and scales the matrix in one pass; otherwise the first
        /// full-size operand is copied and the rest folded in place.
        /// </summary>
        private Slot Fold(Expr e, IReadOnlyList<Expr> operands, OpCode op)
        {
            var slots = operands.Select(SlotOf).ToList();
            var target = Allocate(e);
            if (op == OpCode.AddInPlace && slots.Count == 2 && slots[0].Length == target.Length && slots[1].Length == target.Length && target.Length > 1)
            {
                Add(e, new Instruction(OpCode.Add, target, slots[0], slots[1]));
                return target;
            }

            if (op == OpCode.MultiplyInPlace && target.Length > 1 && slots.Count(s => s.Length == 1) is > 0 and var scalarCount)
            {
                var scalars = slots.Where(s => s.Length == 1).ToList();
                var factor = scalars[0];
                if (scalarCount > 1)
                {
                    factor = Allocate(1, 1);
                    Add(e, new Instruction(OpCode.Copy, factor, scalars[0]));
                    foreach (var s in scalars.Skip(1))
                    {
                        Add(e, new Instruction(OpCode.MultiplyInPlace, factor, s));
                    }
                }

                var matrices = slots.Where(s => s.Length > 1).ToList();
                Add(e, new Instruction(OpCode.Scale, target, matrices[0], factor));
                foreach (var m in matrices.Skip(1))
                {
                    Add(e, new Instruction(OpCode.MultiplyInPlace, target, m));
                }

                return target;
            }

            var first = slots.FindIndex(s => s.Length == target.Length);
            Add(e, new Instruction(OpCode.Copy, target, slots[first]));
            for (var k = 0; k < slots.Count; k++)
            {
                if (k != first)
                {
                    Add(e, new Instruction(op, target, slots[k]));
                }
            }

            return target;
        }

        private Slot Input(Expr e)
        {
            var name = e is Symbol s ? s.Name : ((MatrixSymbol)e).Name;
            if (_inputs.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var slot = Allocate(e);
            var value = values.TryGetValue(name, out var v) ? v : throw new InvalidOperationException($"No value for {name}.");
            if (value.IsScalar)
            {
                _memory[slot.Offset] = value.Scalar;
            }
            else
            {
                var m = value.Matrix!;
                for (var r = 0; r < m.RowCount; r++)
                {
                    for (var c = 0; c < m.ColumnCount; c++)
                    {
                        _memory[slot.Offset + (r * m.ColumnCount) + c] = m[r, c];
                    }
                }
            }

            _inputs[name] = slot;
            return slot;
        }
    }
}
