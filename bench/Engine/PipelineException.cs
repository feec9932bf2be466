using CalcApi.Domain.Errors;

namespace CalcApi.Bench.Engine;

/// <summary>The engine refused a corpus case (it should not: every case is valid input).</summary>
public sealed class PipelineException(string caseId, CalcError error)
    : Exception($"{caseId}: {error.Title}: {error.Detail}")
{
    public CalcError Error { get; } = error;
}
