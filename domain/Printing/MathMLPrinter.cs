using System.Net;
using System.Text;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>
/// Prints an expression as presentation MathML, which browsers render natively and screen readers
/// read aloud. Products use the invisible-times operator, function applications the function-application
/// operator, so the structure is announced correctly.
/// </summary>
public static class MathMLPrinter
{
    private const string InvisibleTimes = "&#x2062;";
    private const string ApplyFunction = "&#x2061;";

    public static string Print(Expr e, PrintStyle? style = null) => Print(Visual.Of(e, style));

    /// <summary>A condition of the domain, one comparison in one row.</summary>
    public static string Print(Condition c, PrintStyle? style = null)
    {
        var sb = new StringBuilder("<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow>");
        Write(sb, Visual.Of(c.Left, style));
        sb.Append("<mo>").Append(c.Relation switch
        {
            Relation.Greater => "&gt;",
            Relation.GreaterOrEqual => "&#x2265;",
            Relation.Less => "&lt;",
            Relation.LessOrEqual => "&#x2264;",
            _ => "&#x2260;",
        }).Append("</mo>");
        Write(sb, Visual.Of(c.Right, style));
        return sb.Append("</mrow></math>").ToString();
    }

    /// <summary>Prints a visual form already built (<see cref="Rendered"/> builds it once for all three printers).</summary>
    internal static string Print(View view)
    {
        var sb = new StringBuilder("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">");
        Write(sb, view);
        return sb.Append("</math>").ToString();
    }

    private static void Write(StringBuilder sb, View v)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();

        switch (v)
        {
            case VNumber n:
                sb.Append("<mn>").Append(n.Digits).Append("</mn>");
                break;
            case VName n:
                WriteName(sb, n.Name);
                break;
            case VNegate n:
                sb.Append("<mrow><mo>&#x2212;</mo>");
                Write(sb, n.Operand);
                sb.Append("</mrow>");
                break;
            case VSum s:
                sb.Append("<mrow>");
                for (var i = 0; i < s.Terms.Count; i++)
                {
                    var (minus, term) = s.Terms[i];
                    if (i > 0 || minus)
                    {
                        sb.Append(minus ? "<mo>&#x2212;</mo>" : "<mo>+</mo>");
                    }

                    Write(sb, term);
                }

                sb.Append("</mrow>");
                break;
            case VProduct p:
                sb.Append("<mrow>");
                for (var i = 0; i < p.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(p.Factors[i] is VNumber ? "<mo>&#x22C5;</mo>" : $"<mo>{InvisibleTimes}</mo>");
                    }

                    Write(sb, p.Factors[i]);
                }

                sb.Append("</mrow>");
                break;
            case VFraction f:
                sb.Append("<mfrac>");
                Write(sb, Grouping.Ungrouped(f.Numerator));
                Write(sb, Grouping.Ungrouped(f.Denominator));
                sb.Append("</mfrac>");
                break;
            case VMatMul m:
                sb.Append("<mrow>");
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    sb.Append(i > 0 ? $"<mo>{InvisibleTimes}</mo>" : "");
                    Write(sb, m.Factors[i]);
                }

                sb.Append("</mrow>");
                break;
            case VElementwise w:
                sb.Append("<mrow>");
                foreach (var (op, operand) in w.Items)
                {
                    sb.Append(op switch { "" => "", "*" => $"<mo>{InvisibleTimes}</mo>", ".*" => "<mo>&#x2299;</mo>", "./" => "<mo>&#x2298;</mo>", _ => "<mo>/</mo>" });
                    Write(sb, operand);
                }

                sb.Append("</mrow>");
                break;
            case VTranspose t:
                sb.Append("<msup>");
                Write(sb, t.Operand);
                sb.Append("<mi mathvariant=\"normal\">T</mi></msup>");
                break;
            case VMatrixCall { Notation: MatrixNotation.InverseSuperscript } c:
                sb.Append("<msup>");
                Write(sb, c.Argument);
                sb.Append("<mrow><mo>&#x2212;</mo><mn>1</mn></mrow></msup>");
                break;
            case VMatrixCall { Notation: MatrixNotation.DoubleBars } c:
                sb.Append("<mrow><mo>&#x2016;</mo>");
                Write(sb, c.Argument);
                sb.Append("<mo>&#x2016;</mo></mrow>");
                break;
            case VMatrixCall c:
                sb.Append("<mrow><mi>").Append(MatrixFunctionCatalog.Of(c.Function).MathML).Append("</mi><mo>").Append(ApplyFunction).Append("</mo><mrow><mo>(</mo>");
                Write(sb, c.Argument);
                sb.Append("<mo>)</mo></mrow></mrow>");
                break;
            case VFilled o:
                sb.Append(o.Name == "ones" ? "<msub><mn mathvariant=\"bold\">1</mn>" : "<msub><mn mathvariant=\"bold\">0</mn>").Append("<mrow><mi>").Append(o.Rows).Append("</mi><mo>&#x00D7;</mo><mi>").Append(o.Cols).Append("</mi></mrow></msub>");
                break;
            case VPower p:
                sb.Append("<msup>");
                Write(sb, p.Base);
                Write(sb, Grouping.Ungrouped(p.Exponent));
                sb.Append("</msup>");
                break;
            case VCall c when FunctionCatalog.Of(c.Function).Notation == CallNotation.PowerOfE:
                sb.Append("<msup><mi>e</mi>");
                Write(sb, c.Argument);
                sb.Append("</msup>");
                break;
            case VCall c when FunctionCatalog.Of(c.Function).Notation == CallNotation.Bars:
                sb.Append("<mrow><mo>|</mo>");
                Write(sb, c.Argument);
                sb.Append("<mo>|</mo></mrow>");
                break;
            case VCall c:
                var name = c.Function == Function.Log ? c.Spelling : FunctionCatalog.Of(c.Function).MathML;
                sb.Append("<mrow><mi>").Append(name).Append("</mi><mo>").Append(ApplyFunction).Append("</mo><mrow><mo>(</mo>");
                Write(sb, c.Argument);
                sb.Append("<mo>)</mo></mrow></mrow>");
                break;
            case VDiff d:
                sb.Append("<mrow><mfrac><mi>d</mi><mrow><mi>d</mi>");
                WriteName(sb, d.Variable);
                sb.Append("</mrow></mfrac><mrow><mo>(</mo>");
                Write(sb, Grouping.Ungrouped(d.Operand));
                sb.Append("<mo>)</mo></mrow></mrow>");
                break;
            case VDifferential d:
                sb.Append("<mrow><mi>d</mi>");
                if (Grouping.Ungrouped(d.Operand) is VName)
                {
                    Write(sb, Grouping.Ungrouped(d.Operand));
                }
                else
                {
                    sb.Append("<mrow><mo>(</mo>");
                    Write(sb, Grouping.Ungrouped(d.Operand));
                    sb.Append("<mo>)</mo></mrow>");
                }

                sb.Append("</mrow>");
                break;
            case VSqrt r:
                sb.Append("<msqrt>");
                Write(sb, r.Operand);
                sb.Append("</msqrt>");
                break;
            case VGroup g:
                sb.Append("<mrow><mo>(</mo>");
                Write(sb, g.Operand);
                sb.Append("<mo>)</mo></mrow>");
                break;
            default:
                throw new InvalidOperationException($"Cannot print {v.GetType().Name}.");
        }
    }

    private static void WriteName(StringBuilder sb, string name)
    {
        if (name == "pi")
        {
            sb.Append("<mi>π</mi>");
            return;
        }

        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0 && underscore < name.Length - 1)
        {
            sb.Append("<msub><mi>").Append(WebUtility.HtmlEncode(name[..underscore])).Append("</mi><mi>")
              .Append(WebUtility.HtmlEncode(name[(underscore + 1)..])).Append("</mi></msub>");
            return;
        }

        var mathvariant = name.Length > 1 ? " mathvariant=\"normal\"" : "";
        sb.Append("<mi").Append(mathvariant).Append('>').Append(WebUtility.HtmlEncode(name)).Append("</mi>");
    }
}
