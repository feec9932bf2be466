using System.Runtime.InteropServices;

namespace CalcApi.Api.Configuration;

/// <summary>
/// Runs a heavy calculation on a thread of its own at a lower scheduling priority than the threads that
/// serve cheap requests, so that while it holds a core the operating system still gives a cheap request
/// the CPU first: on two cores, a heavy derivative that runs to its time budget would otherwise take
/// its share of the cores that the cheap requests' threads (and the garbage collector) need.
/// <para>
/// On Linux the nice value is a thread's own (setpriority on the calling thread); a thread can raise its
/// nice value without privileges but not lower it again, which is why the calculation gets a fresh
/// thread instead of lowering a thread-pool thread for good. Elsewhere the thread runs at
/// <see cref="ThreadPriority.BelowNormal"/>, which Windows and macOS honour.
/// </para>
/// </summary>
public static class BackgroundThread
{
    /// <summary>
    /// The nice value of a heavy calculation's thread (0 is the default, 19 the lowest priority). The
    /// lowest: at nice 10 a heavy calculation that ran to its budget still took about a third of a core
    /// from the cheap requests in the load test (cheap p50 18 ms, p99 62 ms); at 19 their p50 was 13–16 ms
    /// and p99 52 ms, while the heavy requests still ended within 2 % of their budget (the budget is wall
    /// time, so a starved calculation is refused on time rather than late).
    /// </summary>
    public const int Nice = 19;

    /// <summary>
    /// Starts <paramref name="work"/> on a new low-priority thread; the task completes with the task the
    /// work returns. The work's synchronous part (a calculation, up to its first await) runs on that
    /// thread; what follows an await continues on the thread pool.
    /// </summary>
    public static Task<T> Run<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<Task<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            LowerOwnPriority();
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "CalcApi heavy calculation",
        };
        thread.Start();
        return done.Task.Unwrap();
    }

    /// <summary>The calling thread's nice value on Linux (null elsewhere or if it cannot be read).</summary>
    public static int? CurrentNice()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        Marshal.SetLastPInvokeError(0);
        var nice = getpriority(PrioProcess, 0);
        return nice == -1 && Marshal.GetLastPInvokeError() != 0 ? null : nice;
    }

    private static void LowerOwnPriority()
    {
        if (OperatingSystem.IsLinux())
        {
            // Which = PRIO_PROCESS with who = 0 is the calling thread on Linux (the nice value is per thread).
            // A failure leaves the thread at normal priority, which is only slower for the cheap requests.
            _ = setpriority(PrioProcess, 0, Nice);
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    private const int PrioProcess = 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int setpriority(int which, int who, int prio);

    [DllImport("libc", SetLastError = true)]
    private static extern int getpriority(int which, int who);
}
