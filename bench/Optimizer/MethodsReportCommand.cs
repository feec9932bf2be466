using System.Diagnostics;
using System.Globalization;
using System.Text;
using CalcApi.Domain;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Optimization;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// <c>dotnet run -c Release --project bench -- methods-report [--runs N]</c>: the methods against each other on
/// least squares 1000×50 (the optimizer problem <c>leastsq-1000x50</c>), each run to the same tolerance through
/// <see cref="RunExecution.Execute"/> as <c>POST /api/optimize</c> runs it. Each first-order method gets its best
/// fixed parameters from the curvature the engine's own diagnostics report (L and μ of 2A'A): gd the step 2/(L + μ),
/// momentum Polyak's η = 4/(√L + √μ)² and β = ((√κ − 1)/(√κ + 1))², adam the best of four learning rates; lbfgs
/// its defaults. Prints iterations and median wall time, and writes the table to its section of <c>results/optimizer.md</c>.
/// </summary>
public static class MethodsReportCommand
{
    public const string Section = "methods-report";

    private const double Tolerance = 1e-6;
    private const int MaxIterations = 200_000;

    public static int Run(IReadOnlyList<string> args)
    {
        var runs = args is ["--runs", var n] ? int.Parse(n, CultureInfo.InvariantCulture) : args.Count == 0 ? 7 : throw new ArgumentException("methods-report takes only --runs N.");
        var problem = new LeastSquaresProblem(1000, 50, iterations: 200);
        var limits = EngineLimits.Default with { MaxRunSeconds = 120 };
        var probe = Execute(problem, new OptimizerSettings(), limits, 0).Diagnostics!;
        var (l, mu) = (probe.Lipschitz!.Value, probe.StrongConvexity!.Value);
        var kappa = l / mu;
        var beta = Math.Pow((Math.Sqrt(kappa) - 1) / (Math.Sqrt(kappa) + 1), 2);
        var adamRate = new[] { 0.003, 0.01, 0.03, 0.1 }
            .MinBy(rate => Execute(problem, new OptimizerSettings(OptimizerMethod.Adam, rate), limits, MaxIterations).Iterations);
        List<(string Name, string Parameters, OptimizerSettings Settings)> methods =
        [
            ("gd", $"η = 2/(L + μ) = {2 / (l + mu):G4}", new OptimizerSettings(OptimizerMethod.Gd, 2 / (l + mu))),
            ("momentum", $"η = {4 / Math.Pow(Math.Sqrt(l) + Math.Sqrt(mu), 2):G4}, β = {beta:G4}",
                new OptimizerSettings(OptimizerMethod.Momentum, 4 / Math.Pow(Math.Sqrt(l) + Math.Sqrt(mu), 2), beta)),
            ("adam", $"η = {adamRate} (best of 0.003, 0.01, 0.03, 0.1)", new OptimizerSettings(OptimizerMethod.Adam, adamRate)),
            ("lbfgs", "memory = 10", new OptimizerSettings(OptimizerMethod.Lbfgs)),
            ("newton", "exact Hessian (closed form 2A'A), Armijo-damped", new OptimizerSettings(OptimizerMethod.Newton)),
        ];

        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"### Methods on least squares 1000×50 (tolerance {Tolerance:G}, median of {runs} runs)")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"At w = 0 the engine's diagnostics give L = {l:G6}, μ = {mu:G6}, κ = {kappa:G4}. {OptimizerResults.Machine()}")
            .AppendLine()
            .AppendLine("| method | parameters | stop | iterations | descent (ms) | Execute (ms) | final loss |")
            .AppendLine("|---|---|---|---:|---:|---:|---:|");
        var ok = true;
        foreach (var (name, parameters, settings) in methods)
        {
            Execute(problem, settings, limits, MaxIterations); // warm-up
            var times = new List<double>();
            OptimizationResult? last = null;
            for (var r = 0; r < runs; r++)
            {
                last = Execute(problem, settings, limits, MaxIterations);
                times.Add(last.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            ok &= last!.StopReason == StopReason.Tolerance;
            if (settings.Method == OptimizerMethod.Newton)
            {
                // Newton's exact Hessian is compiled by PrepareOptimization alone; its loop is timed inside Execute only.
                markdown.AppendLine(CultureInfo.InvariantCulture,
                    $"| {name} | {parameters} | {last.StopReason} | {last.Iterations:N0} | — | {times[times.Count / 2]:F1} | {last.Loss:G10} |");
                Console.Error.WriteLine($"{name}: {last.Iterations} iterations, Execute {times[times.Count / 2]:F1} ms");
                continue;
            }

            var loop = Loop(problem, settings, runs);
            ok &= loop.Iterations == last.Iterations;
            markdown.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {parameters} | {last.StopReason} | {last.Iterations:N0} | {loop.Milliseconds:F2} | {times[times.Count / 2]:F1} | {last.Loss:G10} |");
            Console.Error.WriteLine($"{name}: {last.Iterations} iterations, descent {loop.Milliseconds:F2} ms, Execute {times[times.Count / 2]:F1} ms");
        }

        markdown.AppendLine().AppendLine("*descent*: `DescentRun` alone on the compiled program, from w = 0 to the tolerance (median). *Execute*: `PreparedRun.Execute` as the API runs it, " +
            "which adds the diagnostics (100 gradient evaluations and a 50×50 eigendecomposition, about 2 ms warm), the history and the final figures' precision check " +
            "(most of it here: the gradient's norm at a converged point is checked on precise values). Newton's loop cannot be timed apart from Execute here: " +
            "its exact Hessian is compiled by PrepareOptimization, outside the loop.");
        ok &= Rosenbrock(markdown, runs);
        Console.Write(markdown);
        OptimizerResults.WriteSection(Section, markdown.ToString());
        Console.Error.WriteLine($"Written to {OptimizerResults.Path}");
        return ok ? 0 : 1;
    }

    /// <summary>The median time of the descent loop alone, from the start each time, and its iteration count.</summary>
    private static (int Iterations, double Milliseconds) Loop(LeastSquaresProblem problem, OptimizerSettings settings, int runs)
    {
        var times = new List<double>();
        var iterations = 0;
        for (var r = 0; r <= runs; r++)
        {
            var engine = EngineDescent.Create(problem, settings);
            engine.Reset();
            var clock = Stopwatch.StartNew();
            iterations = engine.RunToTolerance(MaxIterations, Tolerance).Iterations;
            if (r > 0)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (iterations, times[times.Count / 2]);
    }

    private static OptimizationResult Execute(LeastSquaresProblem problem, OptimizerSettings settings, EngineLimits limits, int maxIterations)
    {
        var query = new OptimizationQuery(problem.Loss, null, problem.Constants, problem.Initial, settings, Math.Max(maxIterations, 1), Tolerance, 2);
        var prepared = Calculus.PrepareOptimization(query, limits).Value;
        return prepared.Execute(CancellationToken.None);
    }

    /// <summary>
    /// Every method on Rosenbrock's function from (−1.2, 1) to the same tolerance, through Execute: gd, momentum (β = 0.9)
    /// and adam each at the best of four fixed learning rates (fewest iterations, among runs that converge); lbfgs and newton
    /// with their defaults. Appends the table; false if lbfgs or newton miss the tolerance.
    /// </summary>
    private static bool Rosenbrock(StringBuilder markdown, int runs)
    {
        const string Loss = "(1 - x)^2 + 100*(y - x^2)^2";
        var limits = EngineLimits.Default with { MaxRunSeconds = 120 };
        OptimizationResult Run(OptimizerSettings settings) => Calculus.Optimize(
            new OptimizationQuery(Loss, null, null, new Dictionary<string, CalcApi.Domain.Evaluation.Value> { ["x"] = -1.2, ["y"] = 1.0 }, settings, MaxIterations, Tolerance, 2), limits).Value;
        OptimizerSettings Best(Func<double, OptimizerSettings> make, double[] rates) => rates
            .Select(make)
            .Select(settings => (Settings: settings, Result: Run(settings)))
            .OrderBy(r => r.Result.StopReason == StopReason.Tolerance ? 0 : 1).ThenBy(r => r.Result.Iterations)
            .First().Settings;

        List<(string Name, string Parameters, OptimizerSettings Settings)> methods =
        [
            ("gd", "η best of 0.0003, 0.001, 0.0015, 0.0019", Best(r => new OptimizerSettings(OptimizerMethod.Gd, r), [0.0003, 0.001, 0.0015, 0.0019])),
            ("momentum", "β = 0.9, η best of 0.00003, 0.0001, 0.00015, 0.00019", Best(r => new OptimizerSettings(OptimizerMethod.Momentum, r, 0.9), [0.00003, 0.0001, 0.00015, 0.00019])),
            ("adam", "η best of 0.003, 0.01, 0.03, 0.1", Best(r => new OptimizerSettings(OptimizerMethod.Adam, r), [0.003, 0.01, 0.03, 0.1])),
            ("lbfgs", "memory = 10, strong-Wolfe search", new OptimizerSettings(OptimizerMethod.Lbfgs)),
            ("newton", "exact Hessian (second partials), Armijo-damped", new OptimizerSettings(OptimizerMethod.Newton)),
        ];
        markdown.AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"### Methods on Rosenbrock from (−1.2, 1) (tolerance {Tolerance:G}, at most {MaxIterations:N0} iterations, median of {runs} runs)")
            .AppendLine()
            .AppendLine("| method | parameters | stop | iterations | Execute (ms) | distance to (1, 1) |")
            .AppendLine("|---|---|---|---:|---:|---:|");
        var ok = true;
        foreach (var (name, parameters, settings) in methods)
        {
            Run(settings); // warm-up
            var times = new List<double>();
            OptimizationResult? last = null;
            for (var r = 0; r < runs; r++)
            {
                last = Run(settings);
                times.Add(last.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            var distance = Math.Sqrt(Math.Pow(last!.Solution["x"].Scalar - 1, 2) + Math.Pow(last.Solution["y"].Scalar - 1, 2));
            var rate = settings.Method is OptimizerMethod.Lbfgs or OptimizerMethod.Newton ? parameters : $"{parameters}: η = {settings.LearningRate}";
            markdown.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {rate} | {last.StopReason} | {last.Iterations:N0} | {times[times.Count / 2]:F2} | {distance:G3} |");
            Console.Error.WriteLine($"rosenbrock {name}: {last.StopReason}, {last.Iterations} iterations, Execute {times[times.Count / 2]:F2} ms");
            ok &= settings.Method is not (OptimizerMethod.Lbfgs or OptimizerMethod.Newton) || last.StopReason == StopReason.Tolerance;
        }

        return ok;
    }
}
