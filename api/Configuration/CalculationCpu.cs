using System.Globalization;
using System.Runtime.InteropServices;

namespace CalcApi.Api.Configuration;

/// <summary>
/// The CPU time a heavy calculation (or the refusal of one) took on its thread, sent back as <c>Server-Timing: cpu;dur=…</c> (in
/// milliseconds, as the Server-Timing header has it; browsers' developer tools show it). It is what the
/// load test reports as the cost of a refusal. Measured on Linux (the thread's own CPU clock) around the
/// part of the handler that runs before its first await, which for every calculation is the whole
/// calculation; elsewhere, or if the handler went asynchronous, no header is added.
/// </summary>
public static class CalculationCpu
{
    /// <summary>The metric's name in Server-Timing.</summary>
    public const string Metric = "cpu";

    /// <summary>Runs <paramref name="next"/> and, where its CPU time on this thread could be measured, adds the header.</summary>
    public static ValueTask<object?> Measure(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var before = ThreadCpuTime();
        var pending = next(context);
        if (pending.IsCompleted && before is { } start && ThreadCpuTime() is { } end)
        {
            var milliseconds = (end - start).TotalMilliseconds;
            context.HttpContext.Response.Headers.Append("Server-Timing",
                string.Create(CultureInfo.InvariantCulture, $"{Metric};dur={milliseconds:0.###};desc=\"calculation CPU\""));
        }

        return pending;
    }

    /// <summary>The calling thread's CPU time (Linux), or null.</summary>
    public static TimeSpan? ThreadCpuTime()
    {
        if (!OperatingSystem.IsLinux() || clock_gettime(ClockThreadCpuTime, out var now) != 0)
        {
            return null;
        }

        return TimeSpan.FromTicks(now.Seconds * TimeSpan.TicksPerSecond + now.Nanoseconds / 100);
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int clock_gettime(int clock, out TimeSpec time);
}
