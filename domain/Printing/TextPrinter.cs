using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>
/// Prints an expression in the contract's language, with as few parentheses as parse back to the same
/// expression: parse(print(e)) == e for every canonical e.
/// </summary>
public static class TextPrinter
{
    public static string Print(Expr e, PrintStyle? style = null)
    {
        var view = Visual.Of(e, style, out var repeated);
        return Print(view, repeated);
    }

    /// <summary>A condition of the domain, one comparison: x > 0.</summary>
    public static string Print(Condition c, PrintStyle? style = null) => $"{Print(c.Left, style)} {c.Operator} {Print(c.Right, style)}";

    /// <summary>Prints a visual form already built (<see cref="Rendered"/> builds it once for all three printers).</summary>
    /// <param name="repeated">Views that stand in <paramref name="view"/> more than once (<see cref="Visual.Of(Expr, PrintStyle?, out IReadOnlySet{View}?)"/>): each is written once and its text copied where it recurs, so an answer at depth that repeats its sub-trees costs the characters it prints, not a walk of every node of each copy.</param>
    internal static string Print(View view, IReadOnlySet<View>? repeated = null)
    {
        using var text = new TextBuffer();
        Dictionary<View, (int Start, int Length)>? written = null;
        if (repeated is not null)
        {
            written = new(repeated.Count, SameView.Instance);
            foreach (var r in repeated)
            {
                written[r] = (-1, 0);
            }
        }

        Write(text, view, written);
        return text.ToString();
    }

    /// <param name="written">Where each repeated view was first written (start -1 until it is).</param>
    private static void Write(TextBuffer sb, View v, Dictionary<View, (int Start, int Length)>? written)
    {
        // Leaves and groups are never shared views (a group belongs to its place): printed without a look-up.
        if (written is null || v is VName or VNumber or VGroup || !written.TryGetValue(v, out var at))
        {
            WriteNode(sb, v, written);
            return;
        }

        if (at.Start >= 0)
        {
            sb.AppendCopy(at.Start, at.Length);
            return;
        }

        var start = sb.Length;
        WriteNode(sb, v, written);
        written[v] = (start, sb.Length - start);
    }

    private static void WriteNode(TextBuffer sb, View v, Dictionary<View, (int Start, int Length)>? written)
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
                Write(sb, n.Operand, written);
                break;
            case VSum s:
                for (var i = 0; i < s.Terms.Count; i++)
                {
                    var (minus, term) = s.Terms[i];
                    sb.Append(i == 0 ? (minus ? "-" : "") : (minus ? " - " : " + "));
                    Write(sb, term, written);
                }

                break;
            case VProduct p:
                for (var i = 0; i < p.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, p.Factors[i], written);
                }

                break;
            case VFraction f:
                Write(sb, f.Numerator, written);
                sb.Append('/');
                Write(sb, f.Denominator, written);
                break;
            case VMatMul m:
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, m.Factors[i], written);
                }

                break;
            case VElementwise w:
                foreach (var (op, operand) in w.Items)
                {
                    sb.Append(op);
                    Write(sb, operand, written);
                }

                break;
            case VTranspose t:
                Write(sb, t.Operand, written);
                sb.Append('\'');
                break;
            case VMatrixCall c:
                sb.Append(c.Name).Append('(');
                Write(sb, Grouping.Ungrouped(c.Argument), written);
                sb.Append(')');
                break;
            case VFilled o:
                sb.Append(o.Name).Append('(').Append(o.Rows).Append(", ").Append(o.Cols).Append(')');
                break;
            case VPower p:
                Write(sb, p.Base, written);
                sb.Append(p.ElementWise ? ".^" : "^");
                Write(sb, p.Exponent, written);
                break;
            case VCall c:
                sb.Append(c.Spelling).Append('(');
                Write(sb, c.Argument, written);
                sb.Append(')');
                break;
            case VDiff d:
                sb.Append("diff(");
                Write(sb, Grouping.Ungrouped(d.Operand), written);
                sb.Append(", ").Append(d.Variable).Append(')');
                break;
            case VDifferential d:
                sb.Append("d(");
                Write(sb, Grouping.Ungrouped(d.Operand), written);
                sb.Append(')');
                break;
            case VSqrt r:
                sb.Append("sqrt(");
                Write(sb, r.Operand, written);
                sb.Append(')');
                break;
            case VGroup g:
                sb.Append('(');
                Write(sb, g.Operand, written);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Cannot print {v.GetType().Name}.");
        }
    }
}
