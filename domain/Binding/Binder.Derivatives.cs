using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>
/// <c>diff(f, x)</c> and <c>diff(f, x, n)</c> as input (contract section 1): evaluated like any function, so
/// <c>diff(x^3, x) + 1</c> reads as <c>3*x^2 + 1</c>. The operand is bound as written first, so its domain stays
/// the expression's (<c>diff(log(x), x)</c> is <c>1/x</c>, but only for x &gt; 0), and the derivative is the engine's
/// own, within the same limits as a derivative asked for by <c>order</c>.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The name of the derivative in the language.</summary>
    private const string Derivative = "diff";

    /// <summary>Pass 1: checks every argument where it was written (a scalar operand, a scalar variable's name, a whole order within maxOrder); the result is a scalar.</summary>
    private (DimVar, DimVar) InferDerivative(CallSyntax c)
    {
        if (c.Arguments.Count is < 2 or > 3)
        {
            var position = c.Arguments.Count > 3 ? c.Arguments[3].Start : c.Start;
            throw new CalcException(new CalcError(ErrorKind.Semantic, "Wrong number of arguments",
                $"diff takes 2 or 3 arguments, diff(f, x) or diff(f, x, n), but {c.Arguments.Count} {(c.Arguments.Count == 1 ? "was" : "were")} given at position {position}.")
            { Position = position });
        }

        if (_derivative is null)
        {
            throw new CalcException(new CalcError(ErrorKind.Unsupported, "Derivative not available here",
                $"diff at position {c.Start} is evaluated by the engine, and this expression is read without it.") { Position = c.Start });
        }

        var operand = c.Arguments[0];
        var shape = Infer(operand);
        if (!IsScalar(shape))
        {
            throw new CalcException(new CalcError(ErrorKind.Semantic, "Not a scalar function",
                $"diff(f, x) differentiates a scalar expression, but {Show(operand)} at position {operand.Start} is {Show(shape)} (a {(shape.Cols.IsOne ? "vector" : "matrix")}); "
                + "for the derivative of a scalar function with respect to a vector or a matrix, use the matrix-gradient endpoint.")
            { Position = operand.Start });
        }

        VariableOf(c.Arguments[1]);
        if (c.Arguments.Count == 3)
        {
            OrderOf(c.Arguments[2]);
        }

        return Scalar;
    }

    /// <summary>Pass 2: the operand as written (noting its conditions), then d^n f / dx^n and the conditions of the derivative itself (d/dx sqrt(x) needs x &gt; 0).</summary>
    private Expr BuildDerivative(CallSyntax c)
    {
        var operand = Build(c.Arguments[0]);
        var variable = VariableOf(c.Arguments[1]);
        var order = c.Arguments.Count == 3 ? OrderOf(c.Arguments[2]) : 1;
        Expr derivative;
        try
        {
            derivative = _derivative!.Differentiate(operand, variable, order);
        }
        catch (CalcException e) when (e.Error.Position is null)
        {
            // A limit hit while differentiating (maxResultNodes, maxWorkNodes) is said of the diff that hit it.
            throw new CalcException(e.Error with { Position = c.Start, Detail = $"diff at position {c.Start}: {e.Error.Detail}" });
        }

        Note([.. DomainConditions.Within(derivative)]);
        return derivative;
    }

    /// <summary>The second argument: a name that is a scalar variable (any name, declared scalar or undeclared; d/dx of what has no x is 0).</summary>
    private string VariableOf(SyntaxNode argument)
    {
        if (argument is not NameSyntax { Name: var name })
        {
            throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                $"The second argument of diff, at position {argument.Start}, must be the name of the variable to differentiate by, as in diff(f, x), but it is {Show(argument)}.")
            { Position = argument.Start });
        }

        if (IsConstantName(name, _declarations.ContainsKey))
        {
            throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                $"The second argument of diff, at position {argument.Start}, is the constant {name}, not a variable; declare {name} as a scalar variable to differentiate by it.")
            { Position = argument.Start });
        }

        if (_declarations.TryGetValue(name, out var declaration) && declaration.Kind != VariableKind.Scalar)
        {
            var kind = declaration.Kind == VariableKind.Vector ? "vector" : "matrix";
            throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                $"diff differentiates by a scalar, but {name} at position {argument.Start} is a {kind}; "
                + $"for the derivative with respect to a {kind}, use the matrix-gradient endpoint.")
            { Position = argument.Start });
        }

        return name;
    }

    /// <summary>The third argument: a whole-number literal from 1 to maxOrder, refused as the derivative's <c>order</c> is.</summary>
    private int OrderOf(SyntaxNode argument)
    {
        var max = _derivative!.MaxOrder;
        if (argument is not NumberSyntax { Value: { IsInteger: true } n } || n.Sign <= 0)
        {
            throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Invalid order",
                $"The order in diff(f, x, n), at position {argument.Start}, must be a whole number from 1 to {max} (limit maxOrder), but it is {Show(argument)}.")
            { Position = argument.Start });
        }

        if (n.Numerator > max)
        {
            throw new CalcException(CalcError.LimitExceeded("maxOrder", max,
                $"The order in diff(f, x, n), at position {argument.Start}, is {Show(argument)}; the limit (maxOrder) is {max}.", argument.Start));
        }

        return (int)n.Numerator;
    }
}
