using System.Globalization;
using System.Text;
using CalcApi.Bench.Report;

namespace CalcApi.Bench.Optimizer;

/// <summary>The optimizer report in Markdown: speed, where the engine's time goes, allocation, and the check that both sides agree.</summary>
public static class OptimizerReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Write(IReadOnlyList<(OptimizerTiming Timing, OptimizerCheck Check)> results, int runs)
    {
        var sb = new StringBuilder();
        sb.AppendLine("## Stopwatch report (`optimizer-report`)");
        sb.AppendLine();
        sb.AppendLine(string.Create(Invariant, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {OptimizerResults.Machine()}."));
        sb.AppendLine(string.Create(Invariant,
            $"Each figure is the median of {runs} runs of the given number of gd iterations from the same start, the sides taking turns. ×hand is the side's time over the hand-written loop's (the median of each run's ratio to the hand-written run before it): 1 is parity, 2 means half as many iterations per second."));
        sb.AppendLine();

        sb.AppendLine("### Iterations per second");
        sb.AppendLine();
        var speed = new MarkdownTable("problem", "loss", "unknowns:", "iterations:", "hand:", "interpreted:", "interpreted ×hand:", "engine:", "engine ×hand:", "Execute:", "Execute ×hand:");
        foreach (var (t, _) in results)
        {
            speed.Add(t.Problem.Id, $"`{t.Problem.Loss}`", Format.Count(t.Problem.Unknowns), Format.Count(t.Iterations),
                Rate(t.Iterations / t.Hand), Rate(t.Iterations / t.Interpreted), Format.Ratio(t.InterpretedRatio), Rate(t.Iterations / t.Engine), Format.Ratio(t.EngineRatio),
                Rate(t.Iterations / t.Execute), Format.Ratio(t.ExecuteRatio));
        }

        sb.Append(speed);
        sb.AppendLine();
        sb.AppendLine("*engine*: the compiled program and `DescentRun`, rewound to the start before each run; a small program's fixed-step gd is compiled into straight-line code after 20,000 steps. *interpreted*: the same with the program kept interpreted (`CompiledProgram.KeepInterpreter`), the engine before that compilation, measured in the same rounds: before and after in one run. *Execute*: `PreparedRun.Execute`, the run as `POST /api/optimize` does it (a fresh prepared run each time, prepared outside the timed region), which adds the history, the read-out of the solution and the rendered gradient once per run.");
        sb.AppendLine();

        sb.AppendLine("### Per iteration, and once per run");
        sb.AppendLine();
        var split = new MarkdownTable("problem", "hand:", "engine:", "program:", "descent:", "instructions:", "Execute, 1 iteration:", "prepare:");
        foreach (var (t, _) in results)
        {
            var descent = t.Engine - t.Program;
            split.Add(t.Problem.Id, PerIteration(t.PerIteration(t.Hand)), PerIteration(t.PerIteration(t.Engine)),
                PerIteration(t.PerIteration(t.Program)), descent < 0.03 * t.Engine ? "≈ 0" : PerIteration(t.PerIteration(descent)),
                Format.Count(t.Instructions), Format.Time(t.ExecuteOnce), Format.Time(t.Prepare));
        }

        sb.Append(split);
        sb.AppendLine();
        sb.AppendLine("Per iteration: *hand*, *engine* as above; *program*: one `CompiledProgram.Run()` (the loss and its gradient, every instruction once), timed alone as many times; *descent*: engine − program, `DescentRun`'s own work per step (gradient norm, direction, update, stop tests), ≈ 0 when under 3% of the engine's time (within noise). *instructions*: in the compiled program. Once per run: *Execute, 1 iteration*: `PreparedRun.Execute` of a one-iteration run, what a run costs besides its iterations (history, reading out the solution, rendering the gradient); *prepare*: `Calculus.PrepareOptimization` (check, parse, bind, derive, compile), median of 5.");
        sb.AppendLine();

        sb.AppendLine("### Allocation");
        sb.AppendLine();
        var memory = new MarkdownTable("problem", "hand B/iteration:", "engine B/iteration:", "Execute B/iteration:", "Execute B/run:");
        foreach (var (t, _) in results)
        {
            memory.Add(t.Problem.Id, Bytes(t.HandAllocation.PerIteration), Bytes(t.EngineAllocation.PerIteration),
                Bytes(t.ExecuteAllocation.PerIteration), Format.Count((long)Math.Round(t.ExecuteAllocation.PerRun)));
        }

        sb.Append(memory);
        sb.AppendLine();
        var sample = results[0].Timing.EngineAllocation;
        sb.AppendLine(string.Create(Invariant,
            $"Managed bytes from `GC.GetAllocatedBytesForCurrentThread`, per iteration = (bytes of a run of N − bytes of a run of N/10) / (0.9 N), which cancels what a run allocates once (N as in the first table; e.g. {sample.ShortRun:N0} against {sample.LongRun:N0} iterations for {results[0].Timing.Problem.Id}). Execute's per-iteration figure is its history, an `IterationRecord` per recorded iteration: every iteration of a run of up to 200 (hence least squares' 56 B), then at most 200 points with a doubling stride, so it grows with log N, not N."));
        sb.AppendLine();

        sb.AppendLine("### Same descent on both sides");
        sb.AppendLine();
        var check = new MarkdownTable("problem", "Δ loss after 1:", "Δ after 10:", "loss after N, hand:", "loss after N, engine:", "Δ after N:", "Δ point:", "Execute = engine", "check");
        foreach (var (_, c) in results)
        {
            check.Add(c.Problem.Id, Relative(c.Checkpoints[0].RelativeDifference), Relative(c.Checkpoints[1].RelativeDifference),
                Loss(c.Last.HandLoss), Loss(c.Last.EngineLoss), Relative(c.Last.RelativeDifference), Relative(c.ParameterDifference),
                c.ExecuteMatches ? "bit for bit" : "no", c.Describe());
        }

        sb.Append(check);
        sb.AppendLine();
        sb.AppendLine(string.Create(Invariant,
            $"Δ: relative difference between hand and engine, of the loss after that many steps and of the point reached after N (largest entry difference over the largest entry); the check asks for at most {OptimizerCheck.Tolerance:0e0} everywhere, and for `PreparedRun.Execute` to end exactly where the engine loop ends."));
        return sb.ToString();
    }

    private static string Rate(double perSecond) => perSecond switch
    {
        >= 1e6 => Format.Significant(perSecond / 1e6) + " M/s",
        >= 1e3 => Format.Significant(perSecond / 1e3) + " k/s",
        _ => Format.Significant(perSecond) + " /s",
    };

    private static string PerIteration(double seconds) =>
        Math.Abs(seconds) < 1e-6 ? Format.Significant(seconds * 1e9) + " ns" : Format.Time(seconds);

    private static string Bytes(double b) => Math.Abs(b) < 0.005 ? "0" : b.ToString("0.00", Invariant);

    private static string Relative(double r) => r == 0 ? "0" : r.ToString("0.0e0", Invariant);

    private static string Loss(double v) => v.ToString("G12", Invariant);
}
