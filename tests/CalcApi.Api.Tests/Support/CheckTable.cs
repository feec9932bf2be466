using System.Text.Json;

namespace CalcApi.Api.Tests.Support;

/// <summary>
/// One row of Data/check-table.json: the exact body of a POST /api/check, the verdict it must get, and the
/// mistake it must be diagnosed as. <see cref="Diagnosis"/> is empty when no code is required; with several
/// codes any one of them will do (a missing inner factor 3 is as much a constantFactor as a missingInnerDerivative).
/// </summary>
public sealed record CheckRow(string Id, JsonElement Request, string Verdict, IReadOnlyList<string> Diagnosis, string Source)
{
    public string Task => Request.GetProperty("task").GetString()!;

    public override string ToString() => $"{Id} ({Source}): {Request.GetRawText()} → {Verdict}{(Diagnosis.Count > 0 ? $" [{string.Join(" | ", Diagnosis)}]" : "")}";
}

public static class CheckTable
{
    public const string Route = "/api/check";

    public static IReadOnlyList<CheckRow> All { get; } = Load();

    public static CheckRow Get(string id) => All.Single(r => r.Id == id);

    private static List<CheckRow> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestFiles.Path("Data", "check-table.json")));
        return [.. document.RootElement.EnumerateArray().Select(row => new CheckRow(
            row.GetProperty("id").GetString()!,
            row.GetProperty("request").Clone(),
            row.GetProperty("verdict").GetString()!,
            row.GetProperty("diagnosis") switch
            {
                { ValueKind: JsonValueKind.String } code => [code.GetString()!],
                { ValueKind: JsonValueKind.Array } codes => [.. codes.EnumerateArray().Select(c => c.GetString()!)],
                _ => [],
            },
            row.GetProperty("source").GetString()!))];
    }
}
