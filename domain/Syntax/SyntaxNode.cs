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

/// <summary>Names read in the syntax tree, in order of first appearance.</summary>
public static class SyntaxNames
{
    /// <summary>Every name used as a value (not as a function), in order of first appearance.</summary>
    public static IReadOnlyList<string> FreeNames(SyntaxNode root)
    {
        var seen = new List<string>();
        var stack = new Stack<SyntaxNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case NameSyntax n when !seen.Contains(n.Name):
                    seen.Add(n.Name);
                    break;
                case NegateSyntax n:
                    stack.Push(n.Operand);
                    break;
                case SumSyntax s:
                    for (var i = s.Terms.Count - 1; i >= 0; i--)
                    {
                        stack.Push(s.Terms[i].Term);
                    }

                    break;
                case ProductSyntax p:
                    for (var i = p.Rest.Count - 1; i >= 0; i--)
                    {
                        stack.Push(p.Rest[i].Factor);
                    }

                    stack.Push(p.First);
                    break;
                case PowerSyntax p:
                    stack.Push(p.Exponent);
                    stack.Push(p.Base);
                    break;
                case TransposeSyntax t:
                    stack.Push(t.Operand);
                    break;
                case CallSyntax c:
                    for (var i = c.Arguments.Count - 1; i >= 0; i--)
                    {
                        stack.Push(c.Arguments[i]);
                    }

                    break;
            }
        }

        return seen;
    }
}
