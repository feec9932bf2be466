using System.Runtime.CompilerServices;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>Makes <see cref="Expr.ToString"/> print the contract's text, without the algebra referring to the printers.</summary>
internal static class TextFormat
{
    // CA2255 warns libraries off module initializers; here one is the point: the printing layer installs
    // itself when the engine's assembly loads, before any expression can be printed.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install() => Expr.Format = e => TextPrinter.Print(e);
}
