using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CalcApi.Bench.Optimizer;

namespace CalcApi.Bench.Benchmarks;

/// <summary>Gradient-descent iterations per second of an <see cref="OptimizerBenchmarks"/> operation: the problem's iteration count over the mean.</summary>
public sealed class IterationsPerSecondColumn : IColumn
{
    public string Id => nameof(IterationsPerSecondColumn);

    public string ColumnName => "Iterations/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Gradient-descent iterations per second: the problem's iterations per operation over the Mean";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var nanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (nanoseconds is not > 0 || benchmarkCase.Parameters[nameof(OptimizerBenchmarks.Problem)] is not string id)
        {
            return "NA";
        }

        var perSecond = OptimizerProblem.Get(id).Iterations / (nanoseconds.Value * 1e-9);
        return perSecond switch
        {
            >= 1e6 => (perSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M",
            >= 1e3 => (perSecond / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " k",
            _ => perSecond.ToString("0.0", CultureInfo.InvariantCulture),
        };
    }

    public override string ToString() => ColumnName;
}
