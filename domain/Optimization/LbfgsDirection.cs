using System.Numerics.Tensors;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// The L-BFGS direction −H g by the two-loop recursion over the last <c>memory</c> pairs
/// (s = θ' − θ, y = g' − g), with H₀ = (s·y / y·y) I from the newest pair. Pairs whose curvature
/// s·y is not clearly positive are skipped, so H stays positive definite and −H g a descent direction.
/// Everything is allocated once: memory × n doubles for the pairs, a few n-vectors besides.
/// Symmetric variables stay symmetric: g is sym(G), so every s, y and direction is a sum of symmetric matrices.
/// </summary>
internal sealed class LbfgsDirection
{
    private readonly double[][] _s;
    private readonly double[][] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private readonly double[] _previousPosition;
    private readonly double[] _previousGradient;
    private readonly double[] _gradient;
    private int _count;
    private int _newest = -1;

    public LbfgsDirection(int memory, int dimension)
    {
        _s = [.. Enumerable.Range(0, memory).Select(_ => new double[dimension])];
        _y = [.. Enumerable.Range(0, memory).Select(_ => new double[dimension])];
        _rho = new double[memory];
        _alpha = new double[memory];
        _previousPosition = new double[dimension];
        _previousGradient = new double[dimension];
        _gradient = new double[dimension];
    }

    /// <summary>Writes −H g at the current iterate into <paramref name="direction"/> and remembers the iterate and its gradient for <see cref="Update"/>.</summary>
    public void Write(OptimisedVariables variables, double[] direction, double gradientNorm)
    {
        var n = variables.Dimension;
        variables.Save(_previousPosition);
        variables.CopyGradient(_previousGradient);
        var q = direction.AsSpan(0, n);
        _previousGradient.AsSpan(0, n).CopyTo(q);
        var memory = _s.Length;
        for (var k = 0; k < _count; k++)
        {
            var i = ((_newest - k) % memory + memory) % memory;
            _alpha[i] = _rho[i] * TensorPrimitives.Dot(_s[i], q);
            TensorPrimitives.MultiplyAdd(_y[i], -_alpha[i], q, q);
        }

        // Without a pair yet, the first trial step has length at most one: a scale-free start.
        var gamma = _count > 0
            ? 1 / (_rho[_newest] * TensorPrimitives.Dot(_y[_newest], _y[_newest]))
            : Math.Min(1, 1 / gradientNorm);
        TensorPrimitives.Multiply(q, gamma, q);
        for (var k = _count - 1; k >= 0; k--)
        {
            var i = ((_newest - k) % memory + memory) % memory;
            var beta = _rho[i] * TensorPrimitives.Dot(_y[i], q);
            TensorPrimitives.MultiplyAdd(_s[i], _alpha[i] - beta, q, q);
        }

        TensorPrimitives.Negate(q, q);
    }

    /// <summary>After the step: stores the pair (s, y) when its curvature is positive, dropping the oldest.</summary>
    public void Update(OptimisedVariables variables)
    {
        var memory = _s.Length;
        var next = (_newest + 1) % memory;
        var s = _s[next];
        var y = _y[next];
        variables.Save(s);
        variables.CopyGradient(_gradient);
        TensorPrimitives.Subtract(s, _previousPosition, s);
        TensorPrimitives.Subtract(_gradient, _previousGradient, y);
        var sy = TensorPrimitives.Dot(s, y);
        if (!(sy > 1e-12 * TensorPrimitives.Norm(s) * TensorPrimitives.Norm(y)) || !double.IsFinite(sy))
        {
            return;
        }

        _rho[next] = 1 / sy;
        _newest = next;
        _count = Math.Min(_count + 1, memory);
    }

    /// <summary>Forgets every pair (after a step that failed): the next direction is the scaled steepest descent.</summary>
    public void Reset()
    {
        _count = 0;
        _newest = -1;
    }
}
