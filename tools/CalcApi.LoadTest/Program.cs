using System.Globalization;

namespace CalcApi.LoadTest;

/// <summary>
/// The command line: <c>dotnet run --project tools/CalcApi.LoadTest -c Release -- --url http://127.0.0.1:5000 [--connections 64] [--duration 30s] [--warmup 3s]</c>.
/// Exit codes: 0 no error, 1 any error (or no request measured), 2 bad arguments, 130 interrupted.
/// </summary>
public static class LoadTestProgram
{
    private const string Usage = """
    CalcApi load client: mixed requests on every endpoint of a CalcApi server on this machine.

    usage: CalcApi.LoadTest --url http://127.0.0.1:PORT [options]
      --url URL            the server (loopback only); default http://127.0.0.1:5000
      --connections N      concurrent connections, one request loop each; default 64
      --duration D         measured time, e.g. 30s, 500ms, 2m; default 30s
      --warmup D           time before measuring (its errors still count); default 3s
      --timeout D          time one request may take, whole body included; default 15s
      --max-requests N     stop after this many requests whatever the time; default 20000000
      --seed N             seeds the choice of requests; default 1
      --by-request         also print a line per request of the mix
      --heavy-connections N  also N connections of heavy requests (refused for size, or run to their budget),
                           answered 422 or 503; reports cheap p50/p99 and the heavy ones' time over --budget
      --budget D           the server's Limits:RequestTimeoutSeconds, for the report; default 5s
    Exits 0 with no error, 1 on any error, 2 on bad arguments.
    """;

    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        bool byRequest;
        int heavyConnections;
        TimeSpan budget;
        try
        {
            options = Parse(args, out byRequest, out heavyConnections, out budget);
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (HelpRequested)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        Console.WriteLine($"Sending mixed requests to {options.BaseAddress} from {options.Connections} connections for {options.Warmup.TotalSeconds:0.###} s of warm-up and {options.Duration.TotalSeconds:0.###} s measured…");
        var heavy = heavyConnections > 0
            ? LoadRun.RunAsync(options with { Connections = heavyConnections, Mix = RequestMix.Heavy, RequestTimeout = TimeSpan.FromSeconds(60) }, interrupt.Token)
            : null;
        var result = await LoadRun.RunAsync(options, interrupt.Token);
        Console.Write(Report.Format(result, byRequest));
        if (heavy is not null)
        {
            var heavyResult = await heavy;
            Console.WriteLine($"== Heavy requests ({heavyConnections} connections), alongside the above");
            Console.Write(Report.Format(heavyResult, byRequest: true));
            var longest = heavyResult.Templates.Max(t => t.Latency.Max);
            Console.WriteLine($"cheap requests: p50 {result.Latency.P50.TotalMilliseconds:0.0} ms, p99 {result.Latency.P99.TotalMilliseconds:0.0} ms, {result.Errors} errors");
            Console.WriteLine($"heavy requests: longest {longest.TotalMilliseconds:0} ms, {Math.Max(0, (longest - budget).TotalMilliseconds):0} ms ({Math.Max(0, (longest - budget) / budget):P0}) over the {budget.TotalSeconds:0.#} s budget; {heavyResult.Errors} errors");
            foreach (var refused in heavyResult.Templates.Where(t => t.RefusalCpu.Count > 0))
            {
                Console.WriteLine($"refusal CPU (Server-Timing), {refused.Name}: median {refused.RefusalCpu.P50.TotalMilliseconds:0.00} ms, max {refused.RefusalCpu.Max.TotalMilliseconds:0.00} ms over {refused.RefusalCpu.Count} refusals");
            }

            result = result with { Errors = result.Errors + heavyResult.Errors };
        }

        if (interrupt.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }

        if (!result.Succeeded)
        {
            Console.Error.WriteLine(result.Errors > 0 ? $"FAILED: {result.Errors:N0} errors." : "FAILED: no request was measured.");
            return 1;
        }

        return 0;
    }

    private static LoadOptions Parse(string[] args, out bool byRequest, out int heavyConnections, out TimeSpan budget)
    {
        byRequest = false;
        heavyConnections = 0;
        budget = TimeSpan.FromSeconds(5);
        var options = new LoadOptions { BaseAddress = new Uri("http://127.0.0.1:5000"), Warmup = TimeSpan.FromSeconds(3) };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string? inline = null;
            if (name.StartsWith("--", StringComparison.Ordinal) && name.IndexOf('=', StringComparison.Ordinal) is var eq and > 0)
            {
                (name, inline) = (name[..eq], name[(eq + 1)..]);
            }

            if (name is "-h" or "--help")
            {
                throw new HelpRequested();
            }

            if (name is "--by-request")
            {
                byRequest = true;
                continue;
            }

            var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value."));
            if (name is "--heavy-connections" or "--budget")
            {
                (heavyConnections, budget) = name == "--budget" ? (heavyConnections, LoadOptions.ParseDuration(value)) : (Integer(name, value), budget);
                continue;
            }

            options = name switch
            {
                "--url" => options with { BaseAddress = Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"'{value}' is not a URL.") },
                "--connections" or "-c" => options with { Connections = Integer(name, value) },
                "--duration" or "-d" => options with { Duration = LoadOptions.ParseDuration(value) },
                "--warmup" => options with { Warmup = LoadOptions.ParseDuration(value) },
                "--timeout" => options with { RequestTimeout = LoadOptions.ParseDuration(value) },
                "--max-requests" => options with { MaxRequests = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cap) ? cap : throw new ArgumentException($"{name} needs a whole number, not '{value}'.") },
                "--seed" => options with { Seed = Integer(name, value) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name} needs a whole number, not '{value}'.");

    private sealed class HelpRequested : Exception;
}
