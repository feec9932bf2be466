using System.Numerics.Tensors;
using CalcApi.Domain.Compilation;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// The optimised variables and their gradients, in a compiled program's own memory, seen as one flat
/// vector θ (the variables one after the other): what a descent reads and moves. Slots are looked up
/// once, so the loop touches memory, never a dictionary; nothing here allocates but <see cref="Position"/>.
/// </summary>
internal sealed class OptimisedVariables
{
    private readonly CompiledProgram _program;
    private readonly Slot[] _inputs;
    private readonly Slot[] _gradients;

    public OptimisedVariables(CompiledProgram program, IReadOnlyList<string> names)
    {
        _program = program;
        _inputs = [.. names.Select(n => program.Inputs[n])];
        _gradients = [.. Enumerable.Range(1, names.Count).Select(k => program.Outputs[k])];
        Dimension = _inputs.Sum(slot => slot.Length);
    }

    /// <summary>The number of unknowns, the length of θ.</summary>
    public int Dimension { get; }

    /// <summary>How many variables; gradient k is that of variable k.</summary>
    public int Count => _gradients.Length;

    public Span<double> Gradient(int k) => _program.Data(_gradients[k]);

    /// <summary>
    /// Below this many entries a plain loop beats <see cref="TensorPrimitives"/>, whose set-up (checks, choosing a vector
    /// width) costs more than a handful of multiply-adds: on the lecture's 2×3 problem it was a third of an iteration.
    /// </summary>
    private const int SmallSpan = 16;

    public double GradientNorm()
    {
        var sum = 0.0;
        for (var k = 0; k < _gradients.Length; k++)
        {
            ReadOnlySpan<double> g = _program.Data(_gradients[k]);
            if (g.Length < SmallSpan)
            {
                for (var i = 0; i < g.Length; i++)
                {
                    sum += g[i] * g[i];
                }
            }
            else
            {
                sum += TensorPrimitives.Dot(g, g);
            }
        }

        return Math.Sqrt(sum);
    }

    private bool _fusionTried;

    /// <summary>
    /// One step of fixed-step gradient descent, θ -= η g, then the program run at the new θ; returns the new gradient's norm.
    /// Once the program has run long enough to pay for a compilation (<see cref="CompiledProgram.UnrollAfterRuns"/>), the
    /// step is fused into one compiled method, just before the program would unroll itself: so a run compiles once, not twice.
    /// </summary>
    public double DescendRunAndMeasure(double learningRate)
    {
        if (_program.HasFusedDescent)
        {
            return Math.Sqrt(_program.DescendAndRun(learningRate));
        }

        if (!_fusionTried && _program.InterpretedRuns >= CompiledProgram.UnrollAfterRuns - 1)
        {
            _fusionTried = true;
            if (_program.UnrollDescent(_inputs, _gradients))
            {
                return Math.Sqrt(_program.DescendAndRun(learningRate));
            }
        }

        DescendAlongGradient(learningRate);
        _program.Run();
        return GradientNorm();
    }

    /// <summary>θ -= η g in one pass per variable (plain gradient descent).</summary>
    public void DescendAlongGradient(double learningRate)
    {
        for (var k = 0; k < _inputs.Length; k++)
        {
            var x = _program.Data(_inputs[k]);
            ReadOnlySpan<double> g = _program.Data(_gradients[k]);
            if (x.Length < SmallSpan && g.Length == x.Length)
            {
                for (var i = 0; i < x.Length; i++)
                {
                    x[i] = Math.FusedMultiplyAdd(g[i], -learningRate, x[i]);
                }
            }
            else
            {
                TensorPrimitives.MultiplyAdd(g, -learningRate, x, x);
            }
        }
    }

    public void Save(double[] start)
    {
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            x.CopyTo(start.AsSpan(offset, x.Length));
            offset += x.Length;
        }
    }

    /// <summary>θ = start + α d.</summary>
    public void Restore(double[] start, double[] direction, double alpha)
    {
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            TensorPrimitives.MultiplyAdd(direction.AsSpan(offset, x.Length), alpha, start.AsSpan(offset, x.Length), x);
            offset += x.Length;
        }
    }

    /// <summary>θ += α d, in place.</summary>
    public void Move(double[] direction, double alpha)
    {
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            TensorPrimitives.MultiplyAdd(direction.AsSpan(offset, x.Length), alpha, x, x);
            offset += x.Length;
        }
    }

    /// <summary>Copies the gradient, as one flat vector over all variables, into <paramref name="into"/>.</summary>
    public void CopyGradient(double[] into)
    {
        var offset = 0;
        foreach (var slot in _gradients)
        {
            var g = _program.Data(slot);
            g.CopyTo(into.AsSpan(offset, g.Length));
            offset += g.Length;
        }
    }

    /// <summary>g·d, the slope of the loss along <paramref name="direction"/> at the current iterate.</summary>
    public double GradientDot(double[] direction)
    {
        var sum = 0.0;
        var offset = 0;
        foreach (var slot in _gradients)
        {
            var g = _program.Data(slot);
            sum += TensorPrimitives.Dot(g, direction.AsSpan(offset, g.Length));
            offset += g.Length;
        }

        return sum;
    }

    /// <summary>θ as a new array of two, when there are two unknowns (a path to draw); else null.</summary>
    public double[]? Position()
    {
        if (Dimension != 2)
        {
            return null;
        }

        var position = new double[2];
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            x.CopyTo(position.AsSpan(offset));
            offset += x.Length;
        }

        return position;
    }
}
