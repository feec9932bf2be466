using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace CalcApi.Bench.Benchmarks;

/// <summary>
/// A job short enough for the whole corpus (240 benchmarks) to run in a few minutes on two cores:
/// in process, one launch, 1 warm-up and 5 measured iterations of about 50 ms each (about a second
/// per benchmark with the pilot stage). Good for ratios and trends; for a more precise number of a
/// few cases, rerun them with <c>--job default</c>.
/// </summary>
public static class ShortRunConfig
{
    /// <summary>Advises iterations of at least 100 ms, once per benchmark: these are short on purpose.</summary>
    private const string MinIterationTimeAnalyser = "MinIterationTime";

    /// <param name="adjust">Changes to the job, for a benchmark class that needs them (the optimizer's runs are long operations).</param>
    public static IConfig Create(string artifactsPath, Func<Job, Job>? adjust = null)
    {
        var defaults = DefaultConfig.Instance;
        return ManualConfig.CreateEmpty()
            .AddColumnProvider([.. defaults.GetColumnProviders()])
            .AddExporter([.. defaults.GetExporters()])
            .AddLogger([.. defaults.GetLoggers()])
            .AddValidator([.. defaults.GetValidators()])
            .AddAnalyser([.. defaults.GetAnalysers().Where(a => a.Id != MinIterationTimeAnalyser)])
            .WithOptions(defaults.Options)
            .AddJob((adjust ?? (job => job))(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1)
                .WithWarmupCount(1)
                .WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(50))
                .WithId("Short"))
                .AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .HideColumns(Column.Job, Column.Error, Column.RatioSD, Column.AllocRatio)
            .WithSummaryStyle(SummaryStyle.Default.WithMaxParameterColumnWidth(40))
            .WithArtifactsPath(artifactsPath);
    }
}
