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
        if (query.Order < 1 || query.Order > limits.MaxOrder || query.Variable is not null && !IsName(query.Variable))
        {
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
    /// maxResultNodes, if the estimated printed size of d^order f is far past it; otherwise null and the
    /// derivative is built. (The work is not estimated: shared sub-trees make the nodes built far fewer
    /// than the sizes printed, and no margin would keep that estimate from refusing answerable requests.)
    /// </summary>
    private static CalcError? RefusedBeforeWork(Expr f, string variable, int order, EngineLimits limits)
    {
        var sizes = GrowthEstimate.Sizes(f, variable, order);
        if (sizes is null)
        {
            return null;
        }

        return sizes[order] / EstimateMargin > limits.MaxResultNodes
            ? CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
                $"The result would have an estimated {sizes[order]:N0} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for a lower order or a smaller expression.")
            : null;
    }
}
