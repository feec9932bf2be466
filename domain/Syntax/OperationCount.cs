namespace CalcApi.Domain.Syntax;

/// <summary>
/// The size of an expression as a teacher counts it: the operations written, not the characters (issue 10 compares
/// the engine's answers with SymPy's by this count, so that a long name or a long number costs nothing and a
/// repeated sub-expression costs every time it is written).
/// </summary>
/// <remarks>
/// The rule, over the syntax tree of what was written:
/// <list type="bullet">
/// <item>each binary operator counts 1: <c>+ - * / ^ .* ./ .^</c>; an n-ary sum or product counts n − 1, and an
/// implicit product (<c>2x</c>) counts as the <c>*</c> it stands for;</item>
/// <item>each unary minus counts 1, except the leading minus of a term of a sum, which is that sum's operator for the
/// term (<c>a + -b</c> and <c>a - b</c> both count 1, and <c>-2*x + y</c> counts 2, as <c>y - 2*x</c> does); only when
/// every term of a sum is negative does one minus count on its own (<c>-a - b</c> is 2), so the count does not
/// depend on the order in which a printer writes the terms;</item>
/// <item>each function call counts 1, whatever its arguments (<c>sqrt(x)</c> 1, <c>x^(1/2)</c> 2);</item>
/// <item>each transpose (<c>'</c>, <c>^T</c>) counts 1;</item>
/// <item>numbers and names count 0, and so do parentheses.</item>
/// </list>
/// So <c>x^2</c> is 1, <c>-sin(x)</c> 2 and <c>(x^2 - 1)/(x - 1)</c> 4. The walk has no recursion, so any tree the
/// parser builds can be counted.
/// </remarks>
public static class OperationCount
{
    /// <summary>The operations written in <paramref name="root"/>, by the rule above.</summary>
    public static int Of(SyntaxNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var count = 0;
        foreach (var node in SyntaxNames.Nodes(root))
        {
            count += node switch
            {
                NumberSyntax or NameSyntax => 0,
                NegateSyntax or PowerSyntax or TransposeSyntax or CallSyntax => 1,
                ProductSyntax p => p.Rest.Count,
                SumSyntax s => OfSum(s),
                _ => throw new InvalidOperationException($"OperationCount does not know the syntax node {node.GetType().Name}."),
            };
        }

        return count;
    }

    /// <summary>
    /// A sum's own operators: one per term after the first, and one more when every term is negative. A term's leading
    /// minus is taken back here (the walk counted its <see cref="NegateSyntax"/> as 1), since the sum's operator is it.
    /// </summary>
    private static int OfSum(SumSyntax sum)
    {
        var negativeTerms = 0;
        var leadingMinuses = 0;
        foreach (var (minus, term) in sum.Terms)
        {
            if (minus)
            {
                negativeTerms++;
            }
            else if (HasLeadingMinus(term))
            {
                negativeTerms++;
                leadingMinuses++;
            }
        }

        return sum.Terms.Count - 1 + (negativeTerms == sum.Terms.Count ? 1 : 0) - leadingMinuses;
    }

    /// <summary>Whether the term is written with a minus in front: <c>-x</c>, <c>-2*x</c>, <c>-x^2/3</c>.</summary>
    private static bool HasLeadingMinus(SyntaxNode term)
    {
        while (term is ProductSyntax product)
        {
            term = product.First;
        }

        return term is NegateSyntax;
    }
}
