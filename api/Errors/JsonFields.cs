using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CalcApi.Api.Errors;

/// <summary>
/// Names a request field from System.Text.Json's path ($.optimizer.learningRate, $.xRange[0]) and says which
/// JSON type it takes, from the request's own type: a 400 for a field of the wrong type says what to send,
/// never a runtime type name (System.Nullable`1[System.Int32]).
/// </summary>
public static partial class JsonFields
{
    /// <summary>The field as the request writes it: optimizer.learningRate, xRange[0].</summary>
    public static string Name(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    /// <summary>The fields of the object that holds <paramref name="field"/> (a dotted path into <paramref name="requestType"/>), camelCase, as a request writes them.</summary>
    public static IReadOnlyList<string> Known(Type? requestType, string field)
    {
        var type = requestType;
        var parts = field.Split('.');
        foreach (var part in parts[..^1])
        {
            type = type?.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(p.Name), part.Split('[')[0], StringComparison.OrdinalIgnoreCase))?.PropertyType;
            type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        }

        return type is null || type == typeof(string) || type.IsPrimitive ? [] :
            [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];
    }

    /// <summary>The field and the JSON type it takes, or null when the path does not lead to a property of <paramref name="requestType"/>.</summary>
    public static (string Name, string Expected)? Describe(Type? requestType, string path)
    {
        var type = requestType;
        foreach (Match segment in Segments().Matches(path))
        {
            if (type is null)
            {
                return null;
            }

            if (segment.Groups["index"].Success)
            {
                type = ElementType(type);
                continue;
            }

            var name = segment.Groups["name"].Value;
            type = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(JsonNamingPolicy.CamelCase.ConvertName(p.Name), name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }

        return type is null || type == requestType || Expected(type) is not { } expected ? null : (Name(path), expected);
    }

    private static string? Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement))
        {
            return null; // read by the endpoint itself, which names what it wanted
        }

        if (type == typeof(string))
        {
            return "a string";
        }

        if (type == typeof(bool))
        {
            return "true or false";
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return "a whole number, such as 2 (a JSON number, not a string)";
        }

        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            return "a number, such as 0.5 (a JSON number, not a string)";
        }

        if (ElementType(type) is { } element)
        {
            var of = Nullable.GetUnderlyingType(element) ?? element;
            return of == typeof(string) ? "an array of strings"
                : of == typeof(double) || of == typeof(int) ? "an array of numbers"
                : "an array";
        }

        return type.IsClass ? "an object" : null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable
            ? enumerable.GetGenericArguments()[0]
            : null;

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\['(?<name>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segments();
}
