using System.Text;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Printing;

/// <summary>Prints an expression as LaTeX for teaching tools to render (KaTeX and MathJax both read it).</summary>
public static class LatexPrinter
{
    private static readonly HashSet<string> Greek = new(StringComparer.Ordinal)
    {
        "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
        "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    };

    public static string Print(Expr e, PrintStyle? style = null) => Print(Visual.Of(e, style));

    /// <summary>A condition of the domain: x > 0, \det\left(X\right) \neq 0.</summary>
    public static string Print(Condition c, PrintStyle? style = null)
    {
        var comparison = c.Relation switch
        {
            Relation.GreaterOrEqual => "\\geq",
            Relation.LessOrEqual => "\\leq",
            Relation.NotEqual => "\\neq",
            _ => c.Operator,
        };
        return $"{Print(c.Left, style)} {comparison} {Print(c.Right, style)}";
    }

    /// <summary>Prints a visual form already built (<see cref="Rendered"/> builds it once for all three printers).</summary>
    internal static string Print(View view)
    {
        var sb = new StringBuilder();
        Write(sb, view);
        return sb.ToString();
    }

    /// <summary>A name as LaTeX: pi as \pi, sigma as \sigma, x_1 as x_{1}, other long names upright.</summary>
    internal static string Name(string name)
    {
        if (name == "pi")
        {
            return "\\pi";
        }

        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore > 0 && underscore < name.Length - 1)
        {
            return $"{Name(name[..underscore])}_{{{name[(underscore + 1)..].Replace("_", "\\_", StringComparison.Ordinal)}}}";
        }

        var digits = name.Length - name.AsSpan().TrimEnd("0123456789").Length;
        if (digits > 0 && digits < name.Length && !name.Contains('_', StringComparison.Ordinal))
        {
            // w1 as w_{1}, m12 as m_{12}: the way indices are written on a blackboard.
            return $"{Name(name[..^digits])}_{{{name[^digits..]}}}";
        }

        var escaped = name.Replace("_", "\\_", StringComparison.Ordinal);
        return Greek.Contains(name) ? "\\" + name
            : name.Length == 1 ? escaped
            : $"\\mathrm{{{escaped}}}";
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
                sb.Append(Name(n.Name));
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
                        // Juxtapose, but keep numbers apart: 2 \cdot 3^{x}, not 23^{x}.
                        sb.Append(StartsWithDigit(p.Factors[i]) ? " \\cdot " : " ");
                    }

                    Write(sb, p.Factors[i]);
                }

                break;
            case VFraction f:
                sb.Append("\\frac{");
                Write(sb, Grouping.Ungrouped(f.Numerator));
                sb.Append("}{");
                Write(sb, Grouping.Ungrouped(f.Denominator));
                sb.Append('}');
                break;
            case VMatMul m:
                for (var i = 0; i < m.Factors.Count; i++)
                {
                    sb.Append(i > 0 ? " " : "");
                    Write(sb, m.Factors[i]);
                }

                break;
            case VElementwise { Items: [("", var top), ("/", var bottom)] }:
                sb.Append("\\frac{");
                Write(sb, Grouping.Ungrouped(top));
                sb.Append("}{");
                Write(sb, Grouping.Ungrouped(bottom));
                sb.Append('}');
                break;
            case VElementwise w:
                foreach (var (op, operand) in w.Items)
                {
                    sb.Append(op switch { "" => "", "*" => " ", ".*" => " \\odot ", "./" => " \\oslash ", _ => " / " });
                    Write(sb, operand);
                }

                break;
            case VTranspose { Operand: VMatrixCall { Notation: MatrixNotation.InverseSuperscript } inverse }:
                Write(sb, inverse.Argument);
                sb.Append("^{-\\top}");
                break;
            case VTranspose t:
                Write(sb, t.Operand);
                sb.Append("^\\top");
                break;
            case VMatrixCall { Notation: MatrixNotation.InverseSuperscript } c:
                Write(sb, c.Argument);
                sb.Append("^{-1}");
                break;
            case VMatrixCall { Notation: MatrixNotation.DoubleBars } c:
                sb.Append("\\left\\|");
                Write(sb, c.Argument);
                sb.Append("\\right\\|");
                break;
            case VMatrixCall c:
                sb.Append(MatrixFunctionCatalog.Of(c.Function).Latex);
                sb.Append("\\left(");
                Write(sb, c.Argument);
                sb.Append("\\right)");
                break;
            case VFilled o:
                sb.Append(o.Name == "ones" ? "\\mathbf{1}_{" : "\\mathbf{0}_{").Append(o.Rows).Append(" \\times ").Append(o.Cols).Append('}');
                break;
            case VPower { ElementWise: true } p:
                Write(sb, p.Base);
                sb.Append("^{\\circ ");
                Write(sb, Grouping.Ungrouped(p.Exponent));
                sb.Append('}');
                break;
            case VPower p:
                Write(sb, p.Base);
                sb.Append("^{");
                Write(sb, Grouping.Ungrouped(p.Exponent));
                sb.Append('}');
                break;
            case VCall c:
                WriteCall(sb, c);
                break;
            case VDiff d:
                sb.Append("\\frac{d}{d").Append(d.Variable.Length > 1 ? "\\mathrm{" + d.Variable + "}" : d.Variable).Append("}\\left(");
                Write(sb, Grouping.Ungrouped(d.Operand));
                sb.Append("\\right)");
                break;
            case VDifferential d:
                // d of a name reads d X; of anything larger, d(u), so that the d applies to all of it.
                sb.Append("\\mathrm{d}");
                if (Grouping.Ungrouped(d.Operand) is VName)
                {
                    Write(sb, Grouping.Ungrouped(d.Operand));
                }
                else
                {
                    sb.Append("\\left(");
                    Write(sb, Grouping.Ungrouped(d.Operand));
                    sb.Append("\\right)");
                }

                break;
            case VSqrt r:
                sb.Append("\\sqrt{");
                Write(sb, r.Operand);
                sb.Append('}');
                break;
            case VGroup g:
                sb.Append("\\left(");
                Write(sb, g.Operand);
                sb.Append("\\right)");
                break;
            default:
                throw new InvalidOperationException($"Cannot print {v.GetType().Name}.");
        }
    }

    private static void WriteCall(StringBuilder sb, VCall c)
    {
        var f = FunctionCatalog.Of(c.Function);
        var (open, close) = f.Notation switch
        {
            CallNotation.PowerOfE => ("e^{", "}"),
            CallNotation.Bars => ("\\left|", "\\right|"),
            _ => ((c.Function == Function.Log ? "\\" + c.Spelling : f.Latex) + "\\left(", "\\right)"),
        };
        sb.Append(open);
        Write(sb, c.Argument);
        sb.Append(close);
    }

    private static bool StartsWithDigit(View v) => v switch
    {
        VNumber => true,
        VPower p => StartsWithDigit(p.Base),
        VFraction => false,
        _ => false,
    };
}
