using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Shapes;

namespace CalcApi.Api.Contracts;

/// <summary>
/// Reads <c>variables</c> of the matrix endpoints: each name maps to a kind (<c>"scalar"</c>,
/// <c>"vector"</c>, <c>"matrix"</c>) or to a long form <c>{"kind": "matrix", "rows": "n", "cols": 3}</c>,
/// <c>{"shape": [2, 3]}</c>, with <c>"symmetric": true</c> allowed on square matrices.
/// </summary>
public static class DeclarationReader
{
    /// <summary>Reads the field; text that is not valid Unicode (a lone surrogate escape) is an error like any other.</summary>
    public static Outcome<IReadOnlyDictionary<string, VariableDeclaration>?> Read(JsonElement? json)
    {
        try
        {
            return ReadUnchecked(json);
        }
        catch (InvalidOperationException)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid text", "A name or value in the request is not valid Unicode text (it has a lone surrogate escape such as \\ud800).");
        }
    }

    private static Outcome<IReadOnlyDictionary<string, VariableDeclaration>?> ReadUnchecked(JsonElement? json)
    {
        if (json is not { } variables || variables.ValueKind == JsonValueKind.Null)
        {
            return Outcome<IReadOnlyDictionary<string, VariableDeclaration>?>.Success(null);
        }

        if (variables.ValueKind != JsonValueKind.Object)
        {
            return Invalid("`variables` must be an object mapping names to kinds, such as {\"a\": \"vector\", \"W\": \"matrix\"}.");
        }

        var result = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
        foreach (var property in variables.EnumerateObject())
        {
            if (!Calculus.IsName(property.Name))
            {
                return Invalid($"`variables` declares '{property.Name}', which is not a name of the language (letters, digits, _).");
            }

            var declaration = ReadOne(property.Name, property.Value);
            if (!declaration.IsSuccess)
            {
                return declaration.Error;
            }

            result[property.Name] = declaration.Value;
        }

        return Outcome<IReadOnlyDictionary<string, VariableDeclaration>?>.Success(result);
    }

    private static Outcome<VariableDeclaration> ReadOne(string name, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return Kind(name, json.GetString()!) is { } kind
                ? new VariableDeclaration(kind)
                : Invalid($"`variables` gives '{name}' the kind \"{json.GetString()}\"; the kinds are \"scalar\", \"vector\" and \"matrix\".");
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            return Invalid($"`variables` must give '{name}' a kind (\"scalar\", \"vector\", \"matrix\") or an object such as {{\"kind\": \"matrix\", \"rows\": 2, \"cols\": \"n\"}}.");
        }

        VariableKind? declared = null;
        Dim? rows = null, cols = null;
        var symmetric = false;
        foreach (var field in json.EnumerateObject())
        {
            switch (field.Name)
            {
                case "kind" when field.Value.ValueKind == JsonValueKind.String && Kind(name, field.Value.GetString()!) is { } k:
                    declared = k;
                    break;
                case "rows" or "length":
                    rows = Size(field.Value);
                    if (rows is null)
                    {
                        return BadSize(name, field.Name);
                    }

                    break;
                case "cols":
                    cols = Size(field.Value);
                    if (cols is null)
                    {
                        return BadSize(name, field.Name);
                    }

                    break;
                case "shape" when field.Value.ValueKind == JsonValueKind.Array && field.Value.GetArrayLength() is 1 or 2:
                    rows = Size(field.Value[0]);
                    cols = field.Value.GetArrayLength() == 2 ? Size(field.Value[1]) : Dim.One;
                    if (rows is null || cols is null)
                    {
                        return BadSize(name, "shape");
                    }

                    declared ??= field.Value.GetArrayLength() == 1 ? VariableKind.Vector : VariableKind.Matrix;
                    break;
                case "symmetric" when field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    symmetric = field.Value.GetBoolean();
                    break;
                default:
                    return Invalid($"`variables` gives '{name}' the field \"{field.Name}\" with {field.Value.GetRawText()}, which is not understood; the fields are kind, rows, cols, shape and symmetric.");
            }
        }

        var kindOf = declared ?? (cols is { IsOne: true } ? VariableKind.Vector : VariableKind.Matrix);
        if (kindOf == VariableKind.Scalar)
        {
            return VariableDeclaration.Scalar;
        }

        if (symmetric && kindOf != VariableKind.Matrix)
        {
            return Invalid($"'{name}' is declared symmetric, but only a square matrix can be symmetric.");
        }

        return kindOf == VariableKind.Vector
            ? VariableDeclaration.Vector(rows)
            : VariableDeclaration.Matrix(rows, cols, symmetric);
    }

    private static VariableKind? Kind(string name, string kind) => kind.ToLowerInvariant() switch
    {
        "scalar" => VariableKind.Scalar,
        "vector" => VariableKind.Vector,
        "matrix" => VariableKind.Matrix,
        _ => null,
    };

    private static Dim? Size(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number when json.TryGetInt32(out var n) && n > 0 => Dim.Of(n),
        JsonValueKind.String when json.GetString() is { } s && Calculus.IsName(s) => Dim.Symbolic(s),
        _ => null,
    };

    private static CalcError BadSize(string name, string field) =>
        Invalid($"`variables` gives '{name}' a {field} that is not a positive whole number or a size name such as \"n\".");

    private static CalcError Invalid(string detail) => new(ErrorKind.InvalidArgument, "Invalid variables", detail);
}
