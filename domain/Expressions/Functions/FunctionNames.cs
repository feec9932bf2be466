namespace CalcApi.Domain.Expressions;

/// <summary>The names of the language's functions, scalar (from the catalog) and matrix, for binding and error messages.</summary>
public static class FunctionNames
{
    /// <summary>Every function name the language knows, scalar and matrix, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. FunctionCatalog.Names.Order(StringComparer.Ordinal), "sqrt", .. MatrixFunctionCatalog.Names, "transpose", "ones", "zeros", "diff"];

    public static bool TryGet(string name, out Function function)
    {
        var found = FunctionCatalog.TryFind(name, out var entry);
        function = found ? entry.Id : default;
        return found;
    }

}
