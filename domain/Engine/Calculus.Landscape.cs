using CalcApi.Domain.Errors;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Engine;

public static partial class Calculus
{
    /// <summary>The loss on a grid over its two unknowns (two scalars, or the entries of one 2-vector), for contour plots.</summary>
    public static Outcome<Landscape> Landscape(LandscapeQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        var resolution = query.Resolution;
        if (resolution < 2 || resolution > 400)
        {
            return CalcError.LimitExceeded("maxResolution", 400, $"resolution is {resolution}; it must lie between 2 and 400 (limit maxResolution).");
        }

        if (!(query.XRange.Min < query.XRange.Max) || !(query.YRange.Min < query.YRange.Max)
            || new[] { query.XRange.Min, query.XRange.Max, query.YRange.Min, query.YRange.Max }.Any(v => !(Math.Abs(v) <= 1e150)))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid range", "xRange and yRange must each be [min, max] with min < max, both within ±1e150.");
        }

        var run = PrepareOptimization(new OptimizationQuery(query.Loss, query.Variables, query.Constants, query.Initial, new OptimizerSettings()), limits, cancellation);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        var prepared = run.Value;
        if (prepared.Unknowns != 2)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Not two unknowns",
                $"A landscape is drawn over two unknowns (two scalars, or one 2-vector), but `initial` has {prepared.Unknowns}.");
        }

        try
        {
            return prepared.Landscape(query.XRange, query.YRange, resolution, cancellation);
        }
        catch (OperationCanceledException)
        {
            return new CalcError(ErrorKind.LimitExceeded, "Limit exceeded: requestTimeout",
                "The landscape ran out of the request's time budget (limit requestTimeout); ask for a lower resolution.") { Limit = "requestTimeout" };
        }
    }
}
