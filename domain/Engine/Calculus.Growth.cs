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
    /// The limit d^order f would hit, if its estimated growth is far past it: the work (the nodes of every
    /// order are built) or the printed size of the result; otherwise null and the derivative is built.
    /// </summary>
    private static CalcError? RefusedBeforeWork(Expr f, string variable, int order, EngineLimits limits)
    {
        var sizes = GrowthEstimate.Sizes(f, variable, order);
        if (sizes is null)
        {
            return null;
        }

        var work = 0L;
        for (var j = 1; j <= order; j++)
        {
            work = sizes[j] > long.MaxValue - work ? long.MaxValue : work + sizes[j];
        }

        if (work / EstimateMargin > limits.MaxWorkNodes)
        {
            return CalcError.LimitExceeded("maxWorkNodes", limits.MaxWorkNodes,
                $"Answering this would build more than {limits.MaxWorkNodes:N0} expression nodes (limit maxWorkNodes): derivatives of order {order} of this expression grow to an estimated {work:N0} nodes. Ask for a lower order or a smaller expression.");
        }

        return sizes[order] / EstimateMargin > limits.MaxResultNodes
            ? CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
                $"The result would have an estimated {sizes[order]:N0} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for a lower order or a smaller expression.")
            : null;
    }
}
