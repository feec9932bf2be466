using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Syntax;

/// <summary>
/// What was written, with positions (0-based offsets into the text): the parser's output, before any
/// meaning is given to it. Sums and products are n-ary here so that a long input is a wide tree, not a
/// deep one.
/// </summary>
public abstract record SyntaxNode(int Start)
{
    /// <summary>The offset just past the node's last character (set by the parser).</summary>
    public int End { get; internal set; }
}

public sealed record NumberSyntax(int Start, Rational Value, string Text) : SyntaxNode(Start);

public sealed record NameSyntax(int Start, string Name) : SyntaxNode(Start);

public sealed record NegateSyntax(int Start, SyntaxNode Operand) : SyntaxNode(Start);

/// <summary>A sum: each term with whether it is subtracted.</summary>
public sealed record SumSyntax(int Start, IReadOnlyList<(bool Minus, SyntaxNode Term)> Terms) : SyntaxNode(Start);

/// <summary>The operators that join factors of a product.</summary>
public enum ProductOperator
{
    /// <summary><c>*</c>, or juxtaposition (<c>2x</c>).</summary>
    Times,
    Divide,
    /// <summary><c>.*</c>, the Hadamard product.</summary>
    ElementTimes,
    /// <summary><c>./</c>, element-wise division.</summary>
    ElementDivide,
}

/// <summary>A product; the first factor has no operator, every later one the operator before it.</summary>
public sealed record ProductSyntax(int Start, SyntaxNode First, IReadOnlyList<(ProductOperator Operator, int Position, SyntaxNode Factor)> Rest) : SyntaxNode(Start);

public sealed record PowerSyntax(int Start, SyntaxNode Base, SyntaxNode Exponent, bool ElementWise, int OperatorPosition) : SyntaxNode(Start);

public sealed record TransposeSyntax(int Start, SyntaxNode Operand) : SyntaxNode(Start);

public sealed record CallSyntax(int Start, string Name, IReadOnlyList<SyntaxNode> Arguments) : SyntaxNode(Start);

/// <summary>Walks of the syntax tree: its nodes in order, and the names read in it.</summary>
public static class SyntaxNames
{
    /// <summary>Every name used as a value (not as a function), in order of first appearance.</summary>
    public static IReadOnlyList<string> FreeNames(SyntaxNode root) =>
        [.. Nodes(root).OfType<NameSyntax>().Select(n => n.Name).Distinct(StringComparer.Ordinal)];

    /// <summary>The node and all below it, in the order they were written (pre-order, left to right); without recursion, for deep trees.</summary>
    public static IEnumerable<SyntaxNode> Nodes(SyntaxNode root)
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            var children = Children(node);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    /// <summary>The operands of a node, left to right.</summary>
    public static IReadOnlyList<SyntaxNode> Children(SyntaxNode node) => node switch
    {
        NegateSyntax n => [n.Operand],
        SumSyntax s => [.. s.Terms.Select(t => t.Term)],
        ProductSyntax p => [p.First, .. p.Rest.Select(r => r.Factor)],
        PowerSyntax p => [p.Base, p.Exponent],
        TransposeSyntax t => [t.Operand],
        CallSyntax c => c.Arguments,
        _ => [],
    };
}
