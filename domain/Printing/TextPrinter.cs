using System.Globalization;
using System.Text;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>
/// Prints an expression in the contract's language, with as few parentheses as parse back to the same
/// expression: parse(print(e)) == e for every canonical e.
/// </summary>
public static class TextPrinter
{
    // Precedence levels: a child printed where a level is required gets parentheses below it.
    private const int SumLevel = 1;
    private const int ProductLevel = 2;
    private const int PowerLevel = 4;
    private const int AtomLevel = 5;

    public static string Print(Expr e) => Print(Visual.Of(e));

    /// <summary>Prints a visual form already built (<see cref="Rendered"/> builds it once for all three printers).</summary>
    internal static string Print(View view)
    {
        var sb = new StringBuilder();
        Write(sb, view, 0);
        return sb.ToString();
    }

    internal static int Level(View v) => v switch
    {
        VSum => SumLevel,
        VNegate or VProduct or VFraction or VMatMul or VElementwise => ProductLevel,
        VPower => PowerLevel,
        _ => AtomLevel,
    };

    private static void Write(StringBuilder sb, View v, int required)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var parenthesise = Level(v) < required;
        if (parenthesise)
        {
            sb.Append('(');
        }

        switch (v)
        {
            case VNumber n:
                sb.Append(n.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case VName n:
                sb.Append(n.Name);
                break;
            case VNegate n:
                sb.Append('-');
                Write(sb, n.Operand, ProductLevel);
                break;
            case VSum s:
                for (var i = 0; i < s.Terms.Count; i++)
                {
                    var (minus, term) = s.Terms[i];
                    sb.Append(i == 0 ? (minus ? "-" : "") : (minus ? " - " : " + "));
                    Write(sb, term, ProductLevel);
                }

                break;
            case VProduct p:
                for (var i = 0; i < p.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    // a'*W*b as a factor needs no parentheses: * is associative.
                    Write(sb, p.Factors[i], p.Factors[i] is VMatMul ? ProductLevel : ProductLevel + 1);
                }

                break;
            case VFraction f:
                Write(sb, f.Numerator, ProductLevel);
                sb.Append('/');
                Write(sb, f.Denominator, PowerLevel);
                break;
            case VMatMul m:
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append('*');
                    }

                    Write(sb, m.Factors[i], ProductLevel + 1);
                }

                break;
            case VElementwise w:
                foreach (var (op, operand) in w.Items)
                {
                    sb.Append(op);
                    Write(sb, operand, op is "" || (op is "*" && operand is VMatMul) ? ProductLevel : ProductLevel + 1);
                }

                break;
            case VTranspose t:
                Write(sb, t.Operand, AtomLevel + 1 - (t.Operand is VName or VMatrixCall or VCall or VSqrt or VFilled ? 1 : 0));
                sb.Append('\'');
                break;
            case VMatrixCall c:
                sb.Append(c.Name).Append('(');
                Write(sb, c.Argument, 0);
                sb.Append(')');
                break;
            case VFilled o:
                sb.Append(o.Name).Append('(').Append(o.Rows).Append(", ").Append(o.Cols).Append(')');
                break;
            case VPower p:
                Write(sb, p.Base, AtomLevel);
                sb.Append(p.ElementWise ? ".^" : "^");
                // x^T would read back as a transpose: a variable named T in an exponent keeps its parentheses.
                Write(sb, p.Exponent, p.Exponent is VNumber or VName { Name: not "T" } ? AtomLevel : AtomLevel + 1);
                break;
            case VCall c:
                sb.Append(FunctionNames.Name(c.Function, c.SpelledLn)).Append('(');
                Write(sb, c.Argument, 0);
                sb.Append(')');
                break;
            case VSqrt r:
                sb.Append("sqrt(");
                Write(sb, r.Operand, 0);
                sb.Append(')');
                break;
            default:
                throw new InvalidOperationException($"Cannot print {v.GetType().Name}.");
        }

        if (parenthesise)
        {
            sb.Append(')');
        }
    }
}
