using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using CalcApi.Bench.Benchmarks;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// <c>dotnet run -c Release --project bench -- optimizer [--problem ID[,ID]] [BenchmarkDotNet options]</c>:
/// <see cref="OptimizerBenchmarks"/> with the short job; a complete run (every problem, every benchmark)
/// also writes its table to <c>bench/results/optimizer.md</c>.
/// </summary>
public static class OptimizerBenchmarkCommand
{
    public const string Section = "optimizer-benchmarkdotnet";

    /// <summary>Hand-written loop, engine, Execute.</summary>
    private const int BenchmarksPerProblem = 3;

    public static int Run(IReadOnlyList<string> args)
    {
        var options = OptimizerOptions.Parse(args);
        OptimizerSelection.Problems = options.Problems;

        // In process, the benchmarks share this process's JIT: warm every side up first (see OptimizerWarmUp).
        Console.Error.WriteLine("Warming up the JIT…");
        OptimizerWarmUp.Run([.. options.Problems.Select(p => (p, p.HandWritten(), EngineDescent.Create(p)))]);

        var artifacts = Path.Combine(BenchDirectory.Locate(), "BenchmarkDotNet.Artifacts");
        var config = ManualConfig.Create(ShortRunConfig.Create(artifacts, Job)).AddColumn(new IterationsPerSecondColumn());
        var summary = BenchmarkRunner.Run<OptimizerBenchmarks>(config, [.. options.Remaining]);
        var failed = summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success);
        if (!failed && options.AllProblems && summary.Reports.Length == options.Problems.Count * BenchmarksPerProblem)
        {
            var table = new AccumulationLogger();
            MarkdownExporter.Console.ExportToLog(summary, table);
            OptimizerResults.WriteSection(Section, $"""
                ## BenchmarkDotNet (`optimizer`)

                {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. One operation is a whole run of the problem's iterations ({Iterations(options.Problems)}); `Hand` is the hand-written loop, `Engine` the compiled program driven by `DescentRun`, `Execute` `PreparedRun.Execute`; Ratio is over `Hand` for the same problem. Every iteration is a single operation (Execute prepares before each one, outside the timed region).

                {table.GetLog().Trim()}
                """);
            Console.Error.WriteLine($"Written to {OptimizerResults.Path}");
        }

        return failed ? 1 : 0;
    }

    /// <summary>
    /// One operation per iteration for every benchmark: an operation is a whole run (milliseconds), and
    /// Execute needs a fresh prepared run for each one, which only an iteration setup can give it; the
    /// hand-written loop and the engine get the same job so that BenchmarkDotNet computes their ratios
    /// (it compares only benchmarks of one job). Fifteen such iterations after two of warm-up.
    /// </summary>
    private static Job Job(Job job) => job
        .WithInvocationCount(1)
        .WithUnrollFactor(1)
        .WithWarmupCount(2)
        .WithIterationCount(15);

    private static string Iterations(IEnumerable<OptimizerProblem> problems) =>
        string.Join("; ", problems.Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{p.Id}: {p.Iterations:N0}")));
}
