using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using Zeros = CalcApi.Domain.Expressions.Zeros;

namespace CalcApi.Domain.Compilation;

/// <summary>Lays out slots and emits instructions in dependency order.</summary>
internal sealed class ProgramCompiler(IReadOnlyDictionary<string, Value> values, IReadOnlySet<string>? variables)
{
    private readonly List<double> _memory = [];
    private readonly List<Instruction> _code = [];
    private readonly List<Instruction> _setup = [];
    private readonly Dictionary<Expr, Slot> _slots = [];
    private readonly Dictionary<Expr, Slot> _adjugates = [];
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
                return Fold(e, [.. s.Terms.Select(SlotOf)], OpCode.AddInPlace);
            case Product p:
                return DeterminantTimesInverse(p) ?? Fold(e, [.. p.Factors.Select(SlotOf)], OpCode.MultiplyInPlace);
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
                return Unary(e, c.Argument, OpCode.Call, c.Function);
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
                return Unary(e, mc.Argument, mc.Function switch
                {
                    MatrixFunction.Trace => OpCode.Trace,
                    MatrixFunction.SumAll => OpCode.SumAll,
                    MatrixFunction.Norm => OpCode.Norm,
                    MatrixFunction.DiagMatrix => OpCode.DiagMatrix,
                    MatrixFunction.DiagVector => OpCode.DiagVector,
                    MatrixFunction.Det => OpCode.Det,
                    MatrixFunction.LogDet => OpCode.LogDet,
                    _ => OpCode.Inverse,
                });
            default:
                throw new InvalidOperationException($"Cannot compile {e.GetType().Name}.");
        }
    }

    /// <summary>One instruction of one operand, into a slot of e's shape: f(A) element-wise, or a matrix function.</summary>
    private Slot Unary(Expr e, Expr operand, OpCode op, Function function = default)
    {
        var argument = SlotOf(operand);
        var result = Allocate(e);
        Add(e, new Instruction(op, result, argument, Function: function));
        return result;
    }

    /// <summary>
    /// An n-ary sum or product. A two-term sum of equal shapes is one Add; a product of a matrix with
    /// scalars multiplies the scalars first and scales the matrix in one pass; otherwise the first
    /// full-size operand is copied and the rest folded in place.
    /// </summary>
    private Slot Fold(Expr e, List<Slot> slots, OpCode op)
    {
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

    /// <summary>
    /// det(X)^k * inv(X)' * rest (the gradient of det) as det(X)^(k-1) * adj(X)' * rest, which is defined
    /// where X is singular too: the evaluator's reading (MatrixEvaluator.ProductOf), matched the same way.
    /// Null when the product is not of that form.
    /// </summary>
    private Slot? DeterminantTimesInverse(Product p)
    {
        var factors = p.Factors;
        var inverse = factors.ToList().FindIndex(f => f is Transpose { Operand: MatrixCall { Function: MatrixFunction.Inverse } });
        if (inverse < 0)
        {
            return null;
        }

        var x = ((MatrixCall)((Transpose)factors[inverse]).Operand).Argument;
        var det = factors.ToList().FindIndex(f => MatrixEvaluator.DeterminantPower(f, x) > 0);
        if (det < 0)
        {
            return null;
        }

        var k = MatrixEvaluator.DeterminantPower(factors[det], x);
        List<Slot> slots = [AdjugateTransposed(x), .. factors.Where((_, i) => i != inverse && i != det).Select(SlotOf)];
        if (k > 1)
        {
            slots.Add(SlotOf(Algebra.Pow(MatrixAlgebra.Apply(MatrixFunction.Det, x), Algebra.Num(k - 1))));
        }

        return Fold(p, slots, OpCode.MultiplyInPlace);
    }


    /// <summary>adj(x)', once per x, with its scratch memory; computed once at compile time when x does not vary.</summary>
    private Slot AdjugateTransposed(Expr x)
    {
        if (_adjugates.TryGetValue(x, out var known))
        {
            return known;
        }

        var matrix = SlotOf(x);
        var n = matrix.Rows;
        var result = Allocate(n, n);
        var scratch = Allocate(1, Adjugate.ScratchLength(n));
        Add(x, new Instruction(OpCode.AdjugateTransposed, result, matrix, scratch));
        _adjugates[x] = result;
        return result;
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
