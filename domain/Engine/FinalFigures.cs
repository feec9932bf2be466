using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Engine;

/// <summary>
/// The loss and gradient norm a run reports at the point it reached, right or withheld (contract section 5).
/// The run itself stays in double precision, fast; only its two final figures are checked, once, at the end:
/// each is the run's own number where an error bound proves it within the tolerances (the common case, and
/// then the same number as the last history point), else the value evaluated precisely there
/// (<see cref="ExactValues"/>, <see cref="MatrixExactEnough"/>). Where neither can be promised the figure is
/// withheld: not a number (the response's null) and a sentence saying why in <see cref="Withheld"/>. A run that
/// went well stays an answer: its solution, stop reason and history are right whatever its last loss is.
/// </summary>
internal sealed record FinalFigures(double Loss, double GradientNorm, IReadOnlyDictionary<string, string>? Withheld)
{
    public static FinalFigures Of(PreparedRun run, FinishedRun finished, CancellationToken cancellation)
    {
        var (loss, norm) = (finished.Descent.Loss, finished.Descent.GradientNorm);
        var withheld = new Dictionary<string, string>(StringComparer.Ordinal);
        using (WorkBudget.Enter(run.Limits, cancellation))
        {
            var point = run.PointOf(finished.Solution);
            if (double.IsFinite(loss))
            {
                loss = Checked("loss", ExactValues.Confirm(run.Loss, point, loss), withheld);
            }

            if (double.IsFinite(norm))
            {
                norm = Checked("gradientNorm", MatrixExactEnough.Norm([.. run.Gradients.Values], point, norm), withheld);
            }
        }

        return new FinalFigures(loss, norm, withheld.Count == 0 ? null : withheld);
    }

    private static double Checked(string figure, Errors.Outcome<double> value, Dictionary<string, string> withheld)
    {
        if (value.IsSuccess)
        {
            return value.Value;
        }

        withheld[figure] = value.Error.Detail;
        return double.NaN;
    }
}
