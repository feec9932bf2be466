using System.Text;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>
/// Prints an expression in the contract's language, with as few parentheses as parse back to the same
/// expression: parse(print(e)) == e for every canonical e.
/// </summary>
public static class TextPrinter
{
    public static string Print(Expr e, PrintStyle? style = null) => Print(Visual.Of(e, style));

    /// <summary>A condition of the domain, one comparison: x > 0.</summary>
    public static string Print(Condition c, PrintStyle? style = null) => $"{Print(c.Left, style)} {c.Operator} {Print(c.Right, style)}";

    /// <summary>Prints a visual form already built (<see cref="Rendered"/> builds it once for all three printers).</summary>
    internal static string Print(View view)
    {
        var sb = new StringBuilder();
        Write(sb, view);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, View v)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();

        switch (v)
        {
            case VNumber n:
                sb.Append(n.Digits);
                break;
            case VName n:
                sb.Append(n.Name);
                break;
            case VNegate n:
                sb.Append('-');
                Write(sb, n.Operand);
                break;
            case VSum s:
                for (var i = 0; i < s.Terms.Count; i++)
                {
                    var (minus, term) = s.Terms[i];
                    sb.Append(i == 0 ? (minus ? "-" : "") : (minus ? " - " : " + "));
                    Write(sb, term);
                }

                break;
            case VProduct p:
                for (var i = 0; i < p.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, p.Factors[i]);
                }

                break;
            case VFraction f:
                Write(sb, f.Numerator);
                sb.Append('/');
                Write(sb, f.Denominator);
                break;
            case VMatMul m:
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, m.Factors[i]);
                }

                break;
            case VElementwise w:
                foreach (var (op, operand) in w.Items)
                {
                    sb.Append(op);
                    Write(sb, operand);
                }

                break;
            case VTranspose t:
                Write(sb, t.Operand);
                sb.Append('\'');
                break;
            case VMatrixCall c:
                sb.Append(c.Name).Append('(');
                Write(sb, Grouping.Ungrouped(c.Argument));
                sb.Append(')');
                break;
            case VFilled o:
                sb.Append(o.Name).Append('(').Append(o.Rows).Append(", ").Append(o.Cols).Append(')');
                break;
            case VPower p:
                Write(sb, p.Base);
                sb.Append(p.ElementWise ? ".^" : "^");
                Write(sb, p.Exponent);
                break;
            case VCall c:
                sb.Append(c.Spelling).Append('(');
                Write(sb, c.Argument);
                sb.Append(')');
                break;
            case VDiff d:
                sb.Append("diff(");
                Write(sb, Grouping.Ungrouped(d.Operand));
                sb.Append(", ").Append(d.Variable).Append(')');
                break;
            case VDifferential d:
                sb.Append("d(");
                Write(sb, Grouping.Ungrouped(d.Operand));
                sb.Append(')');
                break;
            case VSqrt r:
                sb.Append("sqrt(");
                Write(sb, r.Operand);
                sb.Append(')');
                break;
            case VGroup g:
                sb.Append('(');
                Write(sb, g.Operand);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Cannot print {v.GetType().Name}.");
        }
    }
}
