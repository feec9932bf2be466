using System.Diagnostics;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Tests.Export;

/// <summary>What a program printed and how it exited.</summary>
public sealed record ProgramRun(int ExitCode, string Output, string Errors)
{
    public override string ToString() => $"exit {ExitCode}\n{Output}\n{Errors}";
}

/// <summary>Exports code through the engine and runs it: Debian's Python 3 with NumPy, or a .NET 10 file-based program.</summary>
public static class ExportedProgram
{
    /// <summary>Debian's interpreter (python3-numpy is installed for it), not whatever python3 comes first on the PATH.</summary>
    public const string Python = "/usr/bin/python3";

    public static EngineLimits Limits { get; } = new();

    /// <summary>The code for <paramref name="expression"/>, failing the test on an error.</summary>
    public static string Code(string expression, string language, string? variables = null, params string[] wrt)
    {
        var answer = Calculus.Export(new ExportQuery(expression, Declarations(variables), wrt.Length == 0 ? null : wrt, language), Limits);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        return answer.Value.Code;
    }

    /// <summary>"a:vector W:matrix c:scalar S:symmetric X:3x3" as declarations.</summary>
    public static IReadOnlyDictionary<string, VariableDeclaration>? Declarations(string? variables)
    {
        if (variables is null)
        {
            return null;
        }

        var result = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
        foreach (var item in variables.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, kind) = (item.Split(':')[0], item.Split(':')[1]);
            result[name] = kind switch
            {
                "scalar" => VariableDeclaration.Scalar,
                "vector" => VariableDeclaration.Vector(),
                "matrix" => VariableDeclaration.Matrix(),
                "symmetric" => VariableDeclaration.Matrix(symmetric: true),
                _ when kind.Split('x') is [var r, var c] => VariableDeclaration.Matrix(Dim.Of(int.Parse(r, System.Globalization.CultureInfo.InvariantCulture)), Dim.Of(int.Parse(c, System.Globalization.CultureInfo.InvariantCulture))),
                _ => throw new ArgumentException(kind),
            };
        }

        return result;
    }

    /// <summary>Whether <c>import <paramref name="module"/></c> works in Debian's Python.</summary>
    public static bool PythonHas(string module) =>
        File.Exists(Python) && Run(Python, ["-c", $"import {module}"], Path.GetTempPath(), TimeSpan.FromSeconds(60)).ExitCode == 0;

    /// <summary>Saves <paramref name="code"/> as gradient.py in a fresh directory and runs it with <paramref name="arguments"/> after the file.</summary>
    public static ProgramRun RunPython(string code, params string[] arguments) => InTemporaryDirectory("gradient.py", code, dir => Run(Python, ["gradient.py", .. arguments], dir, TimeSpan.FromSeconds(120)));

    /// <summary>Runs a Python snippet that imports the exported file as the module <c>gradient</c>.</summary>
    public static ProgramRun RunPythonWith(string code, string snippet) =>
        InTemporaryDirectory("gradient.py", code, dir => Run(Python, ["-c", snippet], dir, TimeSpan.FromSeconds(120)));

    /// <summary>Saves several files in one fresh directory and runs a Python snippet there (one interpreter for many exported files).</summary>
    public static ProgramRun RunPythonFiles(IReadOnlyDictionary<string, string> files, string snippet)
    {
        var directory = Directory.CreateTempSubdirectory("calcapi-export-");
        try
        {
            foreach (var (name, code) in files)
            {
                File.WriteAllText(Path.Combine(directory.FullName, name), code);
            }

            return Run(Python, ["-c", snippet], directory.FullName, TimeSpan.FromMinutes(4));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Saves <paramref name="code"/> as gradient.cs in a fresh directory and runs <c>dotnet run gradient.cs</c> (a build of 15-20 s here).</summary>
    public static ProgramRun RunCSharp(string code) =>
        InTemporaryDirectory("gradient.cs", code, dir => Run("dotnet", ["run", "gradient.cs"], dir, TimeSpan.FromMinutes(4)));

    private static ProgramRun InTemporaryDirectory(string file, string code, Func<string, ProgramRun> run)
    {
        // Outside the repository: its Directory.Build.props (warnings as errors) must not apply to the exported file.
        var directory = Directory.CreateTempSubdirectory("calcapi-export-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, file), code);
            return run(directory.FullName);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static ProgramRun Run(string program, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        return new ProgramRun(process.ExitCode, output.Result, errors.Result);
    }
}
