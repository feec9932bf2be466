using System.Diagnostics;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// Brings both sides' code to its steady state before anything is timed (see <c>Timing/JitWarmUp</c> for
/// why): every side of every problem, in rounds of short runs with pauses for the background compiler,
/// including a small prepared run so that <c>PreparedRun.Execute</c> and the preparation are warm too.
/// </summary>
public static class OptimizerWarmUp
{
    private const int Rounds = 5;
    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static void Run(IReadOnlyList<(OptimizerProblem Problem, IDescent Hand, EngineDescent Engine)> sides)
    {
        if (sides.Count == 0)
        {
            return;
        }

        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < RoundTime)
            {
                foreach (var (problem, hand, engine) in sides)
                {
                    var n = Math.Max(1, problem.Iterations / 50);
                    hand.Reset();
                    hand.Run(n);
                    engine.Reset();
                    engine.Run(n);
                    engine.Evaluate();
                    EngineDescent.Execute(EngineDescent.Prepare(problem, n), problem);
                }
            }

            Thread.Sleep(Pause);
        }

        foreach (var (_, hand, engine) in sides)
        {
            hand.Reset();
            engine.Reset();
        }
    }
}
