namespace CalcApi.Api.Tests.Support;

/// <summary>Files the project copies next to the test assembly (see the .csproj).</summary>
public static class TestFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, .. parts]);
}
