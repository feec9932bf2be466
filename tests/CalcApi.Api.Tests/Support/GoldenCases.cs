using System.Text.Json;

namespace CalcApi.Api.Tests.Support;

/// <summary>One line of Data/seed-identities.jsonl: a lecture result with the request that asks for it.</summary>
public sealed record GoldenCase(string Id, string Endpoint, JsonElement Request, JsonElement Expect);

public static class GoldenCases
{
    public static IReadOnlyList<GoldenCase> All { get; } = Load();

    public static GoldenCase Get(string id) => All.Single(c => c.Id == id);

    private static List<GoldenCase> Load() =>
        [.. File.ReadLines(TestFiles.Path("Data", "seed-identities.jsonl"))
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line =>
            {
                var root = JsonDocument.Parse(line).RootElement.Clone();
                return new GoldenCase(
                    root.GetProperty("id").GetString()!,
                    root.GetProperty("endpoint").GetString()!,
                    root.GetProperty("request"),
                    root.GetProperty("expect"));
            })];
}
