using System.Numerics.Tensors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;

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

    internal CompiledProgram(double[] memory, Instruction[] code, Dictionary<string, Slot> inputs, Slot[] outputs)
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
        new ProgramCompiler(values, variables).Compile(roots);

    /// <summary>The memory of an input (a variable), row-major: write new values here before <see cref="Run"/>.</summary>
    public Span<double> Input(string name) => Span(_inputs[name]);

    public ReadOnlySpan<double> Output(int index) => Span(_outputs[index]);

    public double ScalarOutput(int index) => _memory[_outputs[index].Offset];

    /// <summary>The memory of a slot (an input's or an output's), for callers that looked the slot up once.</summary>
    public Span<double> Data(Slot s) => _memory.AsSpan(s.Offset, s.Length);

    private Span<double> Span(Slot s) => Data(s);

    /// <summary>
    /// After this many runs a small program is unrolled into straight-line code (<see cref="StraightLine"/>). The
    /// unrolling is a compilation of 0.6–1 ms (15 ms the first time in a process, which the server's warm-up pays),
    /// about what 20,000 interpreted runs of the lecture's loss cost: so a run never spends much more on unrolling
    /// than it has already spent, short runs (the API's typical few hundred iterations) never unroll, and long
    /// ones run at the unrolled speed for all but their start.
    /// </summary>
    public const int UnrollAfterRuns = 20_000;

    private Action<double[]>? _unrolled;
    private int _runs;

    /// <summary>
    /// Keeps the interpreter however long the program runs: no unrolling, no fused descent step. For measuring what the
    /// straight-line code gains (the optimizer benchmark's "interpreted" side), not for serving.
    /// </summary>
    public bool KeepInterpreter { get; set; }

    /// <summary>How many times the program has run through the interpreter (counted until it unrolls).</summary>
    internal int InterpretedRuns => _runs;

    /// <summary>Whether the program now runs as straight-line code.</summary>
    public bool IsUnrolled => _unrolled is not null;

    public void Run()
    {
        if (_unrolled is { } unrolled)
        {
            unrolled(_memory);
            return;
        }

        if (++_runs == UnrollAfterRuns && !KeepInterpreter && Unroll())
        {
            _unrolled!(_memory);
            return;
        }

        foreach (ref readonly var i in _code.AsSpan())
        {
            Step(i);
        }
    }

    private Func<double[], double, double>? _descent;

    /// <summary>Whether <see cref="DescendAndRun"/> is ready: a fused gradient-descent step compiled by <see cref="UnrollDescent"/>.</summary>
    internal bool HasFusedDescent => _descent is not null;

    /// <summary>
    /// Compiles one fixed-step gradient-descent step over these slots into straight-line code (<see cref="StraightLine.TryCompileDescent"/>);
    /// false where the program is too large to gain from it.
    /// </summary>
    internal bool UnrollDescent(IReadOnlyList<Slot> inputs, IReadOnlyList<Slot> gradients)
    {
        if (KeepInterpreter)
        {
            return false;
        }

        _descent ??= StraightLine.TryCompileDescent(_memory.Length, _code, i => Step(i), inputs, gradients);
        return _descent is not null;
    }

    /// <summary>θ ← θ − η g, the program run at the new θ, and Σ g² of its gradient, in one compiled step (after <see cref="UnrollDescent"/>).</summary>
    internal double DescendAndRun(double learningRate) => _descent!(_memory, learningRate);

    /// <summary>Unrolls the program now, where it is small enough to gain from it; false where it keeps the interpreter.</summary>
    public bool Unroll()
    {
        _unrolled ??= StraightLine.TryCompile(_memory.Length, _code, i => Step(i));
        return _unrolled is not null;
    }

    /// <summary>One instruction: scalar forms inline, the rest through <see cref="Execute"/>. The compiler runs the setup instructions through it once.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void Step(in Instruction i)
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
                ArrayKernels.Power(dst, a, i.Exponent);
                break;
            case OpCode.Power:
                ReadOnlySpan<double> exponents = Span(i.B);
                for (var k = 0; k < dst.Length; k++)
                {
                    dst[k] = Math.Pow(a[a.Length == 1 ? 0 : k], exponents[exponents.Length == 1 ? 0 : k]);
                }

                break;
            case OpCode.Call:
                FunctionCatalog.Of(i.Function).Apply(a, dst);
                break;
            case OpCode.MatMul:
                ArrayKernels.MatMul(dst, a, Span(i.B), i.A.Rows, i.A.Cols, i.B.Cols);
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
                Factorisations.Run(i, dst, a);
                break;
            case OpCode.AdjugateTransposed:
                Adjugate.Transposed(dst, a, Span(i.B), i.A.Rows);
                break;
            default:
                throw new InvalidOperationException($"Unknown instruction {i.Op}.");
        }
    }
}
