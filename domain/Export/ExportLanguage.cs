namespace CalcApi.Domain.Export;

/// <summary>The languages gradient code is exported to (contract section 9).</summary>
public enum ExportLanguage
{
    NumPy,
    PyTorch,
    CSharp,
}

/// <summary>Each language's name in requests and the file its code is meant to be saved as.</summary>
public static class ExportLanguages
{
    /// <summary>The names a request may give, in the order error messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["numpy", "pytorch", "csharp"];

    public static string NameOf(ExportLanguage language) => Names[(int)language];

    /// <summary>The file the code runs as: <c>python3 gradient.py</c>, <c>dotnet run gradient.cs</c>.</summary>
    public static string FileNameOf(ExportLanguage language) => language == ExportLanguage.CSharp ? "gradient.cs" : "gradient.py";

    /// <summary>The language a request names (exactly, in lower case), or null.</summary>
    public static ExportLanguage? Find(string? name)
    {
        var index = name is null ? -1 : Names.ToList().IndexOf(name);
        return index < 0 ? null : (ExportLanguage)index;
    }
}
