using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Engine;

/// <summary>Refusing, before the work, a derivative that the limits would refuse after it (<see cref="GrowthEstimate"/>).</summary>
public static partial class Calculus
{
    /// <summary>
    /// How far past a limit the estimate must be before a request is refused unbuilt. The estimate counts
    /// each term at its smallest, but collecting like terms can merge some it counts (nested exponentials
    /// share their factors): measured on the corpus and on families of products, compositions and powers at
    /// orders 1 to 10, no derivative that the engine answers is estimated at more than 3 times its size.
    /// </summary>
    public const int EstimateMargin = 4;

    /// <summary>
    /// The refusal <see cref="Differentiate"/> would give at once, before any derivative is built, when the
    /// estimated size of d^order f is far past maxResultNodes; null otherwise (also when the query is invalid
    /// in some other way, which <see cref="Differentiate"/> reports). Parses and binds only: microseconds,
    /// so a scheduler can answer such a request without making it wait for a calculation slot.
    /// </summary>
    public static CalcError? EstimateRefusal(DerivativeQuery query, EngineLimits limits)
    {
        if (query.Variables is { } list
                ? InvalidMixedPartial(list, query.Order, limits) is not null || list.Distinct(StringComparer.Ordinal).Count() != 1
                : query.Order < 1 || query.Order > limits.MaxOrder || query.Variable is not null && !IsName(query.Variable))
        {
            // Invalid queries are Differentiate's to report; the estimate is made for one variable, so a mixed partial
            // of two or more names is left to the work budget and maxResultNodes, which still bound it.
            return null;
        }

        if (query.Expression.Contains("diff", StringComparison.Ordinal))
        {
            // Reading diff(f, x, n) takes its derivative, which is work, not the microseconds promised here: such a
            // request is left to Differentiate, whose reading makes the same early refusal inside its budget and slot.
            return null;
        }

        var refusal = Guarded<CalcError?>(limits, CancellationToken.None, () =>
        {
            var read = ReadDerivative(query, limits);
            return Outcome<CalcError?>.Success(read.IsSuccess ? RefusedBeforeWork(read.Value.Function.Expression, read.Value.Variable, query.Order, limits) : null);
        });
        return refusal.IsSuccess ? refusal.Value : null;
    }

    /// <summary>
    /// For a polynomial (<see cref="GrowthEstimate.IsPolynomial"/>), where the estimate is close, how far past
    /// maxResultNodes the estimated size, and how far past maxWorkNodes the estimated work, must be. Products
    /// of up to 16 factors at orders 1 to 10 measure 0-5 % larger than estimated and their work within 10 %
    /// of the estimate; over families of polynomials and the benchmark corpus at orders 1 to 10 these margins
    /// refuse nothing that the full computation answers.
    /// </summary>
    public const double PolynomialSizeMargin = 1.0;

    /// <inheritdoc cref="PolynomialSizeMargin"/>
    public const double PolynomialWorkMargin = 1.25;

    /// <summary>
    /// d^order f; refused unbuilt when its estimated size is far past maxResultNodes or, for a polynomial,
    /// when the estimated size or the estimated work (each order's differentiation visits about twice the
    /// nodes of the order before it) is past maxResultNodes or maxWorkNodes by its margin.
    /// So the 10th derivative of a product of 16 factors is refused in microseconds, not after the seconds
    /// of work that the work limit would stop.
    /// </summary>
    private static Outcome<Expr> DifferentiateWithinLimits(Expr f, string variable, int order, EngineLimits limits) =>
        DifferentiateWithinLimits(f, [.. Enumerable.Repeat(variable, order)], limits);

    /// <summary>
    /// d/dv_k … d/dv_1 f, differentiating by each name of <paramref name="variables"/> in turn, each result in the
    /// canonical form the smart constructors give it. The list [x, …, x] is d^n f / dx^n and gets its early refusal;
    /// a list of several names has no estimate (it models one variable), and is kept within the work budget
    /// (maxWorkNodes, counted as the nodes are built) and maxResultNodes like every derivative.
    /// </summary>
    private static Outcome<Expr> DifferentiateWithinLimits(Expr f, IReadOnlyList<string> variables, EngineLimits limits)
    {
        if (variables.Distinct(StringComparer.Ordinal).Count() == 1 && RefusedBeforeWork(f, variables[0], variables.Count, limits) is { } refused)
        {
            return refused;
        }

        var result = f;
        foreach (var variable in variables)
        {
            result = Differentiation.Differentiator.Differentiate(result, variable);
        }

        return result;
    }

    /// <summary>The refusal, before any derivative is built, of a derivative the limits would refuse after it; otherwise null.</summary>
    private static CalcError? RefusedBeforeWork(Expr f, string variable, int order, EngineLimits limits)
    {
        var sizes = GrowthEstimate.Sizes(f, variable, order);
        if (sizes is null)
        {
            return null;
        }

        var polynomial = GrowthEstimate.IsPolynomial(f, variable);
        var margin = polynomial ? PolynomialSizeMargin : EstimateMargin;
        if (sizes[order] / margin > limits.MaxResultNodes)
        {
            return CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
                $"The result would have an estimated {sizes[order]:N0} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for a lower order or a smaller expression.");
        }

        if (!polynomial)
        {
            return null;
        }

        double work = sizes[order];
        for (var j = 1; j < order; j++)
        {
            work += 2.0 * sizes[j];
        }

        return work / PolynomialWorkMargin > limits.MaxWorkNodes
            ? CalcError.LimitExceeded("maxWorkNodes", limits.MaxWorkNodes,
                $"Answering this would build an estimated {work:N0} expression nodes on the way (the orders before {order} are larger than the result); the limit (maxWorkNodes) is {limits.MaxWorkNodes:N0}. Ask for a lower order or a smaller expression.")
            : null;
    }
}
