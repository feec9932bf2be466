using System.Text;
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
        var sb = new StringBuilder();
        Dictionary<View, string?>? texts = null;
        if (repeated is not null)
        {
            texts = new(repeated.Count, ReferenceEqualityComparer.Instance);
            foreach (var r in repeated)
            {
                texts[r] = null;
            }
        }

        Write(sb, view, texts);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, View v, Dictionary<View, string?>? texts)
    {
        // Leaves and groups are never shared views (a group belongs to its place): printed without a look-up.
        if (texts is null || v is VName or VNumber or VGroup || !texts.TryGetValue(v, out var text))
        {
            WriteNode(sb, v, texts);
            return;
        }

        if (text is not null)
        {
            sb.Append(text);
            return;
        }

        var start = sb.Length;
        WriteNode(sb, v, texts);
        texts[v] = sb.ToString(start, sb.Length - start);
    }

    private static void WriteNode(StringBuilder sb, View v, Dictionary<View, string?>? texts)
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
                Write(sb, n.Operand, texts);
                break;
            case VSum s:
                for (var i = 0; i < s.Terms.Count; i++)
                {
                    var (minus, term) = s.Terms[i];
                    sb.Append(i == 0 ? (minus ? "-" : "") : (minus ? " - " : " + "));
                    Write(sb, term, texts);
                }

                break;
            case VProduct p:
                for (var i = 0; i < p.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, p.Factors[i], texts);
                }

                break;
            case VFraction f:
                Write(sb, f.Numerator, texts);
                sb.Append('/');
                Write(sb, f.Denominator, texts);
                break;
            case VMatMul m:
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, m.Factors[i], texts);
                }

                break;
            case VElementwise w:
                foreach (var (op, operand) in w.Items)
                {
                    sb.Append(op);
                    Write(sb, operand, texts);
                }

                break;
            case VTranspose t:
                Write(sb, t.Operand, texts);
                sb.Append('\'');
                break;
            case VMatrixCall c:
                sb.Append(c.Name).Append('(');
                Write(sb, Grouping.Ungrouped(c.Argument), texts);
                sb.Append(')');
                break;
            case VFilled o:
                sb.Append(o.Name).Append('(').Append(o.Rows).Append(", ").Append(o.Cols).Append(')');
                break;
            case VPower p:
                Write(sb, p.Base, texts);
                sb.Append(p.ElementWise ? ".^" : "^");
                Write(sb, p.Exponent, texts);
                break;
            case VCall c:
                sb.Append(c.Spelling).Append('(');
                Write(sb, c.Argument, texts);
                sb.Append(')');
                break;
            case VDiff d:
                sb.Append("diff(");
                Write(sb, Grouping.Ungrouped(d.Operand), texts);
                sb.Append(", ").Append(d.Variable).Append(')');
                break;
            case VDifferential d:
                sb.Append("d(");
                Write(sb, Grouping.Ungrouped(d.Operand), texts);
                sb.Append(')');
                break;
            case VSqrt r:
                sb.Append("sqrt(");
                Write(sb, r.Operand, texts);
                sb.Append(')');
                break;
            case VGroup g:
                sb.Append('(');
                Write(sb, g.Operand, texts);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Cannot print {v.GetType().Name}.");
        }
    }
}
