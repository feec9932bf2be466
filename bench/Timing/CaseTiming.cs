using CalcApi.Bench.Corpus;
using CalcApi.Bench.Engine;

namespace CalcApi.Bench.Timing;

public enum TimingStatus
{
    Measured,
    Timeout,
    Error,
}

/// <summary>
/// The median time of the pipeline on one case, in seconds, over <see cref="Repetitions"/> warm runs, with the
/// sizes of what it read and produced; or why there is no time (a timeout, an engine error).
/// </summary>
public sealed record CaseTiming(CorpusCase Case, TimingStatus Status, double Median, int Repetitions, PipelineResult? Result, string? Error)
{
    public int InputChars => Case.Expression.Length;

    public long? InputNodes => Result?.Input.Size;

    public int? DerivativeChars => Result?.Text.Length;

    public long? DerivativeNodes => Result?.Derivative.Size;

    /// <summary>Characters of the printed derivative per character of input.</summary>
    public double? CharsRatio => DerivativeChars / (double)InputChars;

    /// <summary>Tree nodes of the derivative per tree node of the (bound) input.</summary>
    public double? NodesRatio => DerivativeNodes / (double?)InputNodes;

    public static CaseTiming Failed(CorpusCase c, TimingStatus status, string error) => new(c, status, double.NaN, 0, null, error);
}
