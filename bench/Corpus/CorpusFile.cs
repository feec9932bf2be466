using System.Text.Json;

namespace CalcApi.Bench.Corpus;

/// <summary>
/// The corpus as copied next to the executable (<c>data/scalar-corpus.jsonl</c>), loaded once and
/// checked for the fields every case needs.
/// </summary>
public static class CorpusFile
{
    public const string RelativePath = "data/scalar-corpus.jsonl";

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<IReadOnlyList<CorpusCase>> Cases = new(() => Load(Path.Combine(AppContext.BaseDirectory, RelativePath)));

    /// <summary>Every case, in file order.</summary>
    public static IReadOnlyList<CorpusCase> All => Cases.Value;

    public static CorpusCase Get(string id) =>
        All.FirstOrDefault(c => c.Id == id) ?? throw new ArgumentException($"No corpus case has the id '{id}'.", nameof(id));

    public static IReadOnlyList<CorpusCase> Load(string path)
    {
        var cases = new List<CorpusCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var c = JsonSerializer.Deserialize<CorpusCase>(line, Options)
                ?? throw new InvalidDataException($"{path}:{lineNumber}: the line is null.");
            if (string.IsNullOrEmpty(c.Id) || string.IsNullOrEmpty(c.Expression) || string.IsNullOrEmpty(c.Variable)
                || c.At is null || !c.At.ContainsKey(c.Variable) || string.IsNullOrEmpty(c.Family)
                || c.Group is not (CorpusCase.TextbookGroup or CorpusCase.ScalingGroup))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: case '{c.Id}' lacks a field or gives no value for its variable.");
            }

            cases.Add(c);
        }

        var duplicate = cases.GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? cases : throw new InvalidDataException($"{path}: the id '{duplicate.Key}' appears more than once.");
    }
}
