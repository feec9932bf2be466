using System.Text;
using CalcApi.Domain.Tests.Matrix;

namespace CalcApi.Domain.Tests.Export;

/// <summary>
/// Every identity of the Matrix Cookbook table (<see cref="CookbookIdentityTests.Identities"/>, concrete non-square sizes
/// and domains such as positive or symmetric positive-definite matrices): its gradients exported as NumPy pass the
/// file's own check. One Python process imports every file, so the hundred cases cost about a second.
/// </summary>
public sealed class ExportCookbookTests
{
    [Fact]
    public void Every_cookbook_identity_exported_as_numpy_passes_its_gradient_check()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (identity, k) in CookbookIdentityTests.Identities.Select((identity, k) => (identity, k)))
        {
            var declarations = MatrixTestKit.Declarations(identity.Specs);
            var answer = Calculus.Export(new ExportQuery(identity.Expression, declarations, identity.WrtNames, "numpy"), ExportedProgram.Limits);
            Assert.True(answer.IsSuccess, $"{identity}: {answer.Error?.Detail}");
            files[$"case{k}.py"] = answer.Value.Code;
            names[$"case{k}"] = identity.ToString();
        }

        var driver = new StringBuilder("import io, contextlib, importlib\n");
        driver.AppendLine($"for name in [{string.Join(", ", names.Keys.Select(n => $"'{n}'"))}]:");
        driver.AppendLine("    out = io.StringIO()");
        driver.AppendLine("    with contextlib.redirect_stdout(out):");
        driver.AppendLine("        status = importlib.import_module(name)._check()");
        driver.AppendLine("    print(name, status, out.getvalue().strip().splitlines()[-1])");

        var run = ExportedProgram.RunPythonFiles(files, driver.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        var failures = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.EndsWith(" 0 gradient check passed", StringComparison.Ordinal))
            .Select(line => $"{names.GetValueOrDefault(line.Split(' ')[0], "?")}: {line}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(names.Count, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
