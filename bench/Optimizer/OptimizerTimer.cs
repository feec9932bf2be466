using System.Diagnostics;
using CalcApi.Bench.Timing;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// One problem's figures, in seconds for a run of <see cref="Iterations"/> steps (medians over
/// <see cref="Runs"/> runs), with the allocation per iteration of each side. The ratios are medians of
/// each run's own ratio (engine run over the hand-written run just before it: 1 is parity, 2 means
/// the engine does half as many iterations per second), which a busy machine disturbs less than a
/// ratio of medians. <see cref="ExecuteOnce"/> is <c>PreparedRun.Execute</c> for a single iteration:
/// what a run costs besides its iterations.
/// </summary>
public sealed record OptimizerTiming(
    OptimizerProblem Problem,
    int Iterations,
    int Runs,
    double Hand,
    double Engine,
    double Interpreted,
    double InterpretedRatio,
    double Execute,
    double Program,
    double EngineRatio,
    double ExecuteRatio,
    double ExecuteOnce,
    double Prepare,
    int Instructions,
    Allocation HandAllocation,
    Allocation EngineAllocation,
    Allocation ExecuteAllocation)
{
    public double PerIteration(double seconds) => seconds / Iterations;
}

/// <summary>
/// Managed bytes a side allocates: per iteration, from the difference between a run of
/// <see cref="LongRun"/> and one of <see cref="ShortRun"/> iterations (which cancels what a run allocates
/// once), and that once-per-run part.
/// </summary>
public sealed record Allocation(int ShortRun, long ShortBytes, int LongRun, long LongBytes)
{
    public double PerIteration => (LongBytes - ShortBytes) / (double)(LongRun - ShortRun);

    public double PerRun => ShortBytes - (PerIteration * ShortRun);
}

/// <summary>
/// Times both sides of a problem with <see cref="Stopwatch"/>, taking turns within each round so that
/// both see the same machine: the hand-written loop, the engine's descent loop (compiled program and
/// <c>DescentRun</c>, rewound to the start), the same loop with the program kept interpreted (before/after the straight-line code), <c>PreparedRun.Execute</c> (a fresh prepared run each time,
/// prepared outside the timed region), and the compiled program alone, evaluated as many times.
/// </summary>
public static class OptimizerTimer
{
    private const int PrepareRuns = 5;
    private const int AllocationRepeats = 3;

    public static OptimizerTiming Measure(OptimizerProblem problem, IDescent hand, EngineDescent engine, int runs)
    {
        var n = problem.Iterations;
        var interpreted = EngineDescent.Create(problem, interpreted: true);
        interpreted.Run(Math.Min(n, 1000));
        var handTimes = new double[runs];
        var engineTimes = new double[runs];
        var interpretedTimes = new double[runs];
        var executeTimes = new double[runs];
        var programTimes = new double[runs];
        var onceTimes = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            handTimes[r] = Time(() => hand.Run(n), hand.Reset);
            engineTimes[r] = Time(() => engine.Run(n), engine.Reset);
            interpretedTimes[r] = Time(() => interpreted.Run(n), interpreted.Reset);
            var prepared = EngineDescent.Prepare(problem, n);
            executeTimes[r] = Time(() => EngineDescent.Execute(prepared, problem), null);
            var single = EngineDescent.Prepare(problem, 1);
            onceTimes[r] = Time(() => EngineDescent.Execute(single, problem), null);
            programTimes[r] = Time(() =>
            {
                for (var k = 0; k <= n; k++)
                {
                    engine.Evaluate();
                }
            }, null);
        }

        var prepareTimes = new double[PrepareRuns];
        for (var r = 0; r < PrepareRuns; r++)
        {
            prepareTimes[r] = Time(() => EngineDescent.Prepare(problem, n), null);
        }

        var few = Math.Max(1, n / 10);
        var handAllocation = Allocated(hand, few, n);
        var engineAllocation = Allocated(engine, few, n);
        var executeAllocation = new Allocation(few, AllocatedByExecute(problem, few), n, AllocatedByExecute(problem, n));
        hand.Reset();
        engine.Reset();

        return new OptimizerTiming(problem, n, runs, Median.Of(handTimes), Median.Of(engineTimes),
            Median.Of(interpretedTimes), Median.Of(interpretedTimes.Zip(handTimes, (e, h) => e / h)), Median.Of(executeTimes),
            Median.Of(programTimes), Median.Of(engineTimes.Zip(handTimes, (e, h) => e / h)), Median.Of(executeTimes.Zip(handTimes, (e, h) => e / h)),
            Median.Of(onceTimes), Median.Of(prepareTimes), engine.Program.InstructionCount,
            handAllocation, engineAllocation, executeAllocation);
    }

    /// <summary>Seconds of one call of <paramref name="timed"/>, after <paramref name="before"/> (untimed) and a collection.</summary>
    private static double Time(Action timed, Action? before)
    {
        before?.Invoke();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = Stopwatch.GetTimestamp();
        timed();
        return (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
    }

    private static Allocation Allocated(IDescent side, int few, int many) =>
        new(few, Fewest(() => { side.Reset(); return () => side.Run(few); }),
            many, Fewest(() => { side.Reset(); return () => side.Run(many); }));

    private static long AllocatedByExecute(OptimizerProblem problem, int iterations) => Fewest(() =>
    {
        var prepared = EngineDescent.Prepare(problem, iterations);
        return () => EngineDescent.Execute(prepared, problem);
    });

    /// <summary>
    /// The fewest bytes this thread allocates in the action that <paramref name="prepare"/> returns (its
    /// own allocations not counted), over <see cref="AllocationRepeats"/> tries: a once-in-a-while
    /// allocation of the runtime's on this thread is not the run's.
    /// </summary>
    private static long Fewest(Func<Action> prepare)
    {
        var fewest = long.MaxValue;
        for (var k = 0; k < AllocationRepeats; k++)
        {
            var action = prepare();
            var before = GC.GetAllocatedBytesForCurrentThread();
            action();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
