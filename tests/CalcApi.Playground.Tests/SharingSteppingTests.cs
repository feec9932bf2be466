using System.Globalization;
using System.Text;
using CalcApi.Playground.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CalcApi.Playground.Tests;

/// <summary>
/// The playground as a teacher shares it: a link that restores and runs a problem, one iteration at a
/// time, a run stopped half-way, a phone, and the values read off the charts.
/// </summary>
public sealed class SharingSteppingTests(PlaygroundHost host, ITestOutputHelper output) : IClassFixture<PlaygroundHost>
{
    private const float Timeout = PlaygroundPage.Timeout;

    [SkippableFact]
    public async Task A_shared_link_restores_the_form_runs_it_and_copies_back_the_same_link()
    {
        Chromium.Require();
        var link = "/#" + Query(
            ("loss", "(x - 2)^2 + 3*(y + 1)^2"),
            ("initial", """{"x":0,"y":0}"""),
            ("maxIterations", "400"),
            ("tolerance", "1e-9"),
            ("compare", "1"),
            ("a.method", "momentum"), ("a.learningRate", "0.05"), ("a.momentum", "0.7"),
            ("b.method", "adam"), ("b.learningRate", "0.1"), ("b.lineSearch", "none"));
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900, link);

        Assert.Equal("(x - 2)^2 + 3*(y + 1)^2", await page.InputValueAsync("#loss"));
        Assert.Equal("""{ "x": 0, "y": 0 }""", await page.InputValueAsync("#initial"));
        Assert.Equal("custom", await page.InputValueAsync("#preset"));
        Assert.Equal("400", await page.InputValueAsync("#maxIterations"));
        Assert.Equal("momentum", await page.InputValueAsync("#a-method"));
        Assert.Equal("0.7", await page.InputValueAsync("#a-momentum"));
        Assert.True(await page.IsCheckedAsync("#compare"), "The link's comparison is not switched on.");
        Assert.Equal("adam", await page.InputValueAsync("#b-method"));

        // Opened, the link runs: both methods reach the minimum 0 at (2, -1), and the paths are drawn.
        Assert.True(await PlaygroundPage.FinalLossAsync(page, "a") < 1e-8, "Momentum did not converge on the shared problem.");
        Assert.True(await PlaygroundPage.FinalLossAsync(page, "b") < 1e-6, "Adam did not converge on the shared problem.");
        Assert.Equal(1, await page.Locator("#contour path.path--a").CountAsync());
        Assert.Equal(1, await page.Locator("#contour path.path--b").CountAsync());

        await page.ClickAsync("#copy-link");
        await page.Locator("#copied[data-what='link']").WaitForAsync();
        var copied = await page.InputValueAsync("#copied");
        Assert.StartsWith(host.BaseAddress.ToString(), copied, StringComparison.Ordinal);
        var (again, againErrors) = await PlaygroundPage.OpenAsync(host, 1280, 900, copied[host.BaseAddress.ToString().Length..].Insert(0, "/"));
        Assert.Equal("(x - 2)^2 + 3*(y + 1)^2", await again.InputValueAsync("#loss"));
        Assert.Equal("0.7", await again.InputValueAsync("#a-momentum"));
        Assert.Equal("adam", await again.InputValueAsync("#b-method"));
        Assert.Empty(againErrors);

        await page.ClickAsync("#copy-latex");
        await page.Locator("#copied[data-what='latex']").WaitForAsync();
        var latex = await page.InputValueAsync("#copied");
        Assert.Contains(@"\left(x - 2\right)^{2}", latex, StringComparison.Ordinal);

        await PlaygroundPage.SaveScreenshotAsync(page, "playground-share.png", output);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Step_twice_takes_two_iterations_and_draws_the_path_and_the_gradient()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 1000);

        await page.ClickAsync("#step");
        await Assertions.Expect(page.Locator("#result-a .iterations")).ToHaveTextAsync("1", new() { Timeout = Timeout });
        await page.ClickAsync("#step");
        await Assertions.Expect(page.Locator("#result-a .iterations")).ToHaveTextAsync("2", new() { Timeout = Timeout });

        // Iterations 0, 1 and 2: a path of three points, and the gradient drawn where it stands.
        var path = await page.Locator("#contour path.path--a").GetAttributeAsync("d");
        Assert.True(path is not null && path.Count(c => c == 'L') == 2, $"After two steps the path should have three points: {path}");
        Assert.Equal(3, await page.Locator("#contour circle.path-point").CountAsync());
        Assert.Equal(1, await page.Locator("#contour line.gradient--a").CountAsync());
        Assert.Contains("∇L", await page.Locator("#contour-desc").TextContentAsync() ?? "", StringComparison.Ordinal);
        await page.Locator("#contour .contour__lines path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Contains("Step 2", await page.InnerTextAsync("#status"), StringComparison.Ordinal);

        await PlaygroundPage.SaveScreenshotAsync(page, "playground-step.png", output);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Stop_keeps_the_partial_run_on_its_card_and_charts()
    {
        Chromium.Require();
        // Logistic regression on 600 points with a tiny step and a million iterations: far longer
        // than it takes to press Stop (about 6 s here; the server's time limit would end it at 10 s).
        var rows = Enumerable.Range(0, 600).Select(k => (X: Math.Cos(k), Y: 2 * Math.Sin(k * 0.7))).ToList();
        var x = "[" + string.Join(",", rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"[{r.X:G6},{r.Y:G6}]"))) + "]";
        var y = "[" + string.Join(",", rows.Select((_, k) => k % 3 == 0 ? "-1" : "1")) + "]";
        var link = "/#" + Query(
            ("loss", "sum(log(1 + exp(-y .* (X*w))))"),
            ("initial", """{"w":[0,0]}"""),
            ("constants", $$"""{"X":{{x}},"y":{{y}}}"""),
            ("maxIterations", "1000000"),
            ("tolerance", "1e-300"),
            ("a.method", "gd"), ("a.learningRate", "0.00001"));
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 1000, link);

        await Assertions.Expect(page.Locator("#result-a")).ToContainTextAsync("iteration", new() { Timeout = Timeout });
        await page.ClickAsync("#stop");
        var stopped = page.Locator("#result-a .stop--stopped");
        await stopped.WaitForAsync();

        var iteration = int.Parse((await stopped.GetAttributeAsync("data-iteration"))!, CultureInfo.InvariantCulture);
        Assert.True(iteration is > 0 and < 1_000_000, $"The stopped run should show the iteration it reached, not {iteration}.");
        Assert.Contains("Stopped by you", await stopped.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#loss-chart path.series--a").CountAsync());
        var path = await page.Locator("#contour path.path--a").GetAttributeAsync("d");
        Assert.True(path is not null && path.Contains('L', StringComparison.Ordinal), $"The partial path is not drawn: {path}");
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("stopped by you", new() { Timeout = Timeout });
        Assert.True(await page.IsEnabledAsync("#run"), "Run stays disabled after Stop.");
        // The contours come once the server has let go of the stopped run: the page retries while it is
        // busy (503) and asks for a coarser grid when the time budget runs out (422), so both may be logged.
        await page.Locator("#contour .contour__lines path").First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 40_000 });

        await PlaygroundPage.SaveScreenshotAsync(page, "playground-stop.png", output);
        Assert.DoesNotContain(errors, e => !e.Contains("abort", StringComparison.OrdinalIgnoreCase) && !e.Contains("status of 503", StringComparison.Ordinal) && !e.Contains("status of 422", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task On_a_phone_Run_is_on_the_first_screen_and_every_control_is_44_px_high()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 390, 844);

        var run = await page.Locator("#run").BoundingBoxAsync();
        Assert.NotNull(run);
        output.WriteLine($"Run on a phone: y = {run.Y:F0}..{run.Y + run.Height:F0} px, {run.Height:F0} px high.");
        Assert.True(run.Y >= 0 && run.Y + run.Height <= 844, $"Run is at y = {run.Y}..{run.Y + run.Height}, not on the first screen (844 px).");
        foreach (var selector in new[] { "#run", "#step", "#copy-link", "#copy-latex", "#preset", "#loss", "#maxIterations", "#a-method", "#a-learningRate", "#compare" })
        {
            var box = await page.Locator(selector).BoundingBoxAsync();
            var target = selector == "#compare" ? await page.Locator("label[for='compare']").BoundingBoxAsync() : box;
            Assert.True(target is not null && target.Height >= 44, $"{selector} is {target?.Height} px high; a tap target needs 44.");
        }

        await page.ClickAsync("#run");
        Assert.True(await PlaygroundPage.FinalLossAsync(page, "a") < 1e-9, "The default preset did not converge on a phone.");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a phone's screen.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Artifacts.PathOf("playground-phone-first-screen.png") });
        await PlaygroundPage.SaveScreenshotAsync(page, "playground-phone.png", output);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task The_default_preset_draws_smooth_contours_and_the_charts_read_out_values_under_the_pointer()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 1000);

        Assert.Equal("rosenbrock", await page.InputValueAsync("#preset"));
        await page.ClickAsync("#run");
        await PlaygroundPage.FinalLossAsync(page, "a");
        var lines = page.Locator("#contour .contour__lines path");
        await lines.First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

        // Each level is drawn as a few joined lines, not as thousands of separate dashes.
        var levels = await lines.CountAsync();
        var pieces = 0;
        foreach (var d in await lines.EvaluateAllAsync<string[]>("paths => paths.map(p => p.getAttribute('d'))"))
        {
            pieces += d.Count(c => c == 'M');
        }

        output.WriteLine($"Rosenbrock's contours: {levels} levels in {pieces} lines.");
        Assert.True(levels >= 8, $"Only {levels} contour levels on Rosenbrock's function.");
        Assert.True(pieces <= levels * 3, $"{levels} levels are drawn in {pieces} separate pieces: the contours are broken into dashes.");

        var chart = await page.Locator("#loss-chart").BoundingBoxAsync();
        await page.Mouse.MoveAsync(chart!.X + chart.Width * 0.5f, chart.Y + chart.Height * 0.5f);
        var chartText = await page.Locator("#loss-chart .hover__text").TextContentAsync();
        Assert.Matches(@"iteration \d+, loss \S", chartText ?? "");

        var contour = await page.Locator("#contour").BoundingBoxAsync();
        await page.Mouse.MoveAsync(contour!.X + contour.Width * 0.55f, contour.Y + contour.Height * 0.45f);
        var contourText = await page.Locator("#contour .hover__text").TextContentAsync();
        Assert.Matches(@"x = \S+, y = \S+f ≈ \S", contourText ?? "");

        await PlaygroundPage.SaveScreenshotAsync(page, "playground-hover.png", output);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task A_failed_run_clears_the_gradient_of_the_run_before()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);

        await page.ClickAsync("#run");
        await PlaygroundPage.FinalLossAsync(page, "a");
        Assert.True(await page.Locator("#maths math").CountAsync() >= 3, "The loss and its two partial derivatives are not shown.");

        await page.FillAsync("#loss", "(1 - x)^2 + ");
        await page.ClickAsync("#run");
        await page.Locator("#loss-error").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await Assertions.Expect(page.Locator("#maths")).ToContainTextAsync("No gradient", new() { Timeout = Timeout });
        Assert.Equal(0, await page.Locator("#maths math").CountAsync());
        Assert.DoesNotContain(errors, e => !e.Contains("status of 4", StringComparison.Ordinal));
    }

    private static string Query(params (string Name, string Value)[] pairs)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            builder.Append(builder.Length == 0 ? "" : "&").Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
