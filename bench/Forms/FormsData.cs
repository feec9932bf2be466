using System.Text.Json;

namespace CalcApi.Bench.Forms;

/// <summary>
/// The cases of both corpora and SymPy's forms, as copied next to the executable, loaded and checked to match: the
/// report compares nothing unless every case has SymPy's row at the same order.
/// </summary>
public static class FormsData
{
    public const string ScalarCorpus = "data/scalar-corpus.jsonl";
    public const string HighOrderCorpus = "data/high-order-corpus.jsonl";
    public const string SympyForms = "data/sympy-forms.jsonl";

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Every case with SymPy's form of it, in corpus order (the scalar corpus first).</summary>
    public static IReadOnlyList<(FormsCase Case, SympyForm Sympy)> Load()
    {
        var cases = Lines<FormsCase>(ScalarCorpus).Select(c => c.Order == 0 ? c with { Order = 1 } : c)
            .Concat(Lines<FormsCase>(HighOrderCorpus)).ToList();
        var forms = Lines<SympyForm>(SympyForms).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var pairs = new List<(FormsCase, SympyForm)>(cases.Count);
        foreach (var c in cases)
        {
            if (!forms.Remove(c.Id, out var form) || form.Order != c.Order)
            {
                throw new InvalidDataException($"{SympyForms} has no row for case '{c.Id}' at order {c.Order}: run tools/sympy-forms.py again.");
            }

            pairs.Add((c, form));
        }

        return forms.Count == 0
            ? pairs
            : throw new InvalidDataException($"{SympyForms} has rows for cases no corpus has: {string.Join(", ", forms.Keys)}.");
    }

    private static IEnumerable<T> Lines<T>(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, relativePath);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return JsonSerializer.Deserialize<T>(line, Options) ?? throw new InvalidDataException($"{path}:{lineNumber}: the line is null.");
            }
        }
    }
}
