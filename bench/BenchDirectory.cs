namespace CalcApi.Bench;

/// <summary>The bench/ folder of the repository (where CalcApi.Bench.csproj is), found from the executable upwards.</summary>
public static class BenchDirectory
{
    public const string ProjectFile = "CalcApi.Bench.csproj";

    public static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, ProjectFile)))
            {
                return dir.FullName;
            }
        }

        // Run from a published copy: fall back to the working directory.
        return Directory.GetCurrentDirectory();
    }
}
