namespace CalcApi.Domain.Printing;

/// <summary>
/// Choices of spelling that belong to an answer, not to the algebra: one answer spells a function one way
/// throughout. The front door takes them from the input (a text that writes log(x) gets log back).
/// </summary>
/// <param name="NaturalLog">How the natural log is written: ln (the default, as the lecture writes it) or log.</param>
public sealed record PrintStyle(string NaturalLog = "ln")
{
    public static PrintStyle Default { get; } = new();
}
