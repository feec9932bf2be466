using System.Diagnostics;
using Microsoft.Extensions.Logging.Console;

namespace CalcApi.Api.Logging;

/// <summary>
/// One structured log line per request: method, path, status, time and body size; never the expression
/// itself (callers' input can be long or private), which appears only in problem documents sent back.
/// Every answer is logged at Information, a 5xx at Warning. The lines go to the console through
/// <see cref="RequestLogProvider"/>, which never makes a request wait: through the framework's console
/// logger (a write and flush per line, and requests blocked once its queue of 2,500 is full) a line per
/// request had been measured at a fifth of the load test's throughput on a busy machine, and ordinary
/// answers had been moved to Debug; through this writer a line costs about 2 µs of CPU (README, "Cold start").
/// Set <c>Logging:LogLevel:CalcApi.Requests</c> to <c>Warning</c> for 5xx lines only.
/// </summary>
public static partial class RequestLogging
{
    public const string Category = "CalcApi.Requests";

    /// <summary>
    /// The request log goes to the console through <see cref="RequestLogProvider"/> (batched writes) instead
    /// of the framework's console logger, which would write it too and is told to leave the category alone.
    /// </summary>
    public static ILoggingBuilder AddCalcRequestLog(this ILoggingBuilder logging)
    {
        logging.Services.AddSingleton<ILoggerProvider>(_ => new RequestLogProvider(Console.OpenStandardOutput()));
        logging.AddFilter<ConsoleLoggerProvider>(Category, LogLevel.None);
        return logging;
    }

    public static WebApplication UseCalcRequestLogging(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var elapsed = Stopwatch.GetElapsedTime(started);
                var status = context.Response.StatusCode;
                var level = status >= 500 ? LogLevel.Warning : LogLevel.Information;
                if (logger.IsEnabled(level))
                    Answered(logger, level, context.Request.Method, context.Request.Path, status,
                        elapsed.TotalMilliseconds, context.Request.ContentLength ?? 0);
            }
        });
        return app;
    }

    [LoggerMessage(EventId = 1, Message = "{Method} {Path} answered {StatusCode} in {ElapsedMilliseconds:F1} ms ({RequestBytes} bytes in)")]
    private static partial void Answered(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMilliseconds, long requestBytes);
}
