using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// <c>bench/results/optimizer.md</c>: one section per mode (the Stopwatch report and BenchmarkDotNet's
/// table), each rewritten by its own mode between HTML comment markers, leaving the other as it was.
/// </summary>
public static class OptimizerResults
{
    public const string ResultsFile = "results/optimizer.md";

    private const string Header = """
        # Optimizer: the engine against a hand-written loop

        Gradient descent on the same loss, from the same start, for the same number of steps: the
        engine (the loss and its gradient derived once and compiled, run by `DescentRun`) against plain
        C# loops written for that one loss. How the figures are made and what they mean: `bench/README.md`,
        "Optimizer". Each section below is rewritten by its own mode.

        """;

    public static string Path => System.IO.Path.Combine(BenchDirectory.Locate(), ResultsFile);

    /// <summary>Replaces (or appends) the section <paramref name="key"/> of the results file.</summary>
    public static void WriteSection(string key, string markdown)
    {
        var begin = $"<!-- begin {key} -->";
        var end = $"<!-- end {key} -->";
        var block = $"{begin}\n{markdown.TrimEnd()}\n{end}\n";
        var text = File.Exists(Path) ? File.ReadAllText(Path) : Header;
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from >= 0 && to > from)
        {
            var rest = text[(to + end.Length)..].TrimStart('\n');
            text = text[..from] + block + (rest.Length > 0 ? "\n" + rest : "");
        }
        else
        {
            text = text.TrimEnd() + "\n\n" + block;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, text);
    }

    /// <summary>What the figures were measured on: they are only comparable on the same machine.</summary>
    public static string Machine()
    {
        var vectors = Vector512.IsHardwareAccelerated ? "512-bit" : Vector256.IsHardwareAccelerated ? "256-bit" : Vector128.IsHardwareAccelerated ? "128-bit" : "none";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Cpu()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSArchitecture}, hardware vectors: {vectors}");
    }

    private static string Cpu()
    {
        try
        {
            const string CpuInfo = "/proc/cpuinfo";
            var line = File.Exists(CpuInfo) ? File.ReadLines(CpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
            return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }
}
