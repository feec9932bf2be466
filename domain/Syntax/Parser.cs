using System.Globalization;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Syntax;

/// <summary>
/// Parses the contract's expression language into a <see cref="SyntaxNode"/> tree. Precedence, lowest
/// first: <c>+ -</c>; <c>* / .* ./</c> and implicit products (after a number or a closing parenthesis);
/// unary minus; <c>^ .^</c> (right-associative, the exponent may carry a sign); postfix transpose
/// <c>'</c> and <c>^T</c>. Nesting is bounded by <see cref="EngineLimits.MaxNestingDepth"/>, so deep
/// input is an error, never a stack overflow.
/// </summary>
public sealed class Parser
{
    /// <summary>Digits of a number literal: enough for any exact integer the engine keeps (maxIntegerBits 4096 is 1,234 digits), so every printed number reads back.</summary>
    private const int MaxNumberLength = 1_240;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly int _maxDepth;
    private int _index;
    private int _depth;

    private Parser(string text, List<Token> tokens, int maxDepth)
    {
        _text = text;
        _tokens = tokens;
        _maxDepth = maxDepth;
    }

    public static Outcome<SyntaxNode> Parse(string text, EngineLimits? limits = null)
    {
        limits ??= EngineLimits.Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return CalcError.Syntax("The expression is empty: expected a number, a name or a parenthesis.", 0);
        }

        if (text.Length > limits.MaxExpressionLength)
        {
            return CalcError.LimitExceeded("maxExpressionLength", limits.MaxExpressionLength,
                $"The expression has {text.Length:N0} characters; the limit (maxExpressionLength) is {limits.MaxExpressionLength:N0}.",
                limits.MaxExpressionLength);
        }

        var tokens = Lexer.Tokenize(text);
        if (!tokens.IsSuccess)
        {
            return tokens.Error;
        }

        var parser = new Parser(text, tokens.Value, limits.MaxNestingDepth);
        return ThrownErrors.Catch<SyntaxNode>(() =>
        {
            var node = parser.ParseSum();
            var next = parser.Peek;
            if (next.Kind != TokenKind.End)
            {
                return parser.Unexpected(next, next.Kind == TokenKind.RightParen
                    ? "an operator or the end of the expression (this ')' has no matching '(')"
                    : "an operator or the end of the expression");
            }

            return node;
        });
    }

    private Token Peek => _tokens[_index];

    /// <summary>Marks <paramref name="node"/> as ending where the last token read ends.</summary>
    private T Done<T>(T node)
        where T : SyntaxNode
    {
        var last = _tokens[_index - 1];
        node.End = last.Start + last.Text.Length;
        return node;
    }

    private Token Previous => _tokens[_index - 1];

    private Token Advance() => _tokens[_index++];

    private SyntaxNode ParseSum()
    {
        var start = Peek.Start;
        var first = ParseProduct();
        if (Peek.Kind is not (TokenKind.Plus or TokenKind.Minus))
        {
            return first;
        }

        var terms = new List<(bool, SyntaxNode)> { (false, first) };
        while (Peek.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var minus = Advance().Kind == TokenKind.Minus;
            terms.Add((minus, ParseProduct()));
        }

        return Done(new SumSyntax(start, terms));
    }

    private SyntaxNode ParseProduct()
    {
        var start = Peek.Start;
        var first = ParseUnary();
        List<(ProductOperator, int, SyntaxNode)>? rest = null;
        while (true)
        {
            var token = Peek;
            ProductOperator op;
            switch (token.Kind)
            {
                case TokenKind.Star: op = ProductOperator.Times; Advance(); break;
                case TokenKind.Slash: op = ProductOperator.Divide; Advance(); break;
                case TokenKind.DotStar: op = ProductOperator.ElementTimes; Advance(); break;
                case TokenKind.DotSlash: op = ProductOperator.ElementDivide; Advance(); break;
                case TokenKind.Name or TokenKind.LeftParen or TokenKind.Number when ImplicitProductAllowed(token):
                    op = ProductOperator.Times;
                    break;
                case TokenKind.Name or TokenKind.LeftParen or TokenKind.Number:
                    throw Fail(token, $"an operator before '{token.Text}' (write {Previous.Text}*{token.Text}; an implicit product is only allowed after a number or a closing parenthesis)");
                default:
                    return rest is null ? first : Done(new ProductSyntax(start, first, rest));
            }

            rest ??= [];
            rest.Add((op, token.Start, ParseUnary()));
        }
    }

    /// <summary>2x, 3(x+1), 2 sin(x), (x+1)(x-1): after a number or a closing parenthesis, before a name or '('.</summary>
    private bool ImplicitProductAllowed(Token next) =>
        Previous.Kind is TokenKind.Number or TokenKind.RightParen && next.Kind is TokenKind.Name or TokenKind.LeftParen;

    private SyntaxNode ParseUnary()
    {
        // A run of signs is read in a loop, not by recursion: "- - -x" nests nothing.
        var start = Peek;
        var negative = false;
        while (Peek.Kind is TokenKind.Minus or TokenKind.Plus)
        {
            negative ^= Advance().Kind == TokenKind.Minus;
        }

        var operand = ParsePower();
        return negative ? Done(new NegateSyntax(start.Start, operand)) : operand;
    }

    private SyntaxNode ParsePower()
    {
        var start = Peek.Start;
        var node = ParsePostfix();
        while (Peek.Kind is TokenKind.Caret or TokenKind.DotCaret)
        {
            var op = Advance();
            if (op.Kind == TokenKind.Caret && Peek is { Kind: TokenKind.Name, Text: "T" } && !StartsOperand(_tokens[_index + 1]))
            {
                Advance();
                node = Done(new TransposeSyntax(start, node));
                continue;
            }

            // Right-associative: the exponent is itself a (signed) power.
            Enter(op);
            var exponent = ParseUnary();
            _depth--;
            return Done(new PowerSyntax(start, node, exponent, op.Kind == TokenKind.DotCaret, op.Start));
        }

        return node;
    }

    private static bool StartsOperand(Token t) => t.Kind is TokenKind.Name or TokenKind.Number or TokenKind.LeftParen;

    private SyntaxNode ParsePostfix()
    {
        var start = Peek.Start;
        var node = ParsePrimary();
        while (Peek.Kind == TokenKind.Quote)
        {
            Advance();
            node = Done(new TransposeSyntax(start, node));
        }

        return node;
    }

    private SyntaxNode ParsePrimary()
    {
        var token = Advance();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return Number(token);
            case TokenKind.Name when Peek.Kind == TokenKind.LeftParen:
                return Call(token);
            case TokenKind.Name:
                return Done(new NameSyntax(token.Start, token.Text));
            case TokenKind.LeftParen:
                Enter(token);
                var inner = ParseSum();
                Expect(TokenKind.RightParen, $"')' to close the '(' opened at {token.Start}");
                _depth--;
                return inner;
            default:
                _index--;
                throw Fail(token, "a number, a name or '('");
        }
    }

    private CallSyntax Call(Token name)
    {
        var open = Advance();
        Enter(open);
        var arguments = new List<SyntaxNode>();
        if (Peek.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseSum());
            while (Peek.Kind == TokenKind.Comma)
            {
                Advance();
                arguments.Add(ParseSum());
            }
        }

        Expect(TokenKind.RightParen, $"',' or ')' to close the call of {name.Text} opened at {name.Start}");
        _depth--;
        return Done(new CallSyntax(name.Start, name.Text, arguments));
    }

    private NumberSyntax Number(Token token)
    {
        var text = token.Text;
        if (text.Length > MaxNumberLength)
        {
            throw new CalcException(CalcError.LimitExceeded("maxNumberLength", MaxNumberLength,
                $"The number at position {token.Start} has {text.Length} characters; the limit (maxNumberLength) is {MaxNumberLength}.", token.Start));
        }

        var mantissaEnd = text.IndexOfAny(['e', 'E']);
        var mantissa = mantissaEnd < 0 ? text : text[..mantissaEnd];
        var exponentText = mantissaEnd < 0 ? "0" : text[(mantissaEnd + 1)..];
        if (!int.TryParse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent) || Math.Abs(exponent) > MaxNumberLength)
        {
            throw new CalcException(CalcError.LimitExceeded("maxNumberLength", MaxNumberLength,
                $"The exponent of the number at position {token.Start} is {exponentText}; exponents beyond ±{MaxNumberLength} (limit maxNumberLength) are refused.", token.Start));
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? "" : mantissa[(dot + 1)..];
        var value = Rational.ParseDecimal(whole.Length == 0 ? "0" : whole, fraction, exponent);
        return Done(new NumberSyntax(token.Start, value, text));
    }

    private void Enter(Token token)
    {
        if (++_depth > _maxDepth)
        {
            throw new CalcException(CalcError.LimitExceeded("maxNestingDepth", _maxDepth,
                $"The expression nests deeper than {_maxDepth} levels (limit maxNestingDepth) at position {token.Start}.", token.Start));
        }
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind)
        {
            throw Fail(Peek, what);
        }

        Advance();
    }

    private CalcException Fail(Token token, string expected) => new(Unexpected(token, expected));

    private CalcError Unexpected(Token token, string expected)
    {
        var found = token.Kind == TokenKind.End ? "the end of the expression" : $"'{token.Text}'";
        return CalcError.Syntax($"Expected {expected} at position {token.Start}, but found {found}.", Math.Min(token.Start, _text.Length));
    }
}
