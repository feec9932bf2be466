using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>
/// The codes and sentences of the scalar mistakes: each names the sub-expression where the rule went wrong
/// (printed in the language, Expr.ToString) and states the right rule, so that a student can act on it.
/// </summary>
internal static class MistakenWording
{
    public static string Code(ScalarSlip slip) => slip switch
    {
        ScalarSlip.MissingInnerDerivative => "missingInnerDerivative",
        ScalarSlip.ChainRuleArgument or ScalarSlip.ChainRuleArgumentTimesInner => "chainRuleArgument",
        ScalarSlip.ProductOfDerivatives => "productOfDerivatives",
        ScalarSlip.QuotientOfDerivatives => "quotientOfDerivatives",
        ScalarSlip.QuotientRuleSign => "quotientRuleSign",
        ScalarSlip.QuotientRuleDenominator => "quotientRuleDenominator",
        ScalarSlip.PowerRuleExponent or ScalarSlip.PowerRuleExponentRaised => "powerRuleExponent",
        ScalarSlip.PowerRuleCoefficient => "powerRuleCoefficient",
        ScalarSlip.ExponentialAsPower => "exponentialAsPower",
        ScalarSlip.ExponentialMissingLog => "exponentialMissingLog",
        ScalarSlip.VariableExponentAsPower or ScalarSlip.VariableExponentAsExponential => "variableExponent",
        ScalarSlip.TrigSign => "trigSign",
        ScalarSlip.HyperbolicSign => "hyperbolicSign",
        _ => throw new ArgumentOutOfRangeException(nameof(slip)),
    };

    /// <summary>When in a derivative of higher order the slip was made.</summary>
    public enum When
    {
        /// <summary>A first derivative: nothing to say.</summary>
        Only,
        /// <summary>In the first differentiation, the later ones right.</summary>
        First,
        /// <summary>In the last differentiation, the earlier ones right.</summary>
        Last,
        /// <summary>In every differentiation.</summary>
        Every,
    }

    /// <summary>The sentence, after a prefix that says in which differentiation of a higher derivative the mistake was made.</summary>
    public static string Prefix(When when, int order, string sentence)
    {
        var prefix = when switch
        {
            When.First => $"In the first of the {order} differentiations: ",
            When.Last => $"In the last of the {order} differentiations: ",
            When.Every => $"In each of the {order} differentiations: ",
            _ => "",
        };
        return prefix.Length == 0 || sentence.Length == 0 || !char.IsUpper(sentence[0]) || sentence.StartsWith("I ", StringComparison.Ordinal)
            ? prefix + sentence
            : prefix + char.ToLowerInvariant(sentence[0]) + sentence[1..];
    }

    /// <summary>The sentence for <paramref name="slip"/> made at <paramref name="site"/> (null: everywhere in <paramref name="f"/>, whose first site is <paramref name="example"/>).</summary>
    public static string Sentence(ScalarSlip slip, Expr? site, Expr example, Expr f, string x)
    {
        var one = SentenceAt(slip, site, example, f, x);
        return site is null && slip is not (ScalarSlip.MissingInnerDerivative or ScalarSlip.ProductOfDerivatives)
            ? $"{one} You made this mistake everywhere in {f} where the rule applies, not only at {example}."
            : one;
    }

    private static string SentenceAt(ScalarSlip slip, Expr? site, Expr example, Expr f, string x)
    {
        var at = site ?? example;
        var d = $"d/d{x}";
        switch (slip)
        {
            case ScalarSlip.MissingInnerDerivative:
            {
                var (what, inside) = at switch
                {
                    Call c => ($"the outer function of {c}", c.Argument),
                    Power p when !p.Exponent.DependsOn(x) => ($"the power {p}", p.Base),
                    Power p => ($"the exponential {p}", p.Exponent),
                    _ => ($"{at}", at),
                };
                var insideDerivative = Differentiator.Differentiate(inside, x);
                return site is null
                    ? $"You left out the chain rule: the derivative of a composition f(u) is f'(u) times the derivative of the inside, u', and your answer has no inner derivative anywhere in {f} (for example, {what} needs the factor {insideDerivative}, the derivative of {inside})."
                    : $"You differentiated {what} but did not multiply by the derivative of its inside, {inside} (that is {insideDerivative}).";
            }

            case ScalarSlip.ChainRuleArgument or ScalarSlip.ChainRuleArgumentTimesInner:
            {
                var c = (Call)at;
                var u = c.Argument;
                var du = Differentiator.Differentiate(u, x);
                var right = Algebra.Mul(FunctionCatalog.Of(c.Function).Derivative(u, c), du);
                return $"At {c} you evaluated the outer derivative at the derivative of the inside, {du}: the chain rule evaluates it at the inside itself, {u}, and then multiplies by {du}, which gives {right}.";
            }

            case ScalarSlip.ProductOfDerivatives:
                return site is null
                    ? $"The derivative of a product is not the product of the derivatives: use the product rule, (f*g)' = f'*g + f*g', for each product in {f} (such as {at})."
                    : $"The derivative of the product {at} is not the product of the derivatives: use the product rule, (f*g)' = f'*g + f*g'.";
            case ScalarSlip.QuotientOfDerivatives:
                return $"The derivative of the quotient {at} is not the derivative of the numerator over the derivative of the denominator: use the quotient rule, (f/g)' = (f'*g - f*g')/g^2.";
            case ScalarSlip.QuotientRuleSign:
            {
                var (top, bottom) = Parts(at, x);
                return $"In the quotient rule for {at} the subtraction goes the other way: (f/g)' = (f'*g - f*g')/g^2 with f = {top} and g = {bottom}; you wrote (f*g' - f'*g)/g^2, which has the opposite sign.";
            }

            case ScalarSlip.QuotientRuleDenominator:
            {
                var (_, bottom) = Parts(at, x);
                return $"In the quotient rule for {at} the denominator is squared: (f/g)' = (f'*g - f*g')/g^2, so the result is over {Algebra.Pow(bottom, Algebra.Two)}, not over {bottom}.";
            }

            case ScalarSlip.PowerRuleExponent:
            {
                var p = (Power)at;
                var lowered = Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne));
                return $"In the power rule for {p} the exponent goes down by one: {d} u^n = n*u^(n-1)*u', so the derivative has {lowered}, not {p}.";
            }

            case ScalarSlip.PowerRuleExponentRaised:
            {
                var p = (Power)at;
                var lowered = Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.MinusOne));
                var raised = Algebra.Pow(p.Base, Algebra.Add(p.Exponent, Algebra.One));
                return $"In the power rule for {p} the exponent goes down by one, not up: {d} u^n = n*u^(n-1)*u', so the derivative has {lowered}, not {raised}.";
            }

            case ScalarSlip.PowerRuleCoefficient:
            {
                var p = (Power)at;
                return $"In the power rule for {p} the exponent {p.Exponent} comes down as a factor: {d} u^n = n*u^(n-1)*u'; you lowered the exponent but did not multiply by {p.Exponent}.";
            }

            case ScalarSlip.ExponentialAsPower:
                return at switch
                {
                    Call c => $"{c} is an exponential, not a power of {c.Argument}: the power rule does not apply; {d} exp(u) = exp(u)*u' (the exponential function is its own derivative).",
                    Power { Base: Constant { Kind: ConstantKind.E } } p => $"{p} is an exponential, not a power: {x} is in the exponent, so the power rule does not apply; {d} e^u = e^u*u'.",
                    _ => $"{at} is an exponential, not a power: {x} is in the exponent, so the power rule does not apply; {d} a^u = ln(a)*a^u*u'.",
                };
            case ScalarSlip.ExponentialMissingLog:
            {
                var p = (Power)at;
                return $"The derivative of the exponential {p} has the factor {Algebra.Apply(Function.Log, p.Base)}: {d} a^u = ln(a)*a^u*u' (only for the base e is that factor ln(e) = 1).";
            }

            case ScalarSlip.VariableExponentAsPower or ScalarSlip.VariableExponentAsExponential:
            {
                var p = (Power)at;
                var used = slip == ScalarSlip.VariableExponentAsPower ? "the power rule" : "the exponential rule";
                return $"{p} has {x} in both its base and its exponent, so {used} alone does not apply: write it as e^(v*ln(u)) with u = {p.Base} and v = {p.Exponent}, whose derivative is u^v*(v'*ln(u) + v*u'/u).";
            }

            case ScalarSlip.TrigSign:
            {
                var c = (Call)at;
                var u = Algebra.Variable("u");
                var call = Algebra.Apply(c.Function, u);
                var rule = FunctionCatalog.Of(c.Function).Derivative(u, call);
                return $"Check the sign: d/du {call} = {rule}; at {c} your derivative has the opposite sign.";
            }

            case ScalarSlip.HyperbolicSign:
                return $"Unlike cos, the hyperbolic functions have no minus sign: d/du cosh(u) = sinh(u) and d/du sinh(u) = cosh(u); at {at} your derivative has the opposite sign.";
            default:
                throw new ArgumentOutOfRangeException(nameof(slip));
        }
    }

    public static string WrongVariable(string asked, string used) =>
        $"You differentiated with respect to {used}, but the question asks for the derivative with respect to {asked}: treat {used} as a constant.";

    private static (Expr Top, Expr Bottom) Parts(Expr quotient, string x)
    {
        var q = quotient is Product p ? Quotient.Of(p, x) : Quotient.OfReciprocal((Power)quotient);
        return (Algebra.Mul([.. q.Constants, q.Top]), q.Bottom);
    }
}

/// <summary>The sentences of the matrix mistakes, citing the identity a student can look up.</summary>
internal static class MatrixWording
{
    public static string Transposed(Expr variable, Expr truth) => variable.Shape.IsColumn
        ? $"The gradient with respect to the column vector {variable} is a column vector, shaped like {variable} (denominator layout); you wrote its transpose, the row vector {MatrixAlgebra.Transposed(truth)} (numerator layout). The gradient is {truth}."
        : $"You wrote the transpose of the gradient: ∂f/∂{variable} has the shape of {variable}, its entry (i, j) being the derivative with respect to entry (i, j) of {variable}; it is {truth}, not {MatrixAlgebra.Transposed(truth)}.";

    public static string OneOccurrence(Expr site, Expr kept, Expr variable, Expr truth) =>
        $"{site} contains {variable} more than once, and the product rule differentiates every occurrence; you differentiated only through {kept}. For a quadratic form, ∂(x'*M*x)/∂x = (M + M')*x, not M*x or M'*x; here the gradient is {truth}.";

    public static string BothOccurrencesEqual(Expr site, Expr variable, Expr truth) =>
        $"{site} contains {variable} twice, and the product rule differentiates both occurrences; here they give the same term twice, so the gradient has a factor 2 that your answer lacks: it is {truth} (as ∂(x'*x)/∂x = 2*x).";

    public static string NotSymmetrised(Expr variable, Expr truth) =>
        $"{variable} is symmetric, so its gradient is taken within symmetric matrices: (G + G')/2 of the unconstrained gradient G, here {truth}. Your answer is G itself.";

    public static string AssumedSymmetric(IReadOnlyList<MatrixSymbol> matrices, Expr truth)
    {
        var names = string.Join(" and ", matrices.Select(m => m.Name));
        var (isOrAre, primes) = (matrices.Count == 1 ? "is" : "are", string.Join(" and ", matrices.Select(m => m.Name + "'")));
        return $"You treated {names} as symmetric, writing {names} where the gradient has {primes}: as in ∂(x'*M*x)/∂x = 2*M*x, which holds only when M' = M (in general it is (M + M')*x). {names} {isOrAre} not declared symmetric: the gradient is {truth}.";
    }

    public static string PowerCoefficient(Power site, Expr truth) => site.Exponent is Number { Value: var n } && n == 2
        ? $"The square {site} gives a factor 2 when differentiated, ∂(u^2) = 2*u*∂u (so ∂‖r‖^2 = 2*r'*∂r); your answer lacks it: the gradient is {truth}."
        : $"In {site} the exponent {site.Exponent} comes down as a factor when differentiated, ∂(u^n) = n*u^(n-1)*∂u; your answer lacks it: the gradient is {truth}.";

    public static string InverseNotTransposed(MatrixCall site, Expr truth) => site.Function switch
    {
        MatrixFunction.Det => $"∂ det(X)/∂X = det(X)*inv(X)' (Matrix Cookbook (49)): the inverse is transposed, and it equals inv(X) only for a symmetric X. At {site} you left out the transpose: the gradient is {truth}.",
        MatrixFunction.LogDet => $"∂ logdet(X)/∂X = inv(X)': the inverse is transposed, and it equals inv(X) only for a symmetric X. At {site} you left out the transpose: the gradient is {truth}.",
        _ => $"The differential of an inverse is d inv(X) = -inv(X)*dX*inv(X), so the gradient through {site} is -inv(X)'*G*inv(X)', with the inverses transposed; you left out the transposes: the gradient is {truth}.",
    };

    public static string TraceNotTransposed(Expr product, Expr variable, Expr truth) =>
        $"∂ tr(A*X*B)/∂X = A'*B' (Matrix Cookbook (101)): the factors beside X are transposed. In {MatrixAlgebra.Apply(MatrixFunction.Trace, product)} you left out the transposes of the factors beside {variable}: the gradient is {truth}.";
}
