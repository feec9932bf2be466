using System.Text.RegularExpressions;
using CalcApi.Playground.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CalcApi.Playground.Tests;

/// <summary>
/// The Derive view's matrix derivations in a real browser (issue 11): the lecture's method of differentials
/// through the real POST /api/matrix-gradient, lines of df read down to ∂f/∂X, the Matrix Cookbook cited,
/// problems by the field at fault, and "Minimise this" off where the optimisation form could not take it.
/// </summary>
public sealed partial class DeriveMatrixViewTests(PlaygroundHost host, ITestOutputHelper output) : IClassFixture<PlaygroundHost>
{
    private const float Timeout = PlaygroundPage.Timeout;

    [SkippableFact]
    public async Task The_lecture_example_is_derived_by_differentials_down_to_the_gradient_in_one_click()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);
        await page.ClickAsync("#tab-derive");

        await page.ClickAsync("#derive-example-lecture");
        await DerivedAsync(page);

        Assert.Equal("(a'*W*b - c)^2", await page.InputValueAsync("#derive-expression"));
        Assert.Equal("a: vector, W: matrix, b: vector", await page.InputValueAsync("#derive-variables"));
        Assert.Equal("W", await page.InputValueAsync("#derive-variable"));
        var status = await page.InnerTextAsync("#derive-status");
        output.WriteLine($"Status: {status}");
        Assert.Contains("method of differentials", status, StringComparison.Ordinal);

        var lines = page.Locator("#derive-steps li.step");
        var count = await lines.CountAsync();
        Assert.True(count >= 4, $"(a'*W*b - c)^2 takes at least 4 lines (start, chain, trace, identify); the page shows {count}.");
        Assert.Equal("d((a'*W*b - c)^2)", await lines.First.Locator(".step__text").InnerTextAsync());
        var rules = await lines.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.rule)");
        Assert.Contains("chain", rules);
        Assert.Contains("traceCyclic", rules);
        Assert.Equal("identify", rules[^1]);
        Assert.Contains("Identify the gradient", await page.Locator("#derive-steps .step__rule").AllInnerTextsAsync());
        Assert.Equal(count, await page.Locator("#derive-steps li.step .step__math math").CountAsync());
        Assert.All(await page.Locator("#derive-steps .step__why").AllInnerTextsAsync(), why => Assert.False(string.IsNullOrWhiteSpace(why)));

        // Every line but the last is a differential, df = …; the last is the gradient, ∂f/∂W = …, and says so.
        var forms = await lines.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.form)");
        Assert.All(forms[..^1], form => Assert.Equal("differential", form));
        Assert.Equal("gradient", forms[^1]);
        Assert.Equal("gradient", await lines.Last.Locator(".step__form").InnerTextAsync());
        Assert.StartsWith("df=", await MathTextAsync(lines.First), StringComparison.Ordinal);
        Assert.StartsWith("∂f∂W=", await MathTextAsync(lines.Last), StringComparison.Ordinal);

        var answer = page.Locator("#derive-answer .maths__row[data-wrt='W']");
        Assert.Equal("2*(a'*W*b - c)*a*b'", await answer.Locator(".maths__text").InnerTextAsync());
        Assert.Equal(await answer.Locator(".maths__text").InnerTextAsync(), await lines.Last.Locator(".step__text").InnerTextAsync());
        Assert.Equal(1, await page.Locator("#derive-answer math").CountAsync());
        Assert.StartsWith("∂∂W", await MathTextAsync(answer), StringComparison.Ordinal);

        // The optimisation form takes a loss and starting numbers, not kinds: the button is off and says why.
        Assert.True(await page.Locator("#minimise-this").IsDisabledAsync(), "Minimise this is on for a matrix derivation the optimisation form cannot take.");
        Assert.Contains("scalar derivations only", await page.InnerTextAsync("#minimise-hint"), StringComparison.Ordinal);
        await PlaygroundPage.SaveScreenshotAsync(page, "playground-derive-matrix.png", output);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Logdet_cites_the_matrix_cookbook_and_says_where_its_gradient_holds()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);
        await page.ClickAsync("#tab-derive");

        await page.ClickAsync("#derive-example-logdet");
        await DerivedAsync(page);
        output.WriteLine($"Status: {await page.InnerTextAsync("#derive-status")}");

        var logdet = page.Locator("#derive-steps li.step[data-rule='logdet']");
        Assert.Equal("Log-determinant rule", await logdet.Locator(".step__rule").InnerTextAsync());
        Assert.Equal("Matrix Cookbook (43)", await logdet.Locator(".step__reference").InnerTextAsync());
        Assert.Equal("tr(inv(X)*d(X))", await logdet.Locator(".step__text").InnerTextAsync());
        Assert.Equal("inv(X)'", await page.InnerTextAsync("#derive-answer .maths__row[data-wrt='X'] .maths__text"));
        Assert.Contains("Where det(X) > 0.", await page.InnerTextAsync("#derive-answer"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task Without_a_variable_each_vector_and_matrix_gets_its_own_gradient_and_heading()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);
        await page.ClickAsync("#tab-derive");

        await page.FillAsync("#derive-expression", "x'*A*x");
        await page.FillAsync("#derive-variables", "x: vector; A: matrix");
        await page.ClickAsync("#derive");
        await DerivedAsync(page);

        Assert.Equal(["∂f/∂x", "∂f/∂A"], await page.Locator("#derive-steps .derivation__order").AllInnerTextsAsync());
        Assert.Equal("(A + A')*x", await page.InnerTextAsync("#derive-answer .maths__row[data-wrt='x'] .maths__text"));
        Assert.Equal("x*x'", await page.InnerTextAsync("#derive-answer .maths__row[data-wrt='A'] .maths__text"));
        Assert.Contains("2 gradients", await page.InnerTextAsync("#derive-status"), StringComparison.Ordinal);
        var gradientLines = page.Locator("#derive-steps li.step[data-form='gradient'] .step__text");
        Assert.Equal(["(A + A')*x", "x*x'"], await gradientLines.AllInnerTextsAsync());
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task A_symmetric_matrix_is_declared_in_words_and_its_gradient_is_symmetrised()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);
        await page.ClickAsync("#tab-derive");

        await page.FillAsync("#derive-expression", "tr(A*S)");
        await page.FillAsync("#derive-variables", "A: matrix, S: Symmetric  Matrix");
        await page.FillAsync("#derive-variable", "S");
        await page.ClickAsync("#derive");
        await DerivedAsync(page);

        Assert.Equal("Symmetrise", await page.Locator("#derive-steps li.step").Last.Locator(".step__rule").InnerTextAsync());
        Assert.Equal("(A + A')/2", await page.InnerTextAsync("#derive-answer .maths__row[data-wrt='S'] .maths__text"));
        Assert.Empty(errors);
    }

    [SkippableFact]
    public async Task A_bad_kind_a_second_order_and_an_unknown_variable_show_by_their_fields_and_scalars_work_as_before()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 1280, 900);
        await page.ClickAsync("#tab-derive");
        var variablesError = page.Locator("#derive-variables-error");
        var variableError = page.Locator("#derive-variable-error");
        var orderError = page.Locator("#derive-order-error");

        // A kind the API does not know: its problem (422, no `field`) is about the Variables.
        await page.FillAsync("#derive-expression", "logdet(X)");
        await page.FillAsync("#derive-variables", "X: matrx");
        await page.FillAsync("#derive-variable", "X");
        await page.ClickAsync("#derive");
        await variablesError.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.Contains("matrx", await variablesError.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("true", await page.GetAttributeAsync("#derive-variables", "aria-invalid"));
        Assert.True(await page.Locator("#derive-answer-panel").IsHiddenAsync(), "A failed derivation shows an answer.");
        Assert.True(await page.Locator("#derive-expression-error").IsHiddenAsync(), "A bad kind is shown by the expression.");

        // Not name: kind at all: refused here, before any request.
        await page.FillAsync("#derive-variables", "X matrix");
        await page.ClickAsync("#derive");
        await page.Locator("#derive-variables-error", new() { HasTextString = "no colon" }).WaitForAsync();

        // The method of differentials gives first derivatives: a second order is refused by the order.
        await page.FillAsync("#derive-variables", "X: matrix");
        await page.FillAsync("#derive-order", "2");
        await page.ClickAsync("#derive");
        await orderError.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.Contains("order must be 1", await orderError.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await variablesError.IsHiddenAsync(), "The Variables' old error stays after a new problem.");

        // A wrt the expression does not have: the API's problem is about the Variable field.
        await page.FillAsync("#derive-order", "1");
        await page.FillAsync("#derive-variable", "Y");
        await page.ClickAsync("#derive");
        await variableError.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = Timeout });
        Assert.Contains("'Y'", await variableError.InnerTextAsync(), StringComparison.Ordinal);

        // A matrix answer, then kinds that are all scalar: today's /api/differentiate, and Minimise this on again.
        await page.FillAsync("#derive-variable", "X");
        await page.ClickAsync("#derive");
        await page.Locator("#derive-answer .maths__row[data-wrt='X']").WaitForAsync();
        Assert.True(await page.Locator("#minimise-this").IsDisabledAsync(), "Minimise this is on after a matrix derivation.");
        await page.FillAsync("#derive-expression", "x^3");
        await page.FillAsync("#derive-variables", "x: scalar");
        await page.FillAsync("#derive-variable", "");
        await page.ClickAsync("#derive");
        await page.Locator("#derive-answer-text", new() { HasTextString = "3*x^2" }).WaitForAsync();
        Assert.DoesNotContain("differentials", await page.InnerTextAsync("#derive-status"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#derive-steps li.step[data-form]").CountAsync());
        Assert.True(await page.Locator("#minimise-this").IsEnabledAsync(), "Minimise this stays off for a scalar derivation.");
        Assert.Contains("starting every free name at 0.5", await page.InnerTextAsync("#minimise-hint"), StringComparison.Ordinal);
        Assert.DoesNotContain(errors, e => !e.Contains("status of 4", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task On_a_phone_the_lecture_derivation_fits_its_width()
    {
        Chromium.Require();
        var (page, errors) = await PlaygroundPage.OpenAsync(host, 390, 844);
        await page.ClickAsync("#tab-derive");

        await page.ClickAsync("#derive-example-lecture");
        await DerivedAsync(page);

        Assert.Equal(1, await page.Locator("#derive-steps li.step[data-form='gradient']").CountAsync());
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The matrix derivation is {overflow}px wider than a phone's screen.");
        var shortest = await page.Locator(".derive__examples .example").EvaluateAllAsync<double>("buttons => Math.min(...buttons.map(b => b.getBoundingClientRect().height))");
        Assert.True(shortest >= 44, $"An example button is {shortest}px high on a phone; touch targets are at least 44px.");
        await PlaygroundPage.SaveScreenshotAsync(page, "playground-derive-matrix-phone.png", output);
        Assert.Empty(errors);
    }

    /// <summary>A line's or the answer's MathML as its characters, spaces and invisible operators left out: "df=d(…)".</summary>
    private static Task<string> MathTextAsync(ILocator owner) =>
        owner.Locator("math").First.EvaluateAsync<string>("m => m.textContent.replace(/[\\s\\u2061\\u2062]/g, '')");

    /// <summary>Waits until a derivation is shown: the status says how many lines it took.</summary>
    private static Task DerivedAsync(IPage page) =>
        page.Locator("#derive-status", new() { HasTextRegex = LinesShown() }).WaitForAsync(new() { Timeout = Timeout });

    [GeneratedRegex(@"^\d+ lines?")]
    private static partial Regex LinesShown();
}
