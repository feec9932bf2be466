using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain;

/// <summary>One expression in the three forms every response carries.</summary>
public sealed record Rendered(string Text, string Latex, string MathML)
{
    public static Rendered Of(Expr e) => new(TextPrinter.Print(e), LatexPrinter.Print(e), MathMLPrinter.Print(e));
}
