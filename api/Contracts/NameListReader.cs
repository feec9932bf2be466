using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Reads a field that is one name or a list of names, such as <c>wrt</c>.</summary>
public static class NameListReader
{
    /// <summary>Reads the field; text that is not valid Unicode (a lone surrogate escape) is an error like any other.</summary>
    public static Outcome<IReadOnlyList<string>?> Read(JsonElement? json, string field)
    {
        try
        {
            return ReadUnchecked(json, field);
        }
        catch (InvalidOperationException)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid text", "A name or value in the request is not valid Unicode text (it has a lone surrogate escape such as \\ud800).");
        }
    }

    private static Outcome<IReadOnlyList<string>?> ReadUnchecked(JsonElement? json, string field)
    {
        if (json is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return Outcome<IReadOnlyList<string>?>.Success(null);
        }

        var names = value.ValueKind switch
        {
            JsonValueKind.String => [value.GetString()!],
            JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => value.EnumerateArray().Select(e => e.GetString()!).ToList(),
            _ => null,
        };
        if (names is null)
        {
            return Invalid($"`{field}` must be a name or an array of names, such as \"W\" or [\"W\", \"b\"].");
        }

        var bad = names.FirstOrDefault(n => !Calculus.IsName(n));
        if (bad is not null)
        {
            return Invalid($"`{field}` names '{bad}', which is not a name of the language (letters, digits, _).");
        }

        var repeated = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return repeated is not null
            ? Invalid($"`{field}` names '{repeated.Key}' more than once.")
            : Outcome<IReadOnlyList<string>?>.Success(names.Count == 0 ? null : names);
    }

    private static CalcError Invalid(string detail) => new(ErrorKind.InvalidArgument, "Invalid variables", detail);
}
