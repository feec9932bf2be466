using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// The engine's side of a problem, at two depths:
/// <list type="bullet">
/// <item><see cref="Prepare"/>: <c>Calculus.PrepareOptimization</c>, exactly what <c>POST /api/optimize</c>
/// runs, giving a <see cref="PreparedRun"/> whose <c>Execute</c> is the whole run as the API does it.</item>
/// <item>An instance: the same steps through the engine's public types (read, <see cref="MatrixGradient"/>,
/// <see cref="CompiledProgram"/>, <see cref="DescentRun"/>), kept so that the steady-state loop can be
/// rewound to the start and timed alone, without the run's one-off costs (history, read-out, rendering).</item>
/// </list>
/// </summary>
public sealed class EngineDescent : IDescent
{
    private static readonly Func<int, bool> RecordNothing = static _ => false;
    private static readonly Action<IterationRecord> Ignore = static _ => { };
    private static readonly TimeSpan NoTimeLimit = TimeSpan.FromHours(1);

    private readonly OptimizerProblem _problem;
    private readonly DescentRun _run;

    private EngineDescent(OptimizerProblem problem, CompiledProgram program, DescentRun run)
    {
        _problem = problem;
        Program = program;
        _run = run;
    }

    public CompiledProgram Program { get; }

    public ReadOnlySpan<double> Parameters => Program.Input(_problem.Variable);

    /// <param name="interpreted">Keep the program's interpreter for the whole run (no straight-line code): the engine as it was before small programs were compiled.</param>
    public static EngineDescent Create(OptimizerProblem problem, OptimizerSettings? settings = null, bool interpreted = false)
    {
        var values = Values(problem);
        var declarations = values.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value), StringComparer.Ordinal);
        var read = Calculus.Read(problem.Loss, EngineLimits.Default, declarations);
        if (!read.IsSuccess)
        {
            throw new InvalidOperationException($"{problem.Id}: the engine cannot read {problem.Loss}: {read.Error.Detail}");
        }

        var loss = read.Value.Expression;
        var gradient = MatrixGradient.Of(loss, problem.Variable);
        // As Calculus.PrepareOptimization compiles it: the optimised variable is the only input that varies.
        var program = CompiledProgram.Compile([loss, gradient], values, new HashSet<string>([problem.Variable], StringComparer.Ordinal));
        program.KeepInterpreter = interpreted;
        var run = new DescentRun(program, [problem.Variable], settings ?? Settings(problem));
        return new EngineDescent(problem, program, run);
    }

    /// <summary>Parse, derive, compile: <c>Calculus.PrepareOptimization</c> for a run of <paramref name="iterations"/> with tolerance 0.</summary>
    public static PreparedRun Prepare(OptimizerProblem problem, int iterations)
    {
        var query = new OptimizationQuery(problem.Loss, null, problem.Constants, problem.Initial, Settings(problem),
            MaxIterations: iterations, Tolerance: 0, TimeLimit: NoTimeLimit);
        var prepared = Calculus.PrepareOptimization(query, EngineLimits.Default);
        return prepared.IsSuccess ? prepared.Value : throw new InvalidOperationException($"{problem.Id}: {prepared.Error.Detail}");
    }

    /// <summary>Runs a prepared run and checks that it took all its iterations.</summary>
    public static OptimizationResult Execute(PreparedRun prepared, OptimizerProblem problem)
    {
        var result = prepared.Execute(CancellationToken.None);
        return result.StopReason == StopReason.MaxIterations
            ? result
            : throw new InvalidOperationException($"{problem.Id}: PreparedRun.Execute stopped after {result.Iterations} iterations ({result.StopReason}).");
    }

    public void Reset() => _problem.Start.CopyTo(Program.Input(_problem.Variable));

    public double Run(int iterations)
    {
        var outcome = _run.Run(iterations, 0, NoTimeLimit, CancellationToken.None, RecordNothing, Ignore);
        return outcome.StopReason == StopReason.MaxIterations
            ? outcome.Loss
            : throw new InvalidOperationException($"{_problem.Id}: the descent stopped after {outcome.Iterations} iterations ({outcome.StopReason}).");
    }

    /// <summary>One evaluation of the compiled program (loss and gradient) at the current point, without a step.</summary>
    public void Evaluate() => Program.Run();

    /// <summary>The descent alone from where the program's input is, until the tolerance or the budget stops it (for methods-report).</summary>
    public DescentRun.Outcome RunToTolerance(int maxIterations, double tolerance) =>
        _run.Run(maxIterations, tolerance, NoTimeLimit, CancellationToken.None, RecordNothing, Ignore);

    private static OptimizerSettings Settings(OptimizerProblem problem) => new(OptimizerMethod.Gd, problem.LearningRate);

    private static Dictionary<string, Value> Values(OptimizerProblem problem)
    {
        var values = new Dictionary<string, Value>(problem.Constants, StringComparer.Ordinal);
        foreach (var (name, value) in problem.Initial)
        {
            values[name] = value;
        }

        return values;
    }
}
