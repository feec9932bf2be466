namespace CalcApi.Domain.Export;

/// <summary>
/// Hands out local names that clash neither with the language's keywords and the names the generated code uses
/// itself (np, values, the helpers) nor with each other: a variable keeps its own name where it can (W stays W), a
/// clashing one gets a trailing underscore (lambda becomes lambda_), temporaries are t1, t2, ...
/// </summary>
internal sealed class Namer(IEnumerable<string> reserved)
{
    private readonly HashSet<string> _taken = new(reserved, StringComparer.Ordinal);
    private int _next = 1;

    /// <summary>The local for a variable of the expression: its own name unless that is taken.</summary>
    public string Variable(string name)
    {
        var local = name;
        while (_taken.Contains(local))
        {
            local += "_";
        }

        _taken.Add(local);
        return local;
    }

    /// <summary><paramref name="preferred"/> if free, else it with a number: value, value2, ...</summary>
    public string Named(string preferred)
    {
        var local = preferred;
        for (var k = 2; _taken.Contains(local); k++)
        {
            local = $"{preferred}{k}";
        }

        _taken.Add(local);
        return local;
    }

    /// <summary>A fresh temporary: t1, t2, ... (skipping names a variable already has).</summary>
    public string Temporary()
    {
        string local;
        do
        {
            local = $"t{_next++}";
        }
        while (_taken.Contains(local));

        _taken.Add(local);
        return local;
    }
}
