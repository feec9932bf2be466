using System.Text.RegularExpressions;

namespace CalcApi.Bench.Corpus;

/// <summary>
/// Which corpus cases to run, from the command line: <c>--group textbook|scaling</c>,
/// <c>--family NAME</c> and <c>--case ID</c> (both repeatable or comma-separated; <c>*</c> is a
/// wildcard in ids, as in <c>--case sc-*-128</c>). Options of different kinds must all match.
/// </summary>
public sealed record CaseFilter(string? Group, IReadOnlyList<string> Families, IReadOnlyList<string> CasePatterns)
{
    public static CaseFilter Everything { get; } = new(null, [], []);

    public bool IsEverything => Group is null && Families.Count == 0 && CasePatterns.Count == 0;

    public bool Matches(CorpusCase c) =>
        (Group is null || c.Group == Group)
        && (Families.Count == 0 || Families.Contains(c.Family, StringComparer.Ordinal))
        && (CasePatterns.Count == 0 || CasePatterns.Any(p => Glob(p).IsMatch(c.Id)));

    public IReadOnlyList<CorpusCase> Select(IEnumerable<CorpusCase> cases) => [.. cases.Where(Matches)];

    public override string ToString() => IsEverything
        ? "all cases"
        : string.Join(", ", new[]
        {
            Group is null ? null : $"group {Group}",
            Families.Count == 0 ? null : $"family {string.Join("|", Families)}",
            CasePatterns.Count == 0 ? null : $"case {string.Join("|", CasePatterns)}",
        }.Where(s => s is not null));

    /// <summary>Takes the filter options out of <paramref name="args"/>; the rest is returned untouched, in order.</summary>
    public static (CaseFilter Filter, List<string> Remaining) Parse(IReadOnlyList<string> args)
    {
        string? group = null;
        var families = new List<string>();
        var cases = new List<string>();
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--group":
                    group = Value(args, ref i);
                    if (group is not (CorpusCase.TextbookGroup or CorpusCase.ScalingGroup))
                    {
                        throw new ArgumentException($"--group must be '{CorpusCase.TextbookGroup}' or '{CorpusCase.ScalingGroup}', not '{group}'.");
                    }

                    break;
                case "--family":
                    families.AddRange(Split(Value(args, ref i)));
                    break;
                case "--case":
                    cases.AddRange(Split(Value(args, ref i)));
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return (new CaseFilter(group, families, cases), rest);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static IEnumerable<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);
}
