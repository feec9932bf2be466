namespace CalcApi.Domain.Syntax;

public enum TokenKind
{
    Number,
    Name,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    DotStar,
    DotSlash,
    DotCaret,
    LeftParen,
    RightParen,
    Comma,
    Quote,
    End,
}

public readonly record struct Token(TokenKind Kind, int Start, string Text);
