using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>
/// The API in process, with the rate limiter off (the fuzzer is one very busy client), runs capped at
/// one second and each calculation at two, so no single random request can eat the suite's time.
/// Logging is silenced except for the exceptions the server fails on, which are kept so that a 500
/// can be reported with its stack trace.
/// </summary>
public sealed class FuzzApiFactory : WebApplicationFactory<Program>
{
    private readonly List<(string? TraceId, string Error)> _serverErrors = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimiting:PermitsPerMinute", "0");
        builder.UseSetting("Limits:RequestTimeoutSeconds", "2");
        builder.UseSetting("Limits:MaxRunSeconds", "1");
        // The fuzz properties look for server errors, not for the scheduler's 503s (which have tests of their own):
        // with the test classes running in parallel on two cores, a heavy random body could wait past the 2 s
        // default for the one calculation slot and be answered 503 "Server busy", which is right but not the point.
        builder.UseSetting("Limits:QueueLength", "256");
        // Warm-up requests would only slow the start; WarmupTests cover them.
        builder.UseSetting("Warmup:Enabled", "false");
        builder.UseSetting("Limits:QueueTimeoutSeconds", "60");
        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(new ExceptionRecorder(_serverErrors));
        });
    }

    /// <summary>
    /// The exceptions the server logged for the request with this trace id (the problem's traceId), as text
    /// with their stack traces; all the logged ones when <paramref name="traceId"/> is null.
    /// </summary>
    public IReadOnlyList<string> TakeServerErrors(string? traceId = null)
    {
        lock (_serverErrors)
        {
            var taken = _serverErrors.Where(e => traceId is null || (e.TraceId is not null && TraceOf(e.TraceId) == TraceOf(traceId))).ToList();
            _serverErrors.RemoveAll(taken.Contains);
            return [.. taken.Select(e => e.Error)];
        }
    }

    /// <summary>The trace part of a W3C id (00-trace-span-flags), which the client's and the server's activities share.</summary>
    private static string TraceOf(string id) => id.Split('-') is [_, var trace, _, _] ? trace : id;

    private sealed class ExceptionRecorder(List<(string? TraceId, string Error)> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel))
            {
                lock (errors)
                {
                    errors.Add((System.Diagnostics.Activity.Current?.Id, exception.ToString()));
                    if (errors.Count > 50)
                    {
                        errors.RemoveAt(0);
                    }
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
