using CalcApi.Bench.Corpus;
using CalcApi.Bench.Engine;
using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Syntax;

namespace CalcApi.Bench.Verification;

/// <summary>
/// Checks the engine's answer to one case, as the API gives it (<see cref="Calculus.Differentiate"/>):
/// <list type="number">
/// <item>its value against the central difference of f: relative error below 1e-6 (widened by the
/// difference's own error estimate, when that is larger), or, when the difference is below 1e-9 (a
/// zero derivative), a value below 1e-9;</item>
/// <item>its value against forward-mode differentiation of what was written, which also resolves
/// derivatives too small for a difference to see (nested-exp at large n): within
/// 1e-6 relative, plus the rounding of any cancellation (1e-12 * <see cref="Dual.Scale"/>);</item>
/// <item>its printed text, parsed and bound again, against the derivative itself: the printer
/// promises parse(print(e)) == e.</item>
/// </list>
/// </summary>
public static class CaseCheck
{
    public const double RelativeTolerance = 1e-6;
    public const double ZeroTolerance = 1e-9;
    public const double CancellationTolerance = 1e-12;

    /// <summary>Printed derivatives of the scaling cases are long; only the length limit is lifted to read them back.</summary>
    private static readonly EngineLimits ReadBack = EngineLimits.Default with { MaxExpressionLength = int.MaxValue };

    /// <param name="cancellation">The time budget of the engine's work, as a request has.</param>
    public static CheckResult Run(CorpusCase c, CancellationToken cancellation = default)
    {
        var problems = new List<string>();
        var answer = Calculus.Differentiate(new DerivativeQuery(c.Expression, c.Variable, 1, c.At.ToDictionary(p => p.Key, p => CalcApi.Domain.Evaluation.Value.Of(p.Value))), EngineLimits.Default, cancellation);
        var (text, value) = answer.IsSuccess ? (answer.Value.Derivative.Text, answer.Value.Value) : (null, null);
        if (!answer.IsSuccess)
        {
            problems.Add($"engine error: {answer.Error.Title}: {answer.Error.Detail}");
        }

        var (difference, forward) = References(c, problems);
        if (value is double v)
        {
            if (difference is { } d)
            {
                CompareWithDifference(v, d, problems);
            }

            if (forward is { } f)
            {
                CompareWithForward(v, f, problems);
            }
        }

        if (text is not null)
        {
            CheckReadBack(c, text, problems, cancellation);
        }

        return new CheckResult(c, text, value, difference, forward, problems);
    }

    private static (FiniteDifference.Estimate?, Dual?) References(CorpusCase c, List<string> problems)
    {
        var syntax = Parser.Parse(c.Expression, ReadBack);
        if (!syntax.IsSuccess)
        {
            problems.Add($"reference: the expression does not parse: {syntax.Error.Detail}");
            return (null, null);
        }

        try
        {
            var forward = ReferenceEvaluator.Evaluate(c, syntax.Value, c.At);
            var difference = FiniteDifference.Central(x => ReferenceEvaluator.Evaluate(c, syntax.Value, c.AtVariable(x)).Value, c.At[c.Variable]);
            if (double.IsFinite(forward.Slope) && double.IsFinite(difference.Value))
            {
                return (difference, forward);
            }

            problems.Add($"reference: f or f' is not finite near `at` (forward {forward.Slope:G6}, difference {difference.Value:G6}); the case cannot be checked");
        }
        catch (NotSupportedException ex)
        {
            problems.Add($"reference: {ex.Message}");
        }

        return (null, null);
    }

    private static void CompareWithDifference(double value, FiniteDifference.Estimate d, List<string> problems)
    {
        if (Math.Abs(d.Value) < ZeroTolerance)
        {
            if (!(Math.Abs(value) < ZeroTolerance))
            {
                problems.Add($"value {value:G10}, but the central difference is {d.Value:G3} (zero): |value| must be below {ZeroTolerance:0e0}");
            }

            return;
        }

        var relative = Math.Abs(value - d.Value) / Math.Abs(d.Value);
        var limit = Math.Max(RelativeTolerance, 2 * d.Error / Math.Abs(d.Value));
        if (!(relative < limit))
        {
            problems.Add($"value {value:G10} differs from the central difference {d.Value:G10}: relative error {relative:G2} (limit {limit:0.#e0})");
        }
    }

    private static void CompareWithForward(double value, Dual f, List<string> problems)
    {
        var tolerance = (RelativeTolerance * Math.Abs(f.Slope)) + (CancellationTolerance * f.Scale);
        var error = Math.Abs(value - f.Slope);
        if (!(error <= tolerance))
        {
            problems.Add($"value {value:G10} differs from forward-mode differentiation {f.Slope:G10} by {error:G2} (tolerance {tolerance:0.#e0})");
        }
    }

    private static void CheckReadBack(CorpusCase c, string text, List<string> problems, CancellationToken cancellation)
    {
        PipelineResult run;
        try
        {
            run = EnginePipeline.Differentiate(c, cancellation);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems.Add($"pipeline error (parse, bind, d/dx, print outside the facade): {ex.Message}");
            return;
        }

        if (run.Text != text)
        {
            problems.Add("the pipeline prints a different derivative from the facade's answer");
        }

        var syntax = Parser.Parse(text, ReadBack);
        var bound = syntax.IsSuccess ? ScalarBinder.Bind(syntax.Value, new HashSet<string>(StringComparer.Ordinal) { c.Variable }) : null;
        if (bound is null || !bound.IsSuccess)
        {
            var error = bound?.Error ?? syntax.Error!;
            problems.Add($"printed derivative does not parse back: {error.Title}: {error.Detail}");
            return;
        }

        if (bound.Value != run.Derivative)
        {
            var back = Evaluator.Evaluate(bound.Value, c.At);
            var original = Evaluator.Evaluate(run.Derivative, c.At);
            problems.Add("printed derivative parses back to a different expression"
                + (back.IsSuccess && original.IsSuccess ? $" (value {back.Value:G10} vs {original.Value:G10})" : ""));
        }
    }
}
