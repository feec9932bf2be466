using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CalcApi.Playground.Tests.Support;

/// <summary>
/// The real API on Kestrel at a free loopback port, and one headless Chromium shared by the tests of a
/// class (each test opens its own browser context). The browser is only started where it is installed.
/// </summary>
/// <remarks>
/// Where Chromium is missing, the reason goes out as an xUnit diagnostic message too (xunit.runner.json
/// turns them on), so a plain <c>dotnet test</c> says why the browser tests were skipped.
/// </remarks>
public sealed class PlaygroundHost(IMessageSink diagnostics) : IAsyncLifetime
{
    private readonly ApiOnKestrel api = new();
    private IPlaywright? playwright;

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        api.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        api.StartServer();
        var addresses = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        BaseAddress = new Uri(addresses.First());

        if (!Chromium.IsInstalled)
        {
            diagnostics.OnMessage(new DiagnosticMessage(Chromium.InCi
                ? $"The playground's browser tests fail: {Chromium.MissingReason}, and this is CI (CI=true)."
                : $"The playground's browser tests are skipped: {Chromium.MissingReason}."));
            return;
        }

        // Playwright's own browsers are never fetched: it drives Debian's Chromium by its path.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = Chromium.Flags,
            Timeout = 20_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await api.DisposeAsync();
    }

    private sealed class ApiOnKestrel : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) =>
            builder.ConfigureLogging(logging => logging.ClearProviders());
    }
}
