using CalcApi.Domain.Errors;

namespace CalcApi.Domain.Syntax;

/// <summary>Splits an expression into tokens, each with its 0-based position.</summary>
public static class Lexer
{
    public static Outcome<List<Token>> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                i = ScanNumber(text, i);
                tokens.Add(new Token(TokenKind.Number, start, text[start..i]));
                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Name, start, text[start..i]));
                continue;
            }

            TokenKind kind;
            var length = 1;
            switch (c)
            {
                case '+': kind = TokenKind.Plus; break;
                case '-' or '\u2212': kind = TokenKind.Minus; break;
                case '*' or '\u00B7' or '\u22C5': kind = TokenKind.Star; break;
                case '/': kind = TokenKind.Slash; break;
                case '^': kind = TokenKind.Caret; break;
                case '(': kind = TokenKind.LeftParen; break;
                case ')': kind = TokenKind.RightParen; break;
                case ',': kind = TokenKind.Comma; break;
                case '\'': kind = TokenKind.Quote; break;
                case '.' when i + 1 < text.Length && text[i + 1] is '*' or '/' or '^':
                    kind = text[i + 1] switch { '*' => TokenKind.DotStar, '/' => TokenKind.DotSlash, _ => TokenKind.DotCaret };
                    length = 2;
                    break;
                default:
                    return CalcError.Syntax($"Unexpected character '{Printable(c)}' at position {i}: expected a number, a name, an operator or a parenthesis.", i);
            }

            tokens.Add(new Token(kind, start, text.Substring(start, length)));
            i += length;
        }

        tokens.Add(new Token(TokenKind.End, text.Length, ""));
        return tokens;
    }

    private static int ScanNumber(string text, int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        // A fractional part, but not the dot of an element-wise operator (2.*x).
        if (i < text.Length && text[i] == '.' && !(i + 1 < text.Length && text[i + 1] is '*' or '/' or '^'))
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < text.Length && text[j] is '+' or '-')
            {
                j++;
            }

            if (j < text.Length && char.IsAsciiDigit(text[j]))
            {
                i = j;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
