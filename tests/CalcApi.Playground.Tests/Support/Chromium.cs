namespace CalcApi.Playground.Tests.Support;

/// <summary>
/// Debian's Chromium, which CI installs with apt-get (.ci/run). No test here downloads a browser:
/// Playwright drives this executable. On a machine without it the browser tests skip and say why;
/// under CI (CI=true) they fail instead, since there they must run.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public const string MissingReason = "Chromium is not installed (/usr/bin/chromium); CI installs it with apt-get";

    /// <summary>Headless flags for a machine whose network is closed: nothing phones home at start.</summary>
    public static readonly string[] Flags =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips the calling test where there is no browser, except in CI, where that is a failure.</summary>
    public static void Require()
    {
        if (IsInstalled)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail($"{MissingReason}, and this is CI (CI=true), where the browser test must run.");
        }

        Skip.If(true, MissingReason);
    }
}
