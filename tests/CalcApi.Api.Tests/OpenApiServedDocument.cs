using System.Text.Json;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>The OpenAPI document as the server serves it at /swagger/v1/swagger.json.</summary>
public static class ServedDocument
{
    public const string Route = "/swagger/v1/swagger.json";

    public static async Task<string> TextAsync(CalcApiFactory factory)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(Route);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<JsonElement> FetchAsync(CalcApiFactory factory) => JsonDocument.Parse(await TextAsync(factory)).RootElement.Clone();

    /// <summary>Every operation: its path, method and object.</summary>
    public static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(method => (path.Name, method.Name, method.Value)));
}
