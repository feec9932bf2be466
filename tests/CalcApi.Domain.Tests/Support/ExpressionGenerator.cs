using System.Globalization;
using System.Text;

namespace CalcApi.Domain.Tests.Support;

/// <summary>
/// Writes random expressions of the language as text (so the parser is exercised as well), from a
/// seed, so that every run checks the same broad set and a failure can be replayed.
/// </summary>
internal sealed class ExpressionGenerator(int seed)
{
    private static readonly string[] Functions =
        ["sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs", "sinh", "cosh", "tanh", "asin", "acos", "atan", "sigmoid", "softplus", "log1p",
         "sec", "csc", "cot", "asinh", "acosh", "atanh", "erf"];

    private static readonly string[] Leaves = ["x", "x", "x", "y", "2", "3", "1/2", "0.5", "pi", "e", "1e-1"];

    private readonly Random _random = new(seed);

    public string Next(int depth = 4)
    {
        var sb = new StringBuilder();
        Write(sb, depth);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, int depth)
    {
        if (depth == 0 || _random.NextDouble() < 0.2)
        {
            sb.Append(Leaves[_random.Next(Leaves.Length)]);
            return;
        }

        switch (_random.Next(10))
        {
            case 0 or 1:
                sb.Append(Functions[_random.Next(Functions.Length)]).Append('(');
                Write(sb, depth - 1);
                sb.Append(')');
                break;
            case 2:
                Binary(sb, depth, " + ");
                break;
            case 3:
                Binary(sb, depth, " - ");
                break;
            case 4:
                Binary(sb, depth, "*");
                break;
            case 5:
                Binary(sb, depth, "/");
                break;
            case 6:
                sb.Append('(');
                Write(sb, depth - 1);
                sb.Append(")^");
                var exponents = new[] { "2", "3", "-1", "-2", "(1/2)", "(1/3)", "(2/3)", "4" };
                sb.Append(exponents[_random.Next(exponents.Length)]);
                break;
            case 7:
                // a variable exponent: x^x, 2^x, (1 + x^2)^sin(x)
                sb.Append(_random.Next(3) switch { 0 => "x", 1 => "2", _ => "(1 + x^2)" }).Append("^(");
                Write(sb, depth - 1);
                sb.Append(')');
                break;
            case 8:
                // implicit products: 2x, 3(...), 2 sin(...)
                sb.Append(_random.Next(2, 6).ToString(CultureInfo.InvariantCulture));
                sb.Append(_random.Next(3) switch { 0 => "x", 1 => "(", _ => " sin(" });
                if (sb[^1] == '(')
                {
                    Write(sb, depth - 1);
                    sb.Append(')');
                }

                break;
            default:
                sb.Append('-');
                sb.Append('(');
                Write(sb, depth - 1);
                sb.Append(')');
                break;
        }
    }

    private void Binary(StringBuilder sb, int depth, string op)
    {
        sb.Append('(');
        Write(sb, depth - 1);
        sb.Append(op);
        Write(sb, depth - 1);
        sb.Append(')');
    }

    public Dictionary<string, double> Point() => new()
    {
        ["x"] = Math.Round(_random.NextDouble() * 4 - 2, 3),
        ["y"] = Math.Round(_random.NextDouble() * 4 - 2, 3),
    };
}
