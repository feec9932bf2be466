using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using CalcApi.Api.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;

namespace CalcApi.Api.Tests;

/// <summary>The request log's batched console writer: the simple format, its category only, and never a request waiting for the output.</summary>
public sealed partial class RequestLogProviderTests
{
    [Fact]
    public void Each_request_line_is_written_whole_in_the_console_simple_format()
    {
        var output = new MemoryStream();
        var provider = new RequestLogProvider(output);
        var logger = provider.CreateLogger(RequestLogging.Category);

        logger.Log(LogLevel.Information, new EventId(1), "POST /api/gradient answered 200 in 1.4 ms (61 bytes in)");
        logger.Log(LogLevel.Warning, new EventId(1), "POST /api/check answered 503 in 2.0 ms (10 bytes in)");
        provider.Dispose();

        Assert.Equal(
            "info: CalcApi.Requests[1] POST /api/gradient answered 200 in 1.4 ms (61 bytes in)\n"
            + "warn: CalcApi.Requests[1] POST /api/check answered 503 in 2.0 ms (10 bytes in)\n",
            Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Other_categories_are_left_to_the_other_providers()
    {
        var output = new MemoryStream();
        var provider = new RequestLogProvider(output);

        var other = provider.CreateLogger("Microsoft.Hosting.Lifetime");
        other.LogInformation("Application started.");
        provider.Dispose();

        Assert.False(other.IsEnabled(LogLevel.Critical));
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void When_the_output_cannot_keep_up_lines_are_dropped_and_counted_and_no_request_waits()
    {
        using var stuck = new StuckStream();
        var provider = new RequestLogProvider(stuck);
        var logger = provider.CreateLogger(RequestLogging.Category);
        const int lines = 3 * RequestLogProvider.Capacity;

        var timer = Stopwatch.StartNew();
        for (var i = 0; i < lines; i++)
            logger.LogInformation("POST /api/differentiate answered 200 in 0.5 ms (57 bytes in)");
        var logging = timer.Elapsed;
        stuck.Release();
        provider.Dispose();

        Assert.True(logging < TimeSpan.FromSeconds(5), $"logging {lines} lines to a stuck output took {logging}");
        var text = Encoding.UTF8.GetString(stuck.Written.ToArray());
        var written = text.Split('\n').Count(line => line.StartsWith("info: CalcApi.Requests[0] POST", StringComparison.Ordinal));
        var dropped = DroppedLine().Matches(text).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(dropped > 0, "no line counts the dropped lines");
        Assert.Equal(lines, written + dropped);
        Assert.True(written <= RequestLogProvider.Capacity + 1_000, $"{written} lines written of {lines}, though the queue holds {RequestLogProvider.Capacity}");
    }

    [Fact]
    public void The_framework_console_logger_leaves_the_request_log_to_it_so_no_line_is_written_twice()
    {
        using var services = new ServiceCollection().AddLogging(logging => logging.AddCalcRequestLog()).BuildServiceProvider();

        var rules = services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;

        Assert.Contains(rules, r => r.ProviderName == typeof(ConsoleLoggerProvider).FullName
            && r.CategoryName == RequestLogging.Category && r.LogLevel == LogLevel.None);
    }

    [GeneratedRegex(@"warn: CalcApi\.Requests\[2\] (\d+) request log lines were dropped")]
    private static partial Regex DroppedLine();

    /// <summary>An output that blocks every write until released, like a console nobody reads.</summary>
    private sealed class StuckStream : Stream
    {
        private readonly ManualResetEventSlim released = new();

        public MemoryStream Written { get; } = new();

        public void Release() => released.Set();

        public override void Write(byte[] buffer, int offset, int count)
        {
            released.Wait();
            Written.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            released.Wait(cancellationToken);
            Written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() { }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written.Length;
        public override long Position { get => Written.Position; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                released.Dispose();
            base.Dispose(disposing);
        }
    }
}
