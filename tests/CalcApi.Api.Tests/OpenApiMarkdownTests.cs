using System.Text.Json;
using System.Text.RegularExpressions;
using CalcApi.Api.OpenApi;
using CalcApi.Api.Tests.Support;
using Markdig;

namespace CalcApi.Api.Tests;

/// <summary>
/// Descriptions are CommonMark, which the Swagger UI renders: an expression such as <c>(a'*W*b - c)^2</c> must show
/// as written, not with <c>*W*</c> in italics.
/// </summary>
public sealed partial class OpenApiMarkdownTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    [Fact]
    public async Task Every_description_renders_as_text_and_code_only()
    {
        var descriptions = Descriptions(await ServedDocument.FetchAsync(factory), "$").ToList();

        Assert.True(descriptions.Count > 100, $"Only {descriptions.Count} descriptions found.");
        foreach (var (where, text) in descriptions)
        {
            var html = Markdown.ToHtml(text);
            var elements = Tag().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
            Assert.True(elements.All(e => e is "p" or "code"), $"{where} renders with <{string.Join(">, <", elements)}>: {text}\n{html}");
        }
    }

    [Fact]
    public async Task The_matrix_gradient_shows_its_expressions_literally()
    {
        var document = await ServedDocument.FetchAsync(factory);
        var description = document.GetProperty("paths").GetProperty("/api/matrix-gradient").GetProperty("post").GetProperty("description").GetString()!;
        var info = document.GetProperty("info").GetProperty("description").GetString()!;

        Assert.Contains("(a'*W*b - c)^2 gives 2*(a'*W*b - c)*a*b'", Shown(description), StringComparison.Ordinal);
        Assert.Contains("such as (a'*W*b - c)^2:", Shown(info), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("(a'*W*b - c)^2", "(a'*W*b - c)^2")]
    [InlineData("`(a'*W*b - c)^2` and x_1 * y_2", "(a'*W*b - c)^2 and x_1 * y_2")]
    [InlineData("[v] for a vector, <math> and \\geq", "[v] for a vector, <math> and \\geq")]
    [InlineData("an odd ` backtick and ``two``", "an odd ` backtick and two")]
    [InlineData("~~struck~~ & &amp;", "~~struck~~ & &amp;")]
    public void Escaped_text_shows_as_written(string text, string shown)
    {
        var escaped = MarkdownText.Escape(text)!;

        Assert.Equal(shown, Shown(escaped));
    }

    /// <summary>What a reader sees: the rendered HTML's text.</summary>
    private static string Shown(string markdown) =>
        System.Net.WebUtility.HtmlDecode(Tag().Replace(Markdown.ToHtml(markdown), string.Empty)).Trim();

    private static IEnumerable<(string Where, string Text)> Descriptions(JsonElement node, string where)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
            {
                if (property.Name is "description" or "summary" && property.Value.ValueKind == JsonValueKind.String)
                {
                    yield return ($"{where}.{property.Name}", property.Value.GetString()!);
                }
                else if (property.Name is not ("example" or "examples"))
                {
                    foreach (var found in Descriptions(property.Value, $"{where}.{property.Name}"))
                    {
                        yield return found;
                    }
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var found in Descriptions(item, $"{where}[{i++}]"))
                {
                    yield return found;
                }
            }
        }
    }

    [GeneratedRegex("</?([a-zA-Z0-9]+)[^>]*>")]
    private static partial Regex Tag();
}
