using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CalcApi.Domain.Tests.Export;

/// <summary>
/// The benchmark corpus of scalar functions (bench/data/scalar-corpus.jsonl, 120 textbook and stress cases), exported as
/// NumPy: each file passes its own gradient check, and at the corpus's point its derivative is the engine's (which is
/// exact to 1e-9) within what double precision can promise for straight-line code (1e-7 relative).
/// </summary>
public sealed class ExportCorpusTests
{
    [Fact]
    public void Every_corpus_function_exported_as_numpy_passes_its_check_and_agrees_with_the_engine_at_the_point()
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var driver = new StringBuilder("import io, contextlib, importlib\n");
        var expected = new Dictionary<string, (string Id, double Derivative)>(StringComparer.Ordinal);
        foreach (var (line, k) in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "scalar-corpus.jsonl")).Where(l => l.Trim().Length > 0).Select((l, k) => (l, k)))
        {
            var root = JsonDocument.Parse(line).RootElement;
            var (id, expression, variable) = (root.GetProperty("id").GetString()!, root.GetProperty("expression").GetString()!, root.GetProperty("variable").GetString()!);
            var at = root.GetProperty("at");
            var derivative = Calculus.Differentiate(new DerivativeQuery(expression, variable, 1,
                at.EnumerateObject().ToDictionary(p => p.Name, p => CalcApi.Domain.Evaluation.Value.Of(p.Value.GetDouble()))), ExportedProgram.Limits);
            var answer = Calculus.Export(new ExportQuery(expression, ExportedProgram.Declarations($"{variable}:scalar"), [variable], "numpy"), ExportedProgram.Limits);
            Assert.True(answer.IsSuccess, $"{id}: {answer.Error?.Detail}");
            if (derivative is not { IsSuccess: true, Value.Value: { } value })
            {
                continue;
            }

            files[$"case{k}.py"] = answer.Value.Code;
            expected[$"case{k}"] = (id, value);
            driver.AppendLine("out = io.StringIO()");
            driver.AppendLine("with contextlib.redirect_stdout(out):");
            driver.AppendLine($"    module = importlib.import_module('case{k}')");
            driver.AppendLine("    status = module._check()");
            driver.AppendLine($"    gradient = float(module.value_and_gradients({at.GetRawText()})[1]['{variable}'])");
            driver.AppendLine($"print('case{k}', status, repr(gradient))");
        }

        // The engine answers a value at the corpus's point for nearly every case (a few are refused there as outside the domain).
        Assert.True(expected.Count >= 100, $"only {expected.Count} cases have a value to compare with");
        var run = ExportedProgram.RunPythonFiles(files, driver.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        var failures = new List<string>();
        foreach (var line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            var (id, engine) = expected[parts[0]];
            var exported = double.Parse(parts[2], CultureInfo.InvariantCulture);
            if (parts[1] != "0" || !(Math.Abs(exported - engine) <= 1e-7 * Math.Max(1e-5, Math.Abs(engine))))
            {
                failures.Add($"{id}: check exit {parts[1]}, derivative {exported:R}, the engine's {engine:R}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(expected.Count, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
