using System.Diagnostics;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>
/// A client generated from the document is usable: openapi-typescript (pinned in clients/typescript) writes the
/// types, and clients/typescript/example.ts, which calls differentiate and check with them, type-checks. The served
/// document is also left at clients/typescript/generated/openapi.json, where .ci/run lints it with Redocly.
/// </summary>
public sealed class OpenApiTypeScriptClientTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static readonly string Client = Path.Combine(OpenApiContractTests.RepositoryRoot(), "clients", "typescript");
    private static readonly string Generated = Path.Combine(Client, "generated");

    [Fact]
    public async Task The_served_document_is_written_for_the_linter_and_the_generator()
    {
        var written = await WriteDocumentAsync();

        Assert.Equal(await ServedDocument.TextAsync(factory), await File.ReadAllTextAsync(written));
    }

    [SkippableFact]
    public async Task The_example_program_type_checks_against_the_generated_client()
    {
        var npm = Executable("npm");
        Skip.If(Executable("node") is null || npm is null, "Node.js and npm are not installed: the TypeScript client cannot be generated here.");
        if (!File.Exists(Path.Combine(Client, "node_modules", ".bin", "tsc")))
        {
            // The pinned tools, exactly as the lockfile has them (.ci/run does this before the tests).
            Run(npm!, "ci --no-audit --no-fund");
        }

        var document = await WriteDocumentAsync();
        Run(Path.Combine(Client, "node_modules", ".bin", "openapi-typescript"), $"\"{document}\" --output generated/calcapi.d.ts");
        var types = await File.ReadAllTextAsync(Path.Combine(Generated, "calcapi.d.ts"));
        Run(Path.Combine(Client, "node_modules", ".bin", "tsc"), "--noEmit --project tsconfig.json");

        Assert.Contains("stopReason: \"tolerance\" | \"maxIterations\" | \"diverged\" | \"timeLimit\" | \"outsideDomain\";", types, StringComparison.Ordinal);
        Assert.Contains("Value: number | number[] | number[][];", types, StringComparison.Ordinal);
    }

    /// <summary>The served document, written whole or not at all (a concurrent reader never sees half a file).</summary>
    private async Task<string> WriteDocumentAsync()
    {
        Directory.CreateDirectory(Generated);
        var target = Path.Combine(Generated, "openapi.json");
        var temporary = Path.Combine(Generated, $"openapi.{Guid.NewGuid():N}.tmp");
        await File.WriteAllTextAsync(temporary, await ServedDocument.TextAsync(factory));
        File.Move(temporary, target, overwrite: true);
        return target;
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Client,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {arguments} did not finish within 3 minutes.");
        }

        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} {arguments} exited with {process.ExitCode}:\n{output.Result}\n{error.Result}");
    }

    private static string? Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}
