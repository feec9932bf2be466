namespace CalcApi.Api.Contracts;

/// <summary>The responses' maps keyed by variable, in the engine's order (JSON objects written in that order).</summary>
public static class ByVariable
{
    public static OrderedDictionary<string, TResponse> Map<T, TResponse>(IReadOnlyList<T> items, Func<T, string> variable, Func<T, TResponse> response)
    {
        var map = new OrderedDictionary<string, TResponse>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            map.Add(variable(item), response(item));
        }

        return map;
    }
}
