using CalcApi.Domain.Binding;

namespace CalcApi.Domain.Export;

/// <summary>
/// One variable the exported code reads from its <c>values</c> dictionary: its name there, the local it is read into,
/// its declared kind, whether the engine treats it as a scalar (a vector of length 1 is one), the sizes its random
/// value takes in the program's own gradient check, and whether it is a symmetric matrix.
/// </summary>
internal sealed record ExportInput(string Name, string Local, VariableKind Kind, bool Scalar, int SampleRows, int SampleCols, bool Symmetric);

/// <summary>One line of straight-line code: <c>local = code</c>.</summary>
internal readonly record struct Statement(string Local, Code Code);

/// <summary>One gradient: the variable's name, the engine's formula (for a comment; null when too long to show), the local it is computed into, and its code.</summary>
internal sealed record ExportGradient(ExportInput Variable, string? Formula, string Local, Code Code);

/// <summary>
/// Everything a language needs to write the file: the inputs, the straight-line statements shared by the value and the
/// gradients (each shared sub-expression once), then the value and each gradient. Language-neutral: the
/// <see cref="Dialect"/> that made the codes writes it out.
/// </summary>
internal sealed record ExportPlan(
    string Expression,
    IReadOnlyList<ExportInput> Inputs,
    IReadOnlyList<Statement> Statements,
    string ValueLocal,
    Code Value,
    IReadOnlyList<ExportGradient> Gradients);
