using CalcApi.Domain;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Steps;

namespace CalcApi.Api.Contracts;

/// <summary>The request fields <c>steps</c> and <c>detail</c> (contract section 6), read together.</summary>
public static class StepsReader
{
    /// <summary>The detail of the derivation asked for; null when <c>steps</c> is left out or false. <c>detail</c> without steps is refused, not ignored.</summary>
    public static Outcome<StepDetail?> Read(bool? steps, string? detail)
    {
        StepDetail? level = detail switch
        {
            null or "full" => StepDetail.Full,
            "brief" => StepDetail.Brief,
            _ => null,
        };
        if (level is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown detail",
                $"`detail` must be \"full\" (every rule applied, the default) or \"brief\" (the trivial rules merged), but it is '{detail}'.") { Field = "detail" };
        }

        if (steps != true)
        {
            return detail is null
                ? (StepDetail?)null
                : new CalcError(ErrorKind.InvalidArgument, "Detail without steps",
                    "`detail` says how much of the derivation to show; ask for the derivation with \"steps\": true, or leave `detail` out.") { Field = "detail" };
        }

        return level;
    }
}

/// <summary>One line of a derivation: the rule applied, in a code and a sentence, and the whole expression after it.</summary>
public sealed record StepResponse
{
    /// <summary>
    /// The rule's code: <c>start</c> (the first line of each order, diff(f, x)), <c>constant</c>, <c>variable</c>, <c>sum</c>,
    /// <c>constantFactor</c>, <c>product</c>, <c>quotient</c>, <c>power</c>, <c>generalPower</c>, <c>exponential</c>,
    /// <c>logarithm</c>, <c>trigonometric</c>, <c>inverseTrigonometric</c>, <c>hyperbolic</c>, <c>absoluteValue</c>,
    /// <c>special</c> (sigmoid, softplus, erf), <c>chain</c> or <c>simplify</c>; for matrix steps <c>start</c>, <c>linearity</c>, <c>product</c>,
    /// <c>transpose</c>, <c>trace</c>, <c>determinant</c>, <c>logdet</c>, <c>inverse</c>, <c>elementwise</c>, <c>chain</c>, <c>traceCyclic</c>,
    /// <c>identify</c>, <c>symmetrize</c> or <c>layout</c> (numerator layout: the gradient transposed, as the answer writes it).
    /// </summary>
    public required string Rule { get; init; }

    /// <summary>What was done, in a sentence a student can follow.</summary>
    public required string Explanation { get; init; }

    /// <summary>The whole line in the expression language, equal to the derivative; the parts not yet differentiated stand as <c>diff(u, x)</c>.</summary>
    public required string Expression { get; init; }

    /// <summary>The line in LaTeX (<c>diff(u, x)</c> as <c>\frac{d}{dx}\left(u\right)</c>).</summary>
    public required string Latex { get; init; }

    /// <summary>The line in presentation MathML.</summary>
    public required string Mathml { get; init; }

    /// <summary>Which derivative the line belongs to: 1 for the first, k for the k-th of a higher order or mixed partial (each order is its own derivation).</summary>
    public required int Order { get; init; }

    /// <summary>The identity used, where one is cited ("Matrix Cookbook (43)"); absent for scalar rules.</summary>
    public string? Reference { get; init; }

    /// <summary>Matrix steps only: <c>differential</c> (the line equals df, linear in <c>d(X)</c>) or <c>gradient</c> (the line is ∂f/∂X); absent for scalar steps.</summary>
    public string? Form { get; init; }

    public static IReadOnlyList<StepResponse>? From(IReadOnlyList<RenderedStep>? steps) => steps?.Select(s => new StepResponse
    {
        Rule = s.Rule,
        Explanation = s.Explanation,
        Expression = s.Expression.Text,
        Latex = s.Expression.Latex,
        Mathml = s.Expression.MathML,
        Order = s.Order,
        Reference = s.Reference,
        Form = s.Form,
    }).ToList();
}
