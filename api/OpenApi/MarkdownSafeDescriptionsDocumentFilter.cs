using System.Text;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// Descriptions are CommonMark, and the expression language is full of Markdown: <c>(a'*W*b - c)^2</c> reads as
/// emphasis in the Swagger UI. Outside code spans, the characters CommonMark acts on inline are escaped, so every
/// description shows literally whatever the XML comments and route descriptions say; code spans are left as written.
/// </summary>
public sealed class MarkdownSafeDescriptionsDocumentFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        if (document.Info is { } info)
        {
            info.Description = MarkdownText.Escape(info.Description);
        }

        foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
        {
            tag.Description = MarkdownText.Escape(tag.Description);
        }

        var seen = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components?.Schemas?.Values ?? [])
        {
            Schema(schema, seen);
        }

        foreach (var operation in DocumentOperations.All(document))
        {
            operation.Summary = MarkdownText.Escape(operation.Summary);
            operation.Description = MarkdownText.Escape(operation.Description);
            if (operation.RequestBody is OpenApiRequestBody body)
            {
                body.Description = MarkdownText.Escape(body.Description);
            }

            foreach (var response in (operation.Responses?.Values ?? Enumerable.Empty<IOpenApiResponse>()).OfType<OpenApiResponse>())
            {
                response.Description = MarkdownText.Escape(response.Description);
                foreach (var header in (response.Headers?.Values ?? Enumerable.Empty<IOpenApiHeader>()).OfType<OpenApiHeader>())
                {
                    header.Description = MarkdownText.Escape(header.Description);
                }
            }
        }
    }

    /// <summary>A schema and the schemas inside it (a reference is escaped where it is defined, in the components).</summary>
    private static void Schema(IOpenApiSchema schema, HashSet<IOpenApiSchema> seen)
    {
        if (schema is not OpenApiSchema writable || !seen.Add(writable))
        {
            return;
        }

        writable.Description = MarkdownText.Escape(writable.Description);
        IEnumerable<IOpenApiSchema?> inner =
        [
            .. writable.Properties?.Values ?? [], .. writable.AllOf ?? [], .. writable.AnyOf ?? [], .. writable.OneOf ?? [],
            writable.Items, writable.AdditionalProperties,
        ];
        foreach (var child in inner.OfType<IOpenApiSchema>())
        {
            Schema(child, seen);
        }
    }
}

/// <summary>CommonMark escaping outside code spans.</summary>
public static class MarkdownText
{
    /// <summary>The ASCII punctuation that can start inline Markdown (emphasis, links, HTML, escapes) mid-line.</summary>
    private const string Active = "\\*_<>[]!&~";

    public static string? Escape(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var result = new StringBuilder(text.Length + 8);
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '`')
            {
                var run = RunLength(text, i);
                var close = ClosingRun(text, i + run, run);
                if (close >= 0)
                {
                    result.Append(text, i, close + run - i);
                    i = close + run;
                    continue;
                }

                // A backtick run that closes no span is literal text.
                result.Insert(result.Length, "\\`", run);
                i += run;
                continue;
            }

            if (Active.Contains(text[i], StringComparison.Ordinal))
            {
                result.Append('\\');
            }

            result.Append(text[i]);
            i++;
        }

        return result.ToString();
    }

    private static int RunLength(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] == '`')
        {
            end++;
        }

        return end - start;
    }

    /// <summary>The start of the next backtick run of exactly <paramref name="length"/> (CommonMark's code span), or -1.</summary>
    private static int ClosingRun(string text, int from, int length)
    {
        var i = from;
        while (i < text.Length)
        {
            if (text[i] != '`')
            {
                i++;
                continue;
            }

            var run = RunLength(text, i);
            if (run == length)
            {
                return i;
            }

            i += run;
        }

        return -1;
    }
}
