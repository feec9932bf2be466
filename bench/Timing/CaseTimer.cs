using System.Diagnostics;
using CalcApi.Bench.Corpus;
using CalcApi.Bench.Engine;

namespace CalcApi.Bench.Timing;

/// <summary>
/// Times <see cref="EnginePipeline.Differentiate"/> on one case with a <see cref="Stopwatch"/>: a cold
/// first run under the timeout (cancelled through the engine's work budget, and abandoned if it does
/// not stop), warm-up runs, then the median of as many warm repetitions as fit the case's budget.
/// Run <see cref="JitWarmUp"/> first, or the first cases are timed with unoptimised code.
/// </summary>
public static class CaseTimer
{
    /// <summary>How long past the timeout to wait for a cancelled run to notice it.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromMilliseconds(50);
    private const int WarmUpRuns = 5;

    public static CaseTiming Measure(CorpusCase c, TimingOptions options)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var (first, failure) = ColdRun(c, options.Timeout);
        if (failure is not null)
        {
            return failure;
        }

        var warm = WarmUp(c, options.BudgetPerCase / 2);
        var most = Math.Max(options.Repetitions, TimingOptions.MinRepetitions);
        var repetitions = (int)Math.Clamp(options.BudgetPerCase.TotalSeconds / Math.Max(warm, 1e-9), TimingOptions.MinRepetitions, most);
        var samples = new double[repetitions];
        for (var i = 0; i < repetitions; i++)
        {
            samples[i] = TimeOne(c);
        }

        return new CaseTiming(c, TimingStatus.Measured, Median.Of(samples), repetitions, first, null);
    }

    /// <summary>
    /// Runs the case for <see cref="WarmUpTime"/> (and at least <see cref="WarmUpRuns"/> times), or for
    /// at most <paramref name="limit"/>; returns the seconds of the last run, the estimate of a warm run.
    /// </summary>
    private static double WarmUp(CorpusCase c, TimeSpan limit)
    {
        var started = Stopwatch.GetTimestamp();
        var last = 0.0;
        for (var runs = 0; ; runs++)
        {
            var spent = Stopwatch.GetElapsedTime(started);
            if ((runs >= WarmUpRuns && spent >= WarmUpTime) || (runs >= 1 && spent >= limit))
            {
                return last;
            }

            last = TimeOne(c);
        }
    }

    /// <summary>Seconds of one run, from raw timestamps: a TimeSpan would round to 100 ns, coarse for a 1 µs case.</summary>
    private static double TimeOne(CorpusCase c)
    {
        var start = Stopwatch.GetTimestamp();
        EnginePipeline.Differentiate(c);
        return (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
    }

    private static (PipelineResult? Result, CaseTiming? Failure) ColdRun(CorpusCase c, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        var run = Task.Factory.StartNew(() =>
        {
            var start = Stopwatch.GetTimestamp();
            var result = EnginePipeline.Differentiate(c, cancellation.Token);
            return (result, Stopwatch.GetElapsedTime(start));
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            if (!run.Wait(timeout + Grace))
            {
                return (null, CaseTiming.Failed(c, TimingStatus.Timeout,
                    $"still running {(timeout + Grace).TotalSeconds:0} s after it started, ignoring cancellation; left running in the background"));
            }
        }
        catch (AggregateException ex)
        {
            var inner = ex.InnerException ?? ex;
            return cancellation.IsCancellationRequested
                ? (null, CaseTiming.Failed(c, TimingStatus.Timeout, $"cancelled after {timeout.TotalSeconds:0.###} s"))
                : (null, CaseTiming.Failed(c, TimingStatus.Error, inner.Message));
        }

        var (result, elapsed) = run.Result;
        return elapsed > timeout
            ? (null, CaseTiming.Failed(c, TimingStatus.Timeout, $"took {elapsed.TotalSeconds:0.###} s"))
            : (result, null);
    }
}
