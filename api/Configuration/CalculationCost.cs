using CalcApi.Api.Contracts;
using CalcApi.Domain;
using CalcApi.Domain.Engine;

namespace CalcApi.Api.Configuration;

/// <summary>
/// Which requests are heavy, judged from the request alone before any work: long optimisation runs,
/// derivatives of order 3 or more (a mixed partial of three or more names too; also to check an answer against), and long expressions or answers, or any that writes diff(f, x, n). Everything else is cheap: a first
/// or second derivative or a gradient of a short expression takes well under a millisecond, so it never
/// waits behind heavy work.
/// </summary>
public static partial class CalculationCost
{
    /// <summary>Characters beyond which an expression is heavy whatever is asked of it.</summary>
    public const int CheapExpressionLength = 200;

    /// <summary>
    /// Characters beyond which a derivation (steps) is heavy: each line prints the whole derivative-in-progress three
    /// times, so a derivation costs about lines × line size, measured at 0.1–1 s for the corpus's 64- and 128-deep cases.
    /// </summary>
    public const int StepsExpressionLength = 60;

    /// <summary>The highest derivative order that is cheap.</summary>
    public const int CheapOrder = 2;

    /// <summary>Variables beyond which a gradient is heavy.</summary>
    public const int CheapGradientVariables = 8;

    /// <summary>Iterations beyond which an optimisation run is heavy (a run of a few thousand iterations of a short loss takes milliseconds).</summary>
    public const int CheapIterations = 5_000;

    /// <summary>Points per side beyond which a landscape is heavy.</summary>
    public const int CheapResolution = 100;

    public static bool IsHeavy(object? request) => request switch
    {
        DifferentiateRequest d => d.OrderAsked() > CheapOrder || Heavy(d.Expression) || (d.Steps == true && Long(d.Expression, StepsExpressionLength)),
        GradientRequest g => (g.Variables?.Count ?? 0) > CheapGradientVariables || Heavy(g.Expression) || (g.Steps == true && Long(g.Expression, StepsExpressionLength)),
        MatrixGradientRequest m => Heavy(m.Expression),
        CheckRequest c => (c.Order ?? 1) > CheapOrder || Heavy(c.Expression) || Heavy(c.Expected) || LongAnswer(c),
        OptimizeRequest o => (o.MaxIterations ?? 1000) > CheapIterations || Heavy(o.Loss),
        LandscapeRequest l => (l.Resolution ?? 0) > CheapResolution || Heavy(l.Loss),
        _ => false,
    };

    /// <summary>
    /// Whether the engine will refuse <paramref name="request"/> before any work (a derivative whose estimated
    /// size is far past maxResultNodes): such a request is answered at once, never queued, whatever its cost class.
    /// </summary>
    public static bool IsRefusedBeforeWork(object? request, EngineLimits limits) =>
        request is DifferentiateRequest { Expression: not null } d
        && d.ToQuery() is { IsSuccess: true } query
        && Calculus.EstimateRefusal(query.Value, limits) is not null;

    private static bool Long(string? expression, int length = CheapExpressionLength) => expression is { Length: var n } && n > length;

    /// <summary>
    /// Long, or writing diff(f, x, n): a derivative is taken while the expression is read, of an order up to maxOrder
    /// that the request's own <c>order</c> does not show, so it is judged as heavy as a high order.
    /// </summary>
    private static bool Heavy(string? expression) => Long(expression) || WritesDerivative(expression);

    private static bool WritesDerivative(string? text) => text is not null && DerivativeCall().IsMatch(text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\bdiff\s*\(")]
    private static partial System.Text.RegularExpressions.Regex DerivativeCall();

    /// <summary>
    /// Whether a check's answer (text, or an object of texts for a gradient) is long, or a gradient's has more components than a cheap gradient.
    /// Read from the raw JSON: a string that is not valid UTF-16 (a lone surrogate) is the reader's to refuse, not the scheduler's to throw on.
    /// </summary>
    private static bool LongAnswer(CheckRequest c) => c.Answer switch
    {
        { ValueKind: System.Text.Json.JsonValueKind.String } text => text.GetRawText().Length > CheapExpressionLength || WritesDerivative(text.GetRawText()),
        { ValueKind: System.Text.Json.JsonValueKind.Object } components => components.GetRawText().Length > CheapExpressionLength * CheapGradientVariables
            || WritesDerivative(components.GetRawText())
            || components.EnumerateObject().Count() > CheapGradientVariables,
        _ => false,
    };
}
