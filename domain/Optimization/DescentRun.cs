using System.Diagnostics;
using System.Numerics.Tensors;
using CalcApi.Domain.Compilation;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// Runs a descent method on a compiled program whose output 0 is the loss and outputs 1..k are the
/// gradients of the k optimised variables. The parameters live in the program's own input memory and
/// are updated in place; all state (velocity, moments, line-search backups) is allocated once, so an
/// iteration allocates nothing. This class is the loop and its stop rules; the direction of each method
/// is <see cref="DescentDirection"/>'s, the line search <see cref="ArmijoSearch"/>'s.
/// </summary>
public sealed class DescentRun
{
    private readonly CompiledProgram _program;
    private readonly OptimisedVariables _variables;
    private readonly OptimizerSettings _settings;
    private readonly DescentDirection _directions;
    private readonly ArmijoSearch _lineSearch;
    private readonly LbfgsDirection? _lbfgs;
    private readonly WolfeSearch? _wolfe;
    private readonly NewtonDirection? _newton;
    private readonly double[] _direction;
    private readonly double[] _previous;
    private readonly Func<bool>? _outsideDomain;

    /// <summary>The new gradient's norm where the last step measured it (fixed-step gd does, in the same pass as its update).</summary>
    private double _stepNorm;
    private bool _knownNorm;

    /// <summary>The clock is read every (mask + 1) iterations: every 16 for the cheap methods, every one for Newton, whose iteration can take long.</summary>
    private readonly int _clockMask;

    /// <summary>The gradient's norm at the last two iterations that were powers of two (0, 1, 2, 4, …): the start of the window the observed rate is measured over.</summary>
    private (int Iteration, double Norm) _checkpoint;
    private (int Iteration, double Norm) _latestCheckpoint;

    /// <param name="outsideDomain">
    /// Asked once, when the loss stops being finite: whether the program's current point lies outside the loss's
    /// domain (then the run stops with <see cref="StopReason.OutsideDomain"/> at the last iterate where it was
    /// defined) rather than having diverged. Without it every such stop is <see cref="StopReason.Diverged"/>.
    /// </param>
    public DescentRun(CompiledProgram program, IReadOnlyList<string> names, OptimizerSettings settings, Func<bool>? outsideDomain = null)
        : this(program, names, settings, outsideDomain, null)
    {
    }

    /// <param name="hessian">For Newton: the exact Hessian as a program of its own; without it, Newton differences the exact gradient.</param>
    internal DescentRun(CompiledProgram program, IReadOnlyList<string> names, OptimizerSettings settings, Func<bool>? outsideDomain, ExactHessian? hessian)
    {
        _program = program;
        _variables = new OptimisedVariables(program, names);
        _settings = settings;
        _directions = new DescentDirection(settings, _variables.Dimension);
        _lineSearch = new ArmijoSearch(program, _variables, settings.LearningRate);
        if (settings.Method == OptimizerMethod.Lbfgs)
        {
            _lbfgs = new LbfgsDirection(settings.Memory, _variables.Dimension);
            _wolfe = new WolfeSearch(program, _variables);
        }

        if (settings.Method == OptimizerMethod.Newton)
        {
            _newton = new NewtonDirection(program, _variables, hessian);
        }

        _clockMask = settings.Method == OptimizerMethod.Newton ? 0 : 15;

        _direction = new double[_variables.Dimension];
        _previous = new double[_variables.Dimension];
        _outsideDomain = outsideDomain;
    }

    /// <summary>Whether the iterate is drawn as a path: two unknowns in all.</summary>
    public bool HasPath => _variables.Dimension == 2;

    /// <param name="ObservedRate">
    /// The factor by which the gradient's norm shrank per iteration over the last half or more of the run
    /// (from the last power of two at most half the iterations); null where the run took no step or a norm was not finite or zero.
    /// </param>
    public readonly record struct Outcome(int Iterations, double Loss, double GradientNorm, StopReason StopReason, double? ObservedRate = null);

    /// <summary>What the method did that the figures alone do not say (Newton's fallbacks and damping), in sentences; empty for the first-order methods.</summary>
    public IReadOnlyList<string> Notes => _newton is null ? [] : [.. _newton.Notes()];

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
            var gradientNorm = _knownNorm ? _stepNorm : _variables.GradientNorm();
            _knownNorm = false;
            if (iteration > 0 && !double.IsFinite(loss) && _outsideDomain is not null && _outsideDomain())
            {
                // The last step left the loss's domain: the answer is the iterate before it, where the loss was defined.
                _variables.Restore(_previous, _direction, 0);
                _program.Run();
                var last = iteration - 1;
                record(new IterationRecord(last, _program.ScalarOutput(0), _variables.GradientNorm(), 0, _variables.Position()));
                return new Outcome(last, _program.ScalarOutput(0), _variables.GradientNorm(), StopReason.OutsideDomain, RateTo(last, _variables.GradientNorm()));
            }

            var stop =
                !double.IsFinite(loss) || !double.IsFinite(gradientNorm) || loss > divergence ? StopReason.Diverged
                : gradientNorm < tolerance ? StopReason.Tolerance
                : iteration >= maxIterations ? StopReason.MaxIterations
                : cancellation.IsCancellationRequested || ((iteration & _clockMask) == 0 && clock.Elapsed > timeLimit) ? StopReason.TimeLimit
                : (StopReason?)null;
            if (stop is { } reason)
            {
                record(new IterationRecord(iteration, loss, gradientNorm, 0, _variables.Position()));
                return new Outcome(iteration, loss, gradientNorm, reason, RateTo(iteration, gradientNorm));
            }

            if ((iteration & (iteration - 1)) == 0)
            {
                (_checkpoint, _latestCheckpoint) = (_latestCheckpoint, (iteration, gradientNorm));
            }

            var wanted = wants(iteration);
            var position = wanted ? _variables.Position() : null;
            if (_outsideDomain is not null)
            {
                _variables.Save(_previous);
            }

            var step = Step(iteration + 1, loss, gradientNorm, cancellation);
            if (wanted)
            {
                record(new IterationRecord(iteration, loss, gradientNorm, step, position));
            }
        }
    }

    /// <summary>Takes one step from the current iterate (whose loss and gradient the program holds) and evaluates the program at the new one; returns the step's length.</summary>
    private double Step(int t, double loss, double gradientNorm, CancellationToken cancellation)
    {
        if (_settings is { Method: OptimizerMethod.Gd, LineSearch: LineSearch.None })
        {
            // Plain gradient descent: x -= η g in one pass per variable, the program run, and the new gradient's norm
            // measured in the same pass (one compiled method once the program is unrolled); the step is η‖g‖.
            _stepNorm = _variables.DescendRunAndMeasure(_settings.LearningRate);
            _knownNorm = true;
            return _settings.LearningRate * gradientNorm;
        }

        if (_lbfgs is not null && _wolfe is not null)
        {
            return LbfgsStep(gradientNorm, loss);
        }

        if (_newton is not null)
        {
            // Damped Newton: the direction from the Hessian, its length from the Armijo search starting at the full step.
            _newton.Write(_direction, t - 1, cancellation);
            var alpha = _lineSearch.Backtrack(_direction, loss, gradientNorm);
            _newton.Took(alpha);
            return alpha * TensorPrimitives.Norm(_direction.AsSpan(0, _variables.Dimension));
        }

        _directions.Write(_variables, _direction, t);
        var scale = 1.0;
        if (_settings.LineSearch == LineSearch.Armijo)
        {
            scale = _lineSearch.Backtrack(_direction, loss, gradientNorm);
        }
        else
        {
            _variables.Move(_direction, 1.0);
            _program.Run();
        }

        return scale * TensorPrimitives.Norm(_direction.AsSpan(0, _variables.Dimension));
    }

    /// <summary>The observed rate (see <see cref="Outcome"/>) from the latest checkpoint at most half of <paramref name="iteration"/> to it.</summary>
    private double? RateTo(int iteration, double norm)
    {
        var (from, start) = _latestCheckpoint.Iteration * 2 <= iteration ? _latestCheckpoint : _checkpoint;
        if (iteration == 0 || from >= iteration || !(start > 0) || !(norm > 0) || !double.IsFinite(start) || !double.IsFinite(norm))
        {
            return null;
        }

        return Math.Pow(norm / start, 1.0 / (iteration - from));
    }

    /// <summary>One L-BFGS step: the two-loop direction, a strong-Wolfe search along it, then the new pair remembered.</summary>
    private double LbfgsStep(double gradientNorm, double loss)
    {
        _lbfgs!.Write(_variables, _direction, gradientNorm);
        var slope = _variables.GradientDot(_direction);
        if (!(slope < 0))
        {
            // Rounding can spoil a remembered curvature: start again from the scaled steepest descent.
            _lbfgs.Reset();
            _lbfgs.Write(_variables, _direction, gradientNorm);
            slope = _variables.GradientDot(_direction);
        }

        var alpha = _wolfe!.Search(_direction, loss, slope);
        if (alpha == 0)
        {
            _lbfgs.Reset();
            return 0;
        }

        _lbfgs.Update(_variables);
        return alpha * TensorPrimitives.Norm(_direction.AsSpan(0, _variables.Dimension));
    }
}
