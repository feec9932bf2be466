using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Tests.Support;

/// <summary>
/// The check every answer-form property makes of a rewrite: at a point, the rewritten form is defined exactly where its
/// input is, and there has its value, both evaluated to the precision the contract promises (ExactEnough), not in double:
/// in double 1 - tanh(u)^2 is 0 for u &lt; -20 and loses digits well before. A point where either side needs more precision
/// than that proves nothing and is passed over.
/// </summary>
internal static class SameValues
{
    public static void At(Expr before, Expr after, string what, IReadOnlyDictionary<string, double> point)
    {
        var expected = ExactEnough.Evaluate(before, point);
        var actual = ExactEnough.Evaluate(after, point);
        if (expected.Error?.Kind == ErrorKind.Precision || actual.Error?.Kind == ErrorKind.Precision)
        {
            return;
        }

        var where = string.Join(", ", point.Select(p => $"{p.Key} = {p.Value}"));
        Assert.True(expected.IsSuccess == actual.IsSuccess, $"{what} -> {TextPrinter.Print(after)} at {where}: defined {expected.IsSuccess} vs {actual.IsSuccess}");
        if (expected.IsSuccess)
        {
            Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)),
                $"{what} -> {TextPrinter.Print(after)} at {where}: {expected.Value} vs {actual.Value}");
        }
    }
}
