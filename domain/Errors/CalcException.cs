namespace CalcApi.Domain.Errors;

/// <summary>
/// Carries a <see cref="CalcError"/> out of a deep recursive pass (a node budget hit halfway through a
/// derivative, say). It never leaves the domain: <see cref="ThrownErrors"/> turns it back into a value.
/// </summary>
internal sealed class CalcException(CalcError error) : Exception(error.Detail)
{
    public CalcError Error { get; } = error;
}
