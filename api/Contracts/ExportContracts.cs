using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CalcApi.Domain;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks for code that computes a scalar function and its gradients (contract section 9).</summary>
public sealed record ExportRequest
{
    /// <summary>The scalar function f, e.g. <c>(a'*W*b - c)^2</c>. Vectors are columns; <c>a'</c> is a row.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`expression` is required: the scalar function whose gradient code to export, e.g. \"(a'*W*b - c)^2\".")]
    public string? Expression { get; init; }

    /// <summary>
    /// Kinds of the names, as for /api/matrix-gradient: <c>{"a": "vector", "W": "matrix", "c": "scalar"}</c>, or the long
    /// form <c>{"kind": "matrix", "rows": "n", "cols": 3, "symmetric": true}</c>. A name left out is a scalar.
    /// </summary>
    public JsonElement? Variables { get; init; }

    /// <summary>The variable (a name) or variables (an array of names) whose gradients the code computes; defaults to every vector and matrix variable.</summary>
    public JsonElement? Wrt { get; init; }

    /// <summary><c>numpy</c> (the default), <c>pytorch</c> (plain tensors, no autograd) or <c>csharp</c> (a .NET 10 file-based program).</summary>
    public string? Language { get; init; }

    /// <summary>The engine's query, reading <c>variables</c> and <c>wrt</c> in that order.</summary>
    public Outcome<ExportQuery> ToQuery() =>
        DeclarationReader.Read(Variables).Then(variables =>
        NameListReader.Read(Wrt, "wrt").Map(wrt => new ExportQuery(Expression!, variables, wrt, Language ?? "numpy")));
}

/// <summary>The code, and the file to save it as.</summary>
public sealed record ExportResponse
{
    /// <summary>The language of the code: numpy, pytorch or csharp.</summary>
    public required string Language { get; init; }

    /// <summary>The file the code runs as: <c>gradient.py</c> (<c>python3 gradient.py</c>) or <c>gradient.cs</c> (<c>dotnet run gradient.cs</c>).</summary>
    public required string Filename { get; init; }

    /// <summary>The variables the gradients are with respect to, in order (the keys of the dictionary the function returns).</summary>
    public required IReadOnlyList<string> Wrt { get; init; }

    /// <summary>
    /// The whole file: <c>value_and_gradients(values)</c> (C#: <c>Exported.ValueAndGradients(values)</c>) returning f and
    /// a dictionary of gradients shaped like their variables, every shared sub-expression computed once; run as a
    /// program it checks the gradients against central finite differences at a random point and prints
    /// <c>gradient check passed</c> (exit 0) or the discrepancy (exit 1).
    /// </summary>
    public required string Code { get; init; }

    public static ExportResponse From(ExportAnswer answer) => new() { Language = answer.Language, Filename = answer.FileName, Wrt = answer.Wrt, Code = answer.Code };
}
