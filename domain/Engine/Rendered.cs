using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Engine;

/// <summary>One expression in the three forms every response carries.</summary>
public sealed record Rendered(string Text, string Latex, string MathML)
{
    /// <summary>The visual form is built once and printed three ways.</summary>
    /// <summary>A condition of the domain in the three forms.</summary>
    public static Rendered Of(Condition c, PrintStyle? style = null) =>
        new(TextPrinter.Print(c, style), LatexPrinter.Print(c, style), MathMLPrinter.Print(c, style));

    public static Rendered Of(Expr e, PrintStyle? style = null)
    {
        var view = Visual.Of(e, style, out var repeated);
        return new(TextPrinter.Print(view, repeated), LatexPrinter.Print(view), MathMLPrinter.Print(view));
    }
}
