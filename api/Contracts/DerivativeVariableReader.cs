using System.Text.Json;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>What differentiate's <c>variable</c> asks for: one name (d^n f / dx^n), or names in the order to differentiate by (a mixed partial).</summary>
public sealed record DerivativeVariable(string? Name, IReadOnlyList<string>? Names)
{
    public static DerivativeVariable None { get; } = new(null, null);
}

/// <summary>
/// Reads differentiate's <c>variable</c>, a string or an array of strings. A value of another JSON type (or an
/// entry that is not a string) is a 400 naming the field, as a typed field's would be (contract section 5); whether
/// the strings are names, and whether the list fits <c>order</c> and maxOrder, is the engine's to say.
/// </summary>
public static class DerivativeVariableReader
{
    public static Outcome<DerivativeVariable> Read(JsonElement? json)
    {
        try
        {
            return ReadUnchecked(json);
        }
        catch (InvalidOperationException)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid text", "`variable` is not valid Unicode text (it has a lone surrogate escape such as \\ud800).") { Field = "variable" };
        }
    }

    /// <summary>The number of names an array gives (the order it asks for), or null for a single name or none: the scheduler's cost estimate reads it before any validation.</summary>
    public static int? ListLength(JsonElement? json) => json is { ValueKind: JsonValueKind.Array } list ? list.GetArrayLength() : null;

    private static Outcome<DerivativeVariable> ReadUnchecked(JsonElement? json)
    {
        switch (json)
        {
            case null or { ValueKind: JsonValueKind.Null }:
                return DerivativeVariable.None;
            case { ValueKind: JsonValueKind.String } name:
                return new DerivativeVariable(name.GetString(), null);
            case { ValueKind: JsonValueKind.Array } list:
                var names = new List<string>(list.GetArrayLength());
                foreach (var entry in list.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.String)
                    {
                        return WrongType($"`variable[{names.Count}]` must be a string (a name), such as \"x\", but it is {Describe(entry)}.");
                    }

                    names.Add(entry.GetString()!);
                }

                return new DerivativeVariable(null, names);
            case { } other:
                return WrongType($"`variable` must be a name or an array of names, such as \"x\" or [\"x\", \"y\"] (the mixed partial d/dy d/dx), but it is {Describe(other)}.");
        }
    }

    private static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        JsonValueKind.Null => "null",
        _ => "of another JSON type",
    };

    /// <summary>A 400 like the one a typed field of the wrong JSON type gives (HttpProblems).</summary>
    private static CalcError WrongType(string detail) => new(ErrorKind.Syntax, "Field of the wrong JSON type", detail) { Field = "variable" };
}
