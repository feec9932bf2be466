using CalcApi.Domain.Compilation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Optimization;

/// <summary>How a run ended, in numbers: the descent's last state, the point reached and the sampled history.</summary>
internal sealed record FinishedRun(DescentRun.Outcome Descent, IReadOnlyDictionary<string, Value> Solution, IReadOnlyList<IterationRecord> History, RunDiagnostics Diagnostics);

/// <summary>
/// A run ready to go: the loss and its gradients derived and compiled. <see cref="Run"/> can no
/// longer fail with a user error: whatever happens, the run ends with a <see cref="StopReason"/>.
/// The loss and gradients are kept as expressions; the front door prints them.
/// </summary>
public sealed class PreparedRun
{
    /// <summary>How many points a history keeps when the request does not say.</summary>
    private const int DefaultHistoryPoints = 200;

    private readonly OptimizationQuery _query;
    private readonly EngineLimits _limits;
    private readonly Expr _loss;
    private readonly List<string> _optimised;
    private readonly Dictionary<string, Expr> _gradients;
    private readonly CompiledProgram _program;
    private readonly Dictionary<string, Value> _values;

    internal PreparedRun(OptimizationQuery query, EngineLimits limits, Expr loss, List<string> optimised,
        Dictionary<string, Expr> gradients, CompiledProgram program, Dictionary<string, Value> values)
    {
        _query = query;
        _limits = limits;
        _loss = loss;
        _optimised = optimised;
        _gradients = gradients;
        _program = program;
        _values = values;
    }

    /// <summary>The number of scalar unknowns (entries of all optimised variables).</summary>
    public int Unknowns => _optimised.Sum(n => _program.Inputs[n].Length);

    /// <summary>The loss, as read and bound.</summary>
    internal Expr Loss => _loss;

    /// <summary>How the loss as written spells the natural log (ln or log), for printing it and its gradients alike.</summary>
    internal string NaturalLogSpelling { get; init; } = "ln";

    /// <summary>Whether a point (every value of the loss) lies outside the loss's domain as written; asked once, when a run's loss stops being finite.</summary>
    internal Func<IReadOnlyDictionary<string, Value>, bool>? OutsideDomain { get; init; }

    /// <summary>The gradient of the loss with respect to each optimised variable.</summary>
    internal IReadOnlyDictionary<string, Expr> Gradients => _gradients;

    /// <summary>For a Newton run: the loss's exact Hessian, compiled, where the engine could write it down.</summary>
    internal ExactHessian? Hessian { get; init; }

    /// <summary>The limits the run was prepared under.</summary>
    internal EngineLimits Limits => _limits;

    /// <summary>Every value of the loss at the point a run reached: the constants, and <paramref name="solution"/> for the names in `initial`.</summary>
    internal IReadOnlyDictionary<string, Value> PointOf(IReadOnlyDictionary<string, Value> solution)
    {
        var point = new Dictionary<string, Value>(_values, StringComparer.Ordinal);
        foreach (var (name, value) in solution)
        {
            point[name] = value;
        }

        return point;
    }

    /// <summary>The names of the two coordinates of a path: x and y, or x[1] and x[2] for one 2-vector.</summary>
    public IReadOnlyList<string>? PathAxes => Unknowns != 2 ? null
        : _optimised.Count == 2 ? _optimised
        : [$"{_optimised[0]}[1]", $"{_optimised[0]}[2]"];

    /// <param name="onRecord">Sees each recorded iteration as it happens (for streaming); called on the running thread.</param>
    internal FinishedRun Run(CancellationToken cancellation, Action<IterationRecord>? onRecord = null)
    {
        // Measured before the first step, while the program's inputs are the initial point.
        var quadratic = QuadraticLoss.Is(_loss, _optimised);
        var diagnostics = CurvatureProbe.Measure(_program, new OptimisedVariables(_program, _optimised), _query.Optimizer, _limits.MaxMatrixEntries, quadratic, cancellation);
        var run = new DescentRun(_program, _optimised, _query.Optimizer, OutsideDomain is null ? null : () => IsOutsideDomainHere(cancellation), Hessian);
        var history = new HistorySampler(_query.HistoryPoints ?? Math.Min(DefaultHistoryPoints, _limits.MaxHistoryPoints)); // a requested count is checked against the limit before the run
        var serverLimit = TimeSpan.FromSeconds(_limits.MaxRunSeconds);
        var timeLimit = _query.TimeLimit is { } asked && asked < serverLimit ? asked : serverLimit;
        var outcome = run.Run(_query.MaxIterations, _query.Tolerance, timeLimit, cancellation, history.Wants, record =>
        {
            history.Add(record);
            onRecord?.Invoke(record);
        });

        var solution = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var name in _query.Initial.Keys)
        {
            solution[name] = _optimised.Contains(name) ? Read(name) : _values[name];
        }

        return new FinishedRun(outcome, solution, history.Points, WithRun(diagnostics, outcome, run.Notes));
    }

    /// <summary>The diagnostics at the initial point, followed by what the run showed: the observed rate next to a predicted one, and the method's own notes.</summary>
    private static RunDiagnostics WithRun(RunDiagnostics diagnostics, DescentRun.Outcome outcome, IReadOnlyList<string> methodNotes)
    {
        List<string> notes = [.. diagnostics.Notes, .. methodNotes];
        double? observed = null;
        if (diagnostics.PredictedRate is { } predicted && outcome.ObservedRate is { } rate)
        {
            observed = double.Parse(rate.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
            notes.Add($"Observed: the gradient's norm changed by a factor of {CurvatureProbe.Format(rate)} per iteration over the second half of the run (predicted {CurvatureProbe.Format(predicted)}).");
        }

        return diagnostics with { Notes = notes, ObservedRate = observed };
    }

    /// <summary>Whether the program's current point is outside the loss's domain, decided on the loss as written within the work budget; a check that cannot finish says no (the run then counts as diverged).</summary>
    private bool IsOutsideDomainHere(CancellationToken cancellation)
    {
        // An iterate that overflowed has diverged: the domain is a question about finite points only.
        foreach (var name in _optimised)
        {
            foreach (var x in _program.Input(name))
            {
                if (!double.IsFinite(x))
                {
                    return false;
                }
            }
        }

        var here = _optimised.ToDictionary(n => n, Read, StringComparer.Ordinal);
        try
        {
            using (WorkBudget.Enter(_limits, cancellation))
            {
                return OutsideDomain!(PointOf(here));
            }
        }
        catch (Errors.CalcException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            // Values beyond what the precise evaluator takes: not a question of the domain.
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The loss over a grid of the two unknowns, every other value as in the initial point.</summary>
    internal Landscape Landscape((double Min, double Max) xRange, (double Min, double Max) yRange, int resolution, CancellationToken cancellation)
    {
        var xs = Grid(xRange, resolution);
        var ys = Grid(yRange, resolution);
        var values = new double?[resolution][];
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var j = 0; j < resolution; j++)
        {
            values[j] = new double?[resolution];
            for (var i = 0; i < resolution; i++)
            {
                // Checked at every point: with large matrices one row of the grid can take long.
                cancellation.ThrowIfCancellationRequested();
                Set(xs[i], ys[j]);
                _program.Run();
                var loss = _program.ScalarOutput(0);
                if (double.IsFinite(loss))
                {
                    values[j][i] = loss;
                    min = Math.Min(min, loss);
                    max = Math.Max(max, loss);
                }
            }
        }

        return new Landscape(PathAxes!, xs, ys, values, double.IsFinite(min) ? min : null, double.IsFinite(max) ? max : null);
    }

    private static double[] Grid((double Min, double Max) range, int n) =>
        [.. Enumerable.Range(0, n).Select(k => range.Min + ((range.Max - range.Min) * k / (n - 1)))];

    private void Set(double x, double y)
    {
        if (_optimised.Count == 2)
        {
            _program.Input(_optimised[0])[0] = x;
            _program.Input(_optimised[1])[0] = y;
        }
        else
        {
            var v = _program.Input(_optimised[0]);
            v[0] = x;
            v[1] = y;
        }
    }

    private Value Read(string name)
    {
        var data = _program.Input(name).ToArray();
        var like = _values[name];
        if (like.IsScalar)
        {
            return Value.Of(data[0]).As(like.Form);
        }

        var m = like.Matrix!;
        return Value.Of(Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (r, c) => data[(r * m.ColumnCount) + c]), like.IsVector).As(like.Form);
    }
}
