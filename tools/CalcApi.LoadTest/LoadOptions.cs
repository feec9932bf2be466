using System.Globalization;
using System.Net;

namespace CalcApi.LoadTest;

/// <summary>What one load run does. Every loop it starts is bounded both in time and in count.</summary>
public sealed record LoadOptions
{
    public const int MaxConnections = 1024;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(1);

    /// <summary>The server, e.g. http://127.0.0.1:5000. Only loopback addresses are accepted.</summary>
    public required Uri BaseAddress { get; init; }

    /// <summary>Concurrent connections, one worker loop on each.</summary>
    public int Connections { get; init; } = 64;

    /// <summary>How long requests are measured (after the warm-up).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests sent first and checked for errors, but left out of latencies and requests/s.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>How long one request (headers and the whole body, or the whole event stream) may take; longer is an error.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>A hard cap on requests started, warm-up included, whatever the duration.</summary>
    public long MaxRequests { get; init; } = 20_000_000;

    /// <summary>The requests to send; <see cref="RequestMix.Default"/> when null.</summary>
    public IReadOnlyList<RequestTemplate>? Mix { get; init; }

    /// <summary>Seeds each worker's choice of request, so a run's sequence is repeatable.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> for options that would not make a bounded, local run.</summary>
    public void Validate()
    {
        if (!BaseAddress.IsAbsoluteUri || BaseAddress.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The URL must be an absolute http(s) URL, not '{BaseAddress}'.");
        }

        if (!IsLoopback(BaseAddress))
        {
            throw new ArgumentException($"The load client only talks to the local machine (localhost, 127.0.0.0/8, ::1), not '{BaseAddress.Host}'.");
        }

        if (Connections is < 1 or > MaxConnections)
        {
            throw new ArgumentException($"Connections must be between 1 and {MaxConnections}, not {Connections}.");
        }

        if (Duration <= TimeSpan.Zero || Duration > MaxDuration)
        {
            throw new ArgumentException($"The duration must be more than 0 and at most {MaxDuration.TotalMinutes:0} minutes, not {Duration}.");
        }

        if (Warmup < TimeSpan.Zero || Warmup > MaxDuration)
        {
            throw new ArgumentException($"The warm-up must be between 0 and {MaxDuration.TotalMinutes:0} minutes, not {Warmup}.");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentException($"The request timeout must be more than 0 and at most 5 minutes, not {RequestTimeout}.");
        }

        if (MaxRequests < 1)
        {
            throw new ArgumentException($"The request cap must be at least 1, not {MaxRequests}.");
        }

        if (Mix is { Count: 0 } || Mix?.Any(t => t.Weight < 1) == true)
        {
            throw new ArgumentException("The mix needs at least one request, each with a weight of at least 1.");
        }
    }

    public static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Reads "30s", "30", "1.5s", "500ms", "2m" (a bare number is seconds).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var s = text.Trim().ToLowerInvariant();
        (string number, double scale) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 0.001),
            _ when s.EndsWith('s') => (s[..^1], 1.0),
            _ when s.EndsWith('m') => (s[..^1], 60.0),
            _ when s.EndsWith('h') => (s[..^1], 3600.0),
            _ => (s, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
        {
            throw new ArgumentException($"'{text}' is not a duration (e.g. 30s, 500ms, 2m).");
        }

        return TimeSpan.FromSeconds(value * scale);
    }
}
