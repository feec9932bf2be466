using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Shapes;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Engine;

/// <summary>A parsed and bound expression, with the names it uses in order of first appearance, and the spelling its text uses (log or ln).</summary>
public sealed record BoundExpression(Expr Expression, IReadOnlyList<string> FreeNames, PrintStyle Style);

/// <summary>
/// The engine's front door: text in, answers or <see cref="CalcError"/>s out. Every call runs inside a
/// <see cref="WorkBudget"/>, so limits and the caller's time budget hold however the expression grows.
/// One file per use case (<c>Calculus.Differentiate.cs</c>, ...); the glue they share is in
/// <c>Calculus.Declarations.cs</c>, <c>Calculus.PointEvaluation.cs</c> and <c>Calculus.Guards.cs</c>.
/// </summary>
public static partial class Calculus
{
    /// <summary>Parses and binds an expression; undeclared names are scalars.</summary>
    /// <param name="expectedShape">The shape the expression is known to have, for reading back a gradient (it sizes a lone I).</param>
    /// <param name="differentials">Where d(u) is read, as in a line of a matrix derivation read back; it stays unevaluated.</param>
    public static Outcome<BoundExpression> Read(string expression, EngineLimits limits, IReadOnlyDictionary<string, VariableDeclaration>? declarations = null, Shape? expectedShape = null,
        DifferentialUse differentials = DifferentialUse.None)
    {
        var bound = Bind(expression, limits, declarations ?? new Dictionary<string, VariableDeclaration>(), expectedShape, differentials);
        return bound.IsSuccess ? new BoundExpression(bound.Value.Expression, bound.Value.FreeNames, new PrintStyle(bound.Value.NaturalLogSpelling)) : bound.Error;
    }

    /// <summary>Whether <paramref name="name"/> is a name of the language.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 } && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static Outcome<BoundTree> Bind(string expression, EngineLimits limits, IReadOnlyDictionary<string, VariableDeclaration> declarations, Shape? expectedShape = null,
        DifferentialUse differentials = DifferentialUse.None)
    {
        var syntax = Parser.Parse(expression, limits);
        return syntax.IsSuccess ? Binder.Bind(syntax.Value, expression, declarations, expectedShape, InputDerivative(limits), differentials) : syntax.Error;
    }

    /// <summary>Whether the text writes a differential d(…) (d not declared as a variable); text that does not parse writes none.</summary>
    private static bool WritesDifferential(string? text, EngineLimits limits, IReadOnlyDictionary<string, VariableDeclaration> declarations) =>
        text is not null && !declarations.ContainsKey("d") && Parser.Parse(text, limits) is { IsSuccess: true } syntax
        && SyntaxNames.Nodes(syntax.Value).Any(n => n is CallSyntax { Name: "d" });

    /// <summary>
    /// diff(f, x, n) in an expression, evaluated as <see cref="Differentiate"/> evaluates d^n f / dx^n: refused unbuilt
    /// when the estimate is far past the limits, built within the work budget, and refused past maxResultNodes.
    /// </summary>
    private static InputDerivative InputDerivative(EngineLimits limits) => new(limits.MaxOrder, (f, variable, order) =>
    {
        var derivative = DifferentiateWithinLimits(f, variable, order, limits);
        if (!derivative.IsSuccess)
        {
            throw new CalcException(derivative.Error);
        }

        return TooLarge(derivative.Value, limits) is { } tooLarge ? throw new CalcException(tooLarge) : derivative.Value;
    });

    /// <summary>Reads a function to differentiate, which must be a scalar, under declarations (or the error that refused them).</summary>
    private static Outcome<(BoundTree Function, Dictionary<string, VariableDeclaration> Declarations)> ReadScalarFunction(
        string expression, Outcome<Dictionary<string, VariableDeclaration>> declarations, EngineLimits limits)
    {
        if (!declarations.IsSuccess)
        {
            return declarations.Error;
        }

        var read = Bind(expression, limits, declarations.Value);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        if (!read.Value.Expression.IsScalar)
        {
            var shape = read.Value.Expression.Shape;
            return new CalcError(ErrorKind.Semantic, "Not a scalar function",
                $"The expression is a {shape} {shape.Kind}; derivatives and gradients here are of scalar functions. Reduce it to a scalar, for example with sum(...), norm(...) or a'*...*b.")
            { Position = 0 };
        }

        return (read.Value, declarations.Value);
    }
}
