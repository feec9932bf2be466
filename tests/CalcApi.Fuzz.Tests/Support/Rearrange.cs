using System.Globalization;
using System.Text;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>
/// Rewrites of a printed expression that keep its value and its domain, for the check endpoint's equivalence
/// property: sums reordered, scalar factors reordered, a product distributed over a sum, a common left factor
/// pulled out of two terms, a - b written -(b - a), a number factor moved within its product, and the whole
/// scaled by 0.5*(2*(…)). Matrix products are never commuted (only distributed and factored on the side they
/// stand), so the rewrites hold for vector and matrix expressions too. Also the perturbations that make an
/// answer certainly wrong: one number constant times 1.5, or a constant added.
/// </summary>
public static class Rearrange
{
    /// <summary>A node of the printed expression: num, name, call (Text the function), neg, bin (Text the operator), or T (a transpose).</summary>
    public sealed class Node(string kind, string text, params Node[] kids)
    {
        public string Kind { get; } = kind;

        public string Text { get; } = text;

        public Node[] Kids { get; } = kids;

        public override string ToString() => Print(this);
    }

    private static readonly HashSet<string> MatrixFunctions = ["tr", "det", "logdet", "inv", "sum", "norm", "diag", "transpose", "ones", "zeros"];

    /// <summary>Matrix functions whose value is a scalar: as a factor they commute.</summary>
    private static readonly HashSet<string> ScalarValuedMatrixFunctions = ["tr", "det", "logdet", "sum", "norm"];

    // ------------------------------------------------------------------ reading and printing

    public static Node Parse(string text) => new Reader(text).ReadAll();

    /// <summary>Fully parenthesised, so the structure is exactly the tree's whatever the precedence rules.</summary>
    public static string Print(Node n) => n.Kind switch
    {
        "num" or "name" => n.Text,
        "call" => $"{n.Text}({string.Join(", ", n.Kids.Select(Print))})",
        "neg" => $"(-{Print(n.Kids[0])})",
        "T" => $"({Print(n.Kids[0])})'",
        _ => $"({Print(n.Kids[0])} {n.Text} {Print(n.Kids[1])})",
    };

    private sealed class Reader(string text)
    {
        private readonly List<string> _tokens = Tokenize(text);
        private int _i;

        public Node ReadAll()
        {
            var e = Sum();
            if (_i != _tokens.Count)
            {
                throw new FormatException($"unexpected '{_tokens[_i]}' in \"{text}\"");
            }

            return e;
        }

        private string? Peek => _i < _tokens.Count ? _tokens[_i] : null;

        private string Take(string? expected = null)
        {
            if (Peek is null || (expected is not null && Peek != expected))
            {
                throw new FormatException($"expected {expected ?? "more"} at token {_i} of \"{text}\"");
            }

            return _tokens[_i++];
        }

        private Node Sum()
        {
            var e = Term();
            while (Peek is "+" or "-")
            {
                var op = Take();
                e = new Node("bin", op, e, Term());
            }

            return e;
        }

        private Node Term()
        {
            var e = Unary();
            while (Peek is "*" or "/" or ".*" or "./")
            {
                var op = Take();
                e = new Node("bin", op, e, Unary());
            }

            return e;
        }

        private Node Unary() => Peek == "-" ? Neg() : Power();

        private Node Neg()
        {
            Take("-");
            return new Node("neg", "-", Unary());
        }

        private Node Power()
        {
            var b = Postfix();
            if (Peek is "^" or ".^")
            {
                var op = Take();
                return new Node("bin", op, b, Unary());
            }

            return b;
        }

        private Node Postfix()
        {
            Node e;
            var t = Take();
            if (t == "(")
            {
                e = Sum();
                Take(")");
            }
            else if (char.IsDigit(t[0]) || t[0] == '.')
            {
                e = new Node("num", t);
            }
            else if (char.IsLetter(t[0]) || t[0] == '_')
            {
                if (Peek == "(")
                {
                    Take("(");
                    var args = new List<Node> { Sum() };
                    while (Peek == ",")
                    {
                        Take(",");
                        args.Add(Sum());
                    }

                    Take(")");
                    e = new Node("call", t, [.. args]);
                }
                else
                {
                    e = new Node("name", t);
                }
            }
            else
            {
                throw new FormatException($"unexpected '{t}' in \"{text}\"");
            }

            while (Peek == "'")
            {
                Take("'");
                e = new Node("T", "'", e);
            }

            return e;
        }

        private static List<string> Tokenize(string s)
        {
            var tokens = new List<string>();
            for (var i = 0; i < s.Length;)
            {
                var c = s[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                }
                else if (char.IsDigit(c) || (c == '.' && i + 1 < s.Length && char.IsDigit(s[i + 1])))
                {
                    var start = i;
                    // A dot is the number's unless it starts an element-wise operator: 2./x is 2 ./ x.
                    while (i < s.Length && (char.IsDigit(s[i]) || (s[i] == '.' && !(i + 1 < s.Length && s[i + 1] is '*' or '/' or '^'))))
                    {
                        i++;
                    }

                    if (i < s.Length && s[i] is 'e' or 'E' && i + 1 < s.Length && (char.IsDigit(s[i + 1]) || (s[i + 1] is '+' or '-' && i + 2 < s.Length && char.IsDigit(s[i + 2]))))
                    {
                        i += 2;
                        while (i < s.Length && char.IsDigit(s[i]))
                        {
                            i++;
                        }
                    }

                    tokens.Add(s[start..i]);
                }
                else if (char.IsLetter(c) || c == '_')
                {
                    var start = i;
                    while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(s[start..i]);
                }
                else if (c == '.' && i + 1 < s.Length && s[i + 1] is '*' or '/' or '^')
                {
                    tokens.Add(s.Substring(i, 2));
                    i += 2;
                }
                else if ("+-*/^(),'".Contains(c, StringComparison.Ordinal))
                {
                    tokens.Add(c.ToString());
                    i++;
                }
                else if (c == '\u2212')
                {
                    tokens.Add("-");
                    i++;
                }
                else
                {
                    throw new FormatException($"unexpected character '{c}' in \"{s}\"");
                }
            }

            return tokens;
        }
    }

    // ------------------------------------------------------------------ rearrangements

    /// <summary>
    /// One to three value-preserving rewrites of <paramref name="text"/>, at random places. <paramref name="scalar"/>
    /// says the whole is a scalar expression of scalars (so factors outside matrix functions commute).
    /// </summary>
    public static string Rewrite(string text, bool scalar, Random random)
    {
        var tree = Parse(text);
        var steps = random.Next(1, 4);
        for (var s = 0; s < steps; s++)
        {
            var sites = new List<(Node Node, Func<Node, Node> Apply)>();
            Collect(tree, scalar, random, sites);
            if (sites.Count == 0)
            {
                break;
            }

            var (at, apply) = sites[random.Next(sites.Count)];
            tree = Replace(tree, at, apply(at));
        }

        // Nothing to rearrange (cos(x)), or the rewrites undid each other: scale it instead.
        if (random.Next(4) == 0 || Print(tree) == Print(Parse(text)))
        {
            tree = new Node("bin", "*", new Node("num", "0.5"), new Node("bin", "*", new Node("num", "2"), tree));
        }

        return Print(tree);
    }

    private static void Collect(Node n, bool scalarMode, Random random, List<(Node, Func<Node, Node>)> sites)
    {
        if (n.Kind == "bin" && n.Text is "+" or "-")
        {
            var terms = SumTerms(n);
            if (terms.Count >= 2)
            {
                sites.Add((n, x => Shuffled(x, random)));
                if (FactorPair(terms) is { } pair)
                {
                    sites.Add((n, _ => Factored(terms, pair)));
                }
            }

            if (n.Text == "-")
            {
                sites.Add((n, x => new Node("neg", "-", new Node("bin", "-", x.Kids[1], x.Kids[0]))));
            }
        }

        if (n.Kind == "bin" && n.Text == "*")
        {
            var factors = Factors(n);
            if (scalarMode && factors.All(PlainScalar))
            {
                sites.Add((n, _ => Product(Shuffle(factors, random))));
            }
            else if (factors.Count > 2 && factors.Any(f => f.Kind == "num"))
            {
                sites.Add((n, _ => MoveNumber(factors, random)));
            }

            if (IsSum(n.Kids[1]))
            {
                sites.Add((n, x => Distribute(x.Kids[1], t => new Node("bin", "*", x.Kids[0], t))));
            }

            if (IsSum(n.Kids[0]))
            {
                sites.Add((n, x => Distribute(x.Kids[0], t => new Node("bin", "*", t, x.Kids[1]))));
            }
        }

        if (n.Kind == "bin" && n.Text == "/" && IsSum(n.Kids[0]))
        {
            sites.Add((n, x => Distribute(x.Kids[0], t => new Node("bin", "/", t, x.Kids[1]))));
        }

        var inner = scalarMode && !(n.Kind == "call" && MatrixFunctions.Contains(n.Text));
        foreach (var kid in n.Kids)
        {
            Collect(kid, inner, random, sites);
        }
    }

    private static bool IsSum(Node n) => n.Kind == "bin" && n.Text is "+" or "-";

    /// <summary>A factor that is certainly a scalar: nothing in it that makes or keeps a matrix, unless a scalar-valued matrix function wraps it.</summary>
    private static bool PlainScalar(Node n) =>
        n.Kind == "call" && ScalarValuedMatrixFunctions.Contains(n.Text)
        || (n.Kind != "T" && !(n.Kind == "name" && n.Text == "I") && !(n.Kind == "call" && MatrixFunctions.Contains(n.Text)) && n.Kids.All(PlainScalar));

    private static List<(bool Minus, Node Term)> SumTerms(Node n)
    {
        if (!IsSum(n))
        {
            return [(false, n)];
        }

        var left = SumTerms(n.Kids[0]);
        left.Add((n.Text == "-", n.Kids[1]));
        return left;
    }

    private static Node SumOf(IEnumerable<(bool Minus, Node Term)> terms)
    {
        Node? sum = null;
        foreach (var (minus, term) in terms)
        {
            sum = sum is null ? (minus ? new Node("neg", "-", term) : term) : new Node("bin", minus ? "-" : "+", sum, term);
        }

        return sum!;
    }

    private static Node Shuffled(Node sum, Random random) => SumOf(Shuffle(SumTerms(sum), random));

    private static Node Distribute(Node sum, Func<Node, Node> wrap) => SumOf(SumTerms(sum).Select(t => (t.Minus, wrap(t.Term))));

    private static List<Node> Factors(Node n) =>
        n.Kind == "bin" && n.Text == "*" ? [.. Factors(n.Kids[0]), .. Factors(n.Kids[1])] : [n];

    private static Node Product(IEnumerable<Node> factors) => factors.Aggregate((a, b) => new Node("bin", "*", a, b));

    private static Node MoveNumber(List<Node> factors, Random random)
    {
        var list = new List<Node>(factors);
        var number = list.First(f => f.Kind == "num");
        list.Remove(number);
        list.Insert(random.Next(list.Count + 1), number);
        return Product(list);
    }

    /// <summary>Two terms whose products start with the same factor (printed alike).</summary>
    private static (int I, int J)? FactorPair(List<(bool Minus, Node Term)> terms)
    {
        for (var i = 0; i < terms.Count; i++)
        {
            for (var j = i + 1; j < terms.Count; j++)
            {
                var a = Factors(terms[i].Term);
                var b = Factors(terms[j].Term);
                if (a.Count >= 2 && b.Count >= 2 && Print(a[0]) == Print(b[0]))
                {
                    return (i, j);
                }
            }
        }

        return null;
    }

    /// <summary>s1*A*r1 + s2*A*r2 = A*(s1*r1 + s2*r2), in the place of the first of the two terms.</summary>
    private static Node Factored(List<(bool Minus, Node Term)> terms, (int I, int J) pair)
    {
        var first = Factors(terms[pair.I].Term);
        var second = Factors(terms[pair.J].Term);
        var inner = SumOf([(terms[pair.I].Minus, Product(first.Skip(1))), (terms[pair.J].Minus, Product(second.Skip(1)))]);
        var combined = new List<(bool, Node)>();
        for (var k = 0; k < terms.Count; k++)
        {
            if (k == pair.I)
            {
                combined.Add((false, new Node("bin", "*", first[0], inner)));
            }
            else if (k != pair.J)
            {
                combined.Add(terms[k]);
            }
        }

        return SumOf(combined);
    }

    private static List<T> Shuffle<T>(List<T> items, Random random)
    {
        var list = new List<T>(items);
        for (var k = list.Count - 1; k > 0; k--)
        {
            var m = random.Next(k + 1);
            (list[k], list[m]) = (list[m], list[k]);
        }

        return list;
    }

    private static Node Replace(Node n, Node target, Node replacement) =>
        ReferenceEquals(n, target) ? replacement
        : n.Kids.Length == 0 ? n
        : new Node(n.Kind, n.Text, [.. n.Kids.Select(k => Replace(k, target, replacement))]);

    // ------------------------------------------------------------------ perturbations

    /// <summary>The text with one of its number constants (at random) times 1.5, or null when it has none.</summary>
    public static string? ScaleOneConstant(string text, Random random)
    {
        var tree = Parse(text);
        var numbers = new List<Node>();
        void Walk(Node n)
        {
            // Not a 0 (1.5*0 is 0), nor the sizes of ones(…)/zeros(…): those are shapes, not constants.
            if (n.Kind == "num" && double.Parse(n.Text, NumberStyles.Float, CultureInfo.InvariantCulture) != 0)
            {
                numbers.Add(n);
            }
            else if (!(n.Kind == "call" && n.Text is "ones" or "zeros"))
            {
                foreach (var k in n.Kids)
                {
                    Walk(k);
                }
            }
        }

        Walk(tree);
        if (numbers.Count == 0)
        {
            return null;
        }

        var chosen = numbers[random.Next(numbers.Count)];
        var value = double.Parse(chosen.Text, NumberStyles.Float, CultureInfo.InvariantCulture) * 1.5;
        return Print(Replace(tree, chosen, new Node("num", value.ToString("R", CultureInfo.InvariantCulture))));
    }

    /// <summary>The text plus a constant: wrong wherever it is defined, by exactly <paramref name="constant"/> in every entry.</summary>
    public static string AddConstant(string text, string constant, (int Rows, int Cols)? shape = null)
    {
        var sb = new StringBuilder().Append('(').Append(text).Append(") + ").Append(constant);
        if (shape is { } s)
        {
            sb.Append(CultureInfo.InvariantCulture, $"*ones({s.Rows},{s.Cols})");
        }

        return sb.ToString();
    }
}
