namespace CalcApi.Domain.Expressions;

/// <summary>
/// The obvious identities applied whenever a function call is built: exact values at 0 and 1 (from the
/// catalog), and identities that hold everywhere on the real line (ln(e^x) = x, abs of a function that is
/// never negative). exp(ln(x)) = x is not made: it would quietly extend the domain to x &lt;= 0.
/// </summary>
internal static class Identities
{
    public static Expr? Apply(Function function, Expr argument)
    {
        if (argument is Number n)
        {
            return AtNumber(function, n.Value);
        }

        return (function, argument) switch
        {
            (Function.Log, Constant { Kind: ConstantKind.E }) => Algebra.One,
            (Function.Log, Call { Function: Function.Exp } inner) => inner.Argument,
            (Function.Log, Power { Base: Constant { Kind: ConstantKind.E } } p) => p.Exponent,
            (Function.Abs, Call inner) when FunctionCatalog.Of(inner.Function).NonNegative => argument,
            (Function.Abs, Constant) => argument,
            _ => null,
        };
    }

    private static Expr? AtNumber(Function function, Rational value)
    {
        if (function == Function.Abs)
        {
            return Algebra.Num(value.Abs());
        }

        var entry = FunctionCatalog.Of(function);
        return value.IsZero ? entry.AtZero : value.IsOne ? entry.AtOne : null;
    }
}
