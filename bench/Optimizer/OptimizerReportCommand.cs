namespace CalcApi.Bench.Optimizer;

/// <summary>
/// <c>dotnet run -c Release --project bench -- optimizer-report [--problem ID[,ID]] [--runs N]</c>: checks
/// that the engine and the hand-written loop compute the same descent, times both with a Stopwatch,
/// prints the report, and for a run of every problem also writes it to <c>bench/results/optimizer.md</c>.
/// Exits with 1 when a check fails.
/// </summary>
public static class OptimizerReportCommand
{
    public const string Section = "optimizer-report";

    public static int Run(IReadOnlyList<string> args)
    {
        var options = OptimizerOptions.Parse(args);
        if (options.Remaining.Count > 0)
        {
            throw new ArgumentException($"optimizer-report does not take {string.Join(" ", options.Remaining)}.");
        }

        var sides = options.Problems.Select(p => (Problem: p, Hand: p.HandWritten(), Engine: EngineDescent.Create(p))).ToList();
        Console.Error.WriteLine("Checking both sides and warming up the JIT…");
        var checks = sides.Select(s => OptimizerCheck.Run(s.Problem, s.Hand, s.Engine)).ToList();
        OptimizerWarmUp.Run(sides);

        var results = new List<(OptimizerTiming, OptimizerCheck)>();
        for (var k = 0; k < sides.Count; k++)
        {
            var (problem, hand, engine) = sides[k];
            Console.Error.WriteLine($"[{k + 1}/{sides.Count}] {problem.Id}: {options.Runs} runs of {problem.Iterations:N0} iterations per side");
            results.Add((OptimizerTimer.Measure(problem, hand, engine, options.Runs), checks[k]));
        }

        var markdown = OptimizerReportWriter.Write(results, options.Runs);
        Console.Write(markdown);
        if (options.AllProblems)
        {
            OptimizerResults.WriteSection(Section, markdown);
            Console.Error.WriteLine($"Written to {OptimizerResults.Path}");
        }
        else
        {
            Console.Error.WriteLine($"A selection of problems: {OptimizerResults.ResultsFile} is written only for all of them.");
        }

        return checks.All(c => c.Passed) ? 0 : 1;
    }
}
