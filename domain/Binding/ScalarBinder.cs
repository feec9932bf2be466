using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>
/// Gives a syntax tree its meaning as a scalar expression: names become symbols or constants, calls
/// become functions, and everything is built through the smart constructors, so the result is canonical.
/// Operators of the matrix language are accepted where they mean the same for scalars (x' = x, .* = *).
/// </summary>
public sealed class ScalarBinder
{
    private readonly IReadOnlySet<string> _declared;

    private ScalarBinder(IReadOnlySet<string> declared) => _declared = declared;

    /// <param name="root">The parsed expression.</param>
    /// <param name="declaredNames">Names the caller declared as variables; they shadow the constants <c>e</c> and <c>pi</c>.</param>
    public static Outcome<Expr> Bind(SyntaxNode root, IReadOnlySet<string>? declaredNames = null)
    {
        try
        {
            return new ScalarBinder(declaredNames ?? new HashSet<string>()).Bind(root);
        }
        catch (CalcException ex)
        {
            return ex.Error;
        }
    }

    /// <summary>Whether a name in an expression is a constant (not a variable) given the declared names.</summary>
    public static bool IsConstantName(string name, IReadOnlySet<string>? declaredNames) =>
        name is "pi" or "e" && !(declaredNames?.Contains(name) ?? false);

    private Expr Bind(SyntaxNode node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberSyntax n:
                return Ex.Num(n.Value);
            case NameSyntax { Name: "pi" } when !_declared.Contains("pi"):
                return Ex.Pi;
            case NameSyntax { Name: "e" } when !_declared.Contains("e"):
                return Ex.E;
            case NameSyntax { Name: "I" } when !_declared.Contains("I"):
                // The identity of whatever size makes the expression conformable: in a scalar expression, 1.
                return Ex.One;
            case NameSyntax n:
                return Ex.Sym(n.Name);
            case NegateSyntax n:
                return Ex.Neg(Bind(n.Operand));
            case SumSyntax s:
                return Ex.Add([.. s.Terms.Select(t => t.Minus ? Ex.Neg(Bind(t.Term)) : Bind(t.Term))]);
            case ProductSyntax p:
                // A leading minus belongs to the whole product: -(a + b)*c is -1*(a + b)*c, not (-a - b)*c.
                var factors = p.First is NegateSyntax negated
                    ? new List<Expr>(p.Rest.Count + 2) { Ex.MinusOne, Bind(negated.Operand) }
                    : new List<Expr>(p.Rest.Count + 1) { Bind(p.First) };
                foreach (var (op, _, factor) in p.Rest)
                {
                    var bound = Bind(factor);
                    factors.Add(op is ProductOperator.Divide or ProductOperator.ElementDivide ? Ex.Pow(bound, Ex.MinusOne) : bound);
                }

                return Ex.Mul([.. factors]);
            case PowerSyntax p:
                return Ex.Pow(Bind(p.Base), Bind(p.Exponent));
            case TransposeSyntax t:
                return Bind(t.Operand);
            case CallSyntax c:
                return BindCall(c);
            default:
                throw new InvalidOperationException($"No binding for {node.GetType().Name}.");
        }
    }

    private Expr BindCall(CallSyntax c)
    {
        if (c.Arguments.Count != 1)
        {
            throw Error(c, FunctionNames.All.Contains(c.Name)
                ? $"{c.Name} takes exactly one argument, but {c.Arguments.Count} were given at position {c.Start}."
                : UnknownFunction(c));
        }

        var argument = Bind(c.Arguments[0]);
        if (FunctionNames.TryGet(c.Name, out var function))
        {
            return Ex.Call(function, argument, spelledLn: c.Name == "ln");
        }

        // Matrix functions of a 1x1 argument, that is, of a scalar.
        return c.Name switch
        {
            "sqrt" => Ex.Sqrt(argument),
            "tr" or "det" or "sum" or "diag" or "transpose" => argument,
            "inv" => Ex.Pow(argument, Ex.MinusOne),
            "logdet" => Ex.Call(Function.Log, argument),
            "norm" => Ex.Call(Function.Abs, argument),
            _ => throw Error(c, UnknownFunction(c)),
        };
    }

    private string UnknownFunction(CallSyntax c) =>
        _declared.Contains(c.Name) || c.Name.Length <= 2
            ? $"'{c.Name}' at position {c.Start} is not a function; to multiply, write {c.Name}*(...)."
            : $"Unknown function '{c.Name}' at position {c.Start}. Known functions: {string.Join(", ", FunctionNames.All)}.";

    private static CalcException Error(CallSyntax c, string detail) =>
        new(new CalcError(ErrorKind.Semantic, "Unknown function", detail) { Position = c.Start });
}
