using System.Diagnostics;
using System.Numerics.Tensors;
using CalcApi.Domain.Compilation;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// Runs a descent method on a compiled program whose output 0 is the loss and outputs 1..k are the
/// gradients of the k optimised variables. The parameters live in the program's own input memory and
/// are updated in place; all state (velocity, moments, line-search backups) is allocated once, so an
/// iteration allocates nothing.
/// </summary>
public sealed class DescentRun
{
    private const double ArmijoConstant = 1e-4;
    private const int MaxBacktracks = 40;

    private readonly CompiledProgram _program;
    private readonly Slot[] _inputs;
    private readonly Slot[] _gradients;
    private readonly OptimizerSettings _settings;
    private readonly int _dimension;
    private readonly double[] _velocity;
    private readonly double[] _secondMoment;
    private readonly double[] _direction;
    private readonly double[] _start;

    public DescentRun(CompiledProgram program, IReadOnlyList<string> names, OptimizerSettings settings)
    {
        _program = program;
        // Slots looked up once: the loop touches memory, never a dictionary.
        _inputs = [.. names.Select(n => program.Inputs[n])];
        _gradients = [.. Enumerable.Range(1, names.Count).Select(k => program.Outputs[k])];
        _settings = settings;
        _dimension = _inputs.Sum(slot => slot.Length);
        _velocity = new double[_dimension];
        _secondMoment = new double[_dimension];
        _direction = new double[_dimension];
        _start = new double[_dimension];
    }

    /// <summary>Whether the iterate is drawn as a path: two unknowns in all.</summary>
    public bool HasPath => _dimension == 2;

    public readonly record struct Outcome(int Iterations, double Loss, double GradientNorm, StopReason StopReason);

    /// <param name="wants">Whether an iteration is to be recorded (asked every iteration; must be cheap).</param>
    /// <param name="record">Called for every iteration that <paramref name="wants"/>, and for the last.</param>
    public Outcome Run(int maxIterations, double tolerance, TimeSpan timeLimit, CancellationToken cancellation, Func<int, bool> wants, Action<IterationRecord> record)
    {
        var clock = Stopwatch.StartNew();
        _program.Run();
        var initialLoss = _program.ScalarOutput(0);
        var divergence = Math.Max(1e10, 1e8 * Math.Abs(initialLoss));
        for (var iteration = 0; ; iteration++)
        {
            var loss = _program.ScalarOutput(0);
            var gradientNorm = GradientNorm();
            var stop =
                !double.IsFinite(loss) || !double.IsFinite(gradientNorm) || loss > divergence ? StopReason.Diverged
                : gradientNorm < tolerance ? StopReason.Tolerance
                : iteration >= maxIterations ? StopReason.MaxIterations
                : cancellation.IsCancellationRequested || ((iteration & 15) == 0 && clock.Elapsed > timeLimit) ? StopReason.TimeLimit
                : (StopReason?)null;
            if (stop is { } reason)
            {
                record(new IterationRecord(iteration, loss, gradientNorm, 0, Position()));
                return new Outcome(iteration, loss, gradientNorm, reason);
            }

            var wanted = wants(iteration);
            var position = wanted ? Position() : null;
            var step = Step(iteration + 1, loss, gradientNorm);
            if (wanted)
            {
                record(new IterationRecord(iteration, loss, gradientNorm, step, position));
            }
        }
    }

    private double GradientNorm()
    {
        var sum = 0.0;
        for (var k = 0; k < _gradients.Length; k++)
        {
            var g = _program.Data(_gradients[k]);
            sum += TensorPrimitives.Dot(g, g);
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Takes one step from the current iterate (whose loss and gradient the program holds) and evaluates the program at the new one; returns the step's length.</summary>
    private double Step(int t, double loss, double gradientNorm)
    {
        if (_settings is { Method: OptimizerMethod.Gd, LineSearch: LineSearch.None })
        {
            // Plain gradient descent: x -= η g in one pass per variable; the step is η‖g‖.
            for (var k = 0; k < _inputs.Length; k++)
            {
                var x = _program.Data(_inputs[k]);
                TensorPrimitives.MultiplyAdd(_program.Data(_gradients[k]), -_settings.LearningRate, x, x);
            }

            _program.Run();
            return _settings.LearningRate * gradientNorm;
        }

        // The direction, in one flat array over all variables.
        var offset = 0;
        for (var k = 0; k < _gradients.Length; k++)
        {
            var g = _program.Data(_gradients[k]);
            var d = _direction.AsSpan(offset, g.Length);
            var v = _velocity.AsSpan(offset, g.Length);
            var s = _secondMoment.AsSpan(offset, g.Length);
            var lr = _settings.LearningRate;
            switch (_settings.Method)
            {
                case OptimizerMethod.Gd:
                    TensorPrimitives.Multiply(g, -lr, d);
                    break;
                case OptimizerMethod.Momentum:
                    // v = μ v − η g; step = v
                    for (var i = 0; i < g.Length; i++)
                    {
                        v[i] = (_settings.Momentum * v[i]) - (lr * g[i]);
                        d[i] = v[i];
                    }

                    break;
                case OptimizerMethod.Nesterov:
                    // v' = μ v − η g; step = −μ v + (1 + μ) v'
                    for (var i = 0; i < g.Length; i++)
                    {
                        var next = (_settings.Momentum * v[i]) - (lr * g[i]);
                        d[i] = (-_settings.Momentum * v[i]) + ((1 + _settings.Momentum) * next);
                        v[i] = next;
                    }

                    break;
                case OptimizerMethod.Adam:
                    var c1 = 1 - Math.Pow(_settings.Beta1, t);
                    var c2 = 1 - Math.Pow(_settings.Beta2, t);
                    for (var i = 0; i < g.Length; i++)
                    {
                        v[i] = (_settings.Beta1 * v[i]) + ((1 - _settings.Beta1) * g[i]);
                        s[i] = (_settings.Beta2 * s[i]) + ((1 - _settings.Beta2) * g[i] * g[i]);
                        d[i] = -lr * (v[i] / c1) / (Math.Sqrt(s[i] / c2) + _settings.Epsilon);
                    }

                    break;
            }

            offset += g.Length;
        }

        var scale = 1.0;
        if (_settings.LineSearch == LineSearch.Armijo)
        {
            scale = Backtrack(loss, gradientNorm);
        }
        else
        {
            Move(1.0);
            _program.Run();
        }

        return scale * TensorPrimitives.Norm(_direction.AsSpan(0, _dimension));
    }

    /// <summary>Halves the step along the direction until f(θ + α d) ≤ f(θ) + c α g·d; the program ends evaluated at the accepted point.</summary>
    private double Backtrack(double loss, double gradientNorm)
    {
        var slope = 0.0;
        var offset = 0;
        for (var k = 0; k < _gradients.Length; k++)
        {
            var g = _program.Data(_gradients[k]);
            slope += TensorPrimitives.Dot(g, _direction.AsSpan(offset, g.Length));
            offset += g.Length;
        }

        if (slope >= 0)
        {
            // Not a descent direction (momentum can overshoot): search along −g instead.
            offset = 0;
            slope = 0;
            for (var k = 0; k < _gradients.Length; k++)
            {
                var g = _program.Data(_gradients[k]);
                TensorPrimitives.Multiply(g, -_settings.LearningRate, _direction.AsSpan(offset, g.Length));
                slope += TensorPrimitives.Dot(g, _direction.AsSpan(offset, g.Length));
                offset += g.Length;
            }
        }

        Save();
        var alpha = 1.0;
        for (var tries = 0; tries < MaxBacktracks; tries++, alpha *= 0.5)
        {
            Restore(alpha);
            _program.Run();
            var trial = _program.ScalarOutput(0);
            if (double.IsFinite(trial) && trial - loss <= ArmijoConstant * alpha * slope)
            {
                return alpha;
            }

            // Near a minimum, differences of the loss drown in rounding; the gradient's norm does not:
            // there, a step that changes the loss by no more than rounding and shrinks the gradient is taken.
            var rounding = 8 * Math.Max(Math.Abs(loss), double.Epsilon) * 1.1102230246251565E-16;
            if (double.IsFinite(trial) && Math.Abs(trial - loss) <= rounding && GradientNorm() < gradientNorm)
            {
                return alpha;
            }
        }

        return alpha;
    }

    private void Save()
    {
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            x.CopyTo(_start.AsSpan(offset, x.Length));
            offset += x.Length;
        }
    }

    /// <summary>θ = start + α d.</summary>
    private void Restore(double alpha)
    {
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            TensorPrimitives.MultiplyAdd(_direction.AsSpan(offset, x.Length), alpha, _start.AsSpan(offset, x.Length), x);
            offset += x.Length;
        }
    }

    /// <summary>θ += α d, in place.</summary>
    private void Move(double alpha)
    {
        var offset = 0;
        foreach (var slot in _inputs)
        {
            var x = _program.Data(slot);
            TensorPrimitives.MultiplyAdd(_direction.AsSpan(offset, x.Length), alpha, x, x);
            offset += x.Length;
        }
    }

    private double[]? Position()
    {
        if (!HasPath)
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
