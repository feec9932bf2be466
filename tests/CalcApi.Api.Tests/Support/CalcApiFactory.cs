using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CalcApi.Api.Tests.Support;

/// <summary>
/// The API in process, as it is configured in appsettings.json, with logging silenced so a failing test
/// shows only its failure. <see cref="WithSettings"/> overrides configuration for one test class.
/// </summary>
public class CalcApiFactory : WebApplicationFactory<Program>
{
    /// <summary>
    /// The rate limiter stays in the pipeline but is off: the whole suite comes from one address. <see cref="RateLimitingTests"/> turns it on.
    /// The start-up warm-up is off: each test class starts its own server, and its requests would only slow the suite. <see cref="WarmupTests"/> turns it on.
    /// </summary>
    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging => logging.ClearProviders())
            .ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
                [
                    new KeyValuePair<string, string?>("RateLimiting:PermitsPerMinute", "0"),
                    new KeyValuePair<string, string?>("Warmup:Enabled", "false"),
                ]));

    /// <summary>The same API with some configuration keys (e.g. "Limits:MaxOrder") set.</summary>
    public WebApplicationFactory<Program> WithSettings(params (string Key, string Value)[] settings) =>
        WithWebHostBuilder(builder => builder.ConfigureAppConfiguration(configuration =>
            configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))));
}
