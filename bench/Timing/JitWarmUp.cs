using System.Diagnostics;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Engine;

namespace CalcApi.Bench.Timing;

/// <summary>
/// Brings the engine's code to its steady state before anything is timed. With tiered compilation a
/// method starts unoptimised and is recompiled in the background only after it has been called often
/// and the process has stopped compiling new methods for a moment, so the first few hundred
/// milliseconds of a run measure slower code (4x on the smallest cases). This runs the small cases,
/// which between them use every rule, in rounds with pauses for the background compiler.
/// </summary>
public static class JitWarmUp
{
    private const int Rounds = 6;
    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(200);

    public static void Run(IEnumerable<CorpusCase> cases)
    {
        var small = cases.Where(c => !c.IsScaling || c.Size <= 16).ToList();
        if (small.Count == 0)
        {
            return;
        }

        for (var round = 0; round < Rounds; round++)
        {
            var started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < RoundTime)
            {
                foreach (var c in small)
                {
                    Run(c);
                }
            }

            Thread.Sleep(Pause);
        }
    }

    private static void Run(CorpusCase c)
    {
        try
        {
            EnginePipeline.Echo(c);
            EnginePipeline.Differentiate(c);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The timing of this case reports the error; here it only has to not stop the warm-up.
        }
    }
}
