namespace CalcApi.Domain.Expressions;

/// <summary>
/// The obvious identities applied whenever a function call is built: values at 0 and 1, and inverse
/// pairs that hold everywhere on the real line (ln(e^x) = x). exp(ln(x)) = x is not made: it would
/// quietly extend the domain to x &lt;= 0.
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
            (Function.Abs, Call { Function: Function.Abs or Function.Exp or Function.Cosh or Function.Sigmoid or Function.Softplus }) => argument,
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

        if (value.IsZero)
        {
            return function switch
            {
                Function.Sin or Function.Tan or Function.Sinh or Function.Tanh or Function.Asin or Function.Atan or Function.Log1p => Algebra.Zero,
                Function.Cos or Function.Cosh or Function.Exp => Algebra.One,
                Function.Sigmoid => Algebra.Half,
                Function.Acos => Algebra.Mul(Algebra.Half, Algebra.Pi),
                _ => null,
            };
        }

        if (value.IsOne)
        {
            return function switch
            {
                Function.Log => Algebra.Zero,
                Function.Acos => Algebra.Zero,
                _ => null,
            };
        }

        return null;
    }
}
