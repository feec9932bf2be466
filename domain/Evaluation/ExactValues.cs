using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Values at a point that keep the contract's promise (section 5): right or refused. A scalar expression at
/// a point of scalars goes to <see cref="ExactEnough"/>; anything with a vector or matrix in it to
/// <see cref="MatrixExactEnough"/>.
/// </summary>
public static class ExactValues
{
    /// <summary>A scalar value at the point.</summary>
    public static Outcome<double> Scalar(Expr e, IReadOnlyDictionary<string, Value> at)
    {
        if (IsScalarPoint(at) && ScalarLanguage.Of(e))
        {
            return ExactEnough.Evaluate(e, ScalarPoint(at));
        }

        var value = MatrixExactEnough.Evaluate(e, at);
        return value.IsSuccess ? value.Value.Scalar : value.Error;
    }

    /// <summary>A value of any shape at the point.</summary>
    public static Outcome<Value> Of(Expr e, IReadOnlyDictionary<string, Value> at) => MatrixExactEnough.Evaluate(e, at);

    /// <summary>
    /// The scalar <paramref name="e"/> at the point, where <paramref name="candidate"/> is a value found in double
    /// precision some other way (an optimiser's last loss): the candidate itself where a bound proves it, else
    /// the value found precisely, or a refusal.
    /// </summary>
    internal static Outcome<double> Confirm(Expr e, IReadOnlyDictionary<string, Value> at, double candidate)
    {
        if (IsScalarPoint(at) && ScalarLanguage.Of(e))
        {
            var point = ScalarPoint(at);
            var bounded = BoundedEvaluator.Evaluate(e, point);
            return bounded.IsSuccess && ExactEnough.IsTrusted(bounded.Value with { Value = candidate, Error = bounded.Value.Error + Math.Abs(candidate - bounded.Value.Value) })
                ? candidate
                : ExactEnough.Evaluate(e, point);
        }

        var value = MatrixExactEnough.Confirm(e, at, Value.Of(candidate));
        return value.IsSuccess ? value.Value.Scalar : value.Error;
    }

    private static bool IsScalarPoint(IReadOnlyDictionary<string, Value> at) => at.Values.All(v => v.IsScalar);

    private static Dictionary<string, double> ScalarPoint(IReadOnlyDictionary<string, Value> at) => at.ToDictionary(p => p.Key, p => p.Value.Scalar);

}
