using Microsoft.OpenApi;

namespace CalcApi.Api.OpenApi;

/// <summary>The operations of a document, for the document filters that visit them all.</summary>
internal static class DocumentOperations
{
    public static IEnumerable<OpenApiOperation> All(OpenApiDocument document) =>
        document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>());
}
