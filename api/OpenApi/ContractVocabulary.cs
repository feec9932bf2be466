using System.Text.Json;
using CalcApi.Api.Contracts;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Optimization;

namespace CalcApi.Api.OpenApi;

/// <summary>
/// The closed sets of words the API reads and writes, taken from the code that reads and writes them, so that
/// the document's enums cannot drift from the server: a generated client may switch on them exhaustively.
/// </summary>
public static class ContractVocabulary
{
    /// <summary><c>optimizer.method</c> and the response's <c>method</c>: as <see cref="OptimizeResponse.MethodName"/> writes them.</summary>
    public static IReadOnlyList<string> Methods { get; } = [.. Enum.GetValues<OptimizerMethod>().Select(OptimizeResponse.MethodName)];

    /// <summary><c>optimizer.lineSearch</c>, as the request reads it.</summary>
    public static IReadOnlyList<string> LineSearches { get; } = [.. Enum.GetNames<LineSearch>().Select(n => n.ToLowerInvariant())];

    /// <summary>The response's <c>stopReason</c>, as <see cref="OptimizeResponse.StopReasonName"/> writes it.</summary>
    public static IReadOnlyList<string> StopReasons { get; } = [.. Enum.GetValues<StopReason>().Select(OptimizeResponse.StopReasonName)];

    /// <summary>A check's <c>verdict</c>, whole or per component.</summary>
    public static IReadOnlyList<string> Verdicts { get; } = [.. Enum.GetValues<Verdict>().Select(v => CheckResponse.Name(v))];

    /// <summary>How a check's verdict was reached.</summary>
    public static IReadOnlyList<string> DecidedBy { get; } = [.. Enum.GetValues<Domain.Engine.DecidedBy>().Select(d => CheckResponse.Name(d))];

    /// <summary>A check's <c>task</c>: the check's own words (matrix-gradient is its endpoint's path).</summary>
    public static IReadOnlyList<string> CheckTasks { get; } = [.. Enum.GetNames<CheckTask>().Select(JsonNamingPolicy.KebabCaseLower.ConvertName)];

    /// <summary>A variable's kind, in <c>variables</c> and in a matrix gradient's <c>kind</c>.</summary>
    public static IReadOnlyList<string> VariableKinds { get; } = [.. Enum.GetNames<VariableKind>().Select(n => n.ToLowerInvariant())];

    /// <summary>A problem's <c>kind</c>: the engine's error kinds, camelCase as <see cref="Errors.CalcProblems"/> writes them.</summary>
    public static IReadOnlyList<string> ProblemKinds { get; } = [.. Enum.GetNames<ErrorKind>().Select(JsonNamingPolicy.CamelCase.ConvertName)];

    /// <summary>
    /// The codes of the mistakes a check recognises (<c>diagnosis[].code</c>). The engine keeps them as string
    /// literals next to the rule each names (domain/Checking); OpenApiVocabularyTests reads them from there, so a
    /// new code that is not listed here fails the build's tests.
    /// </summary>
    public static IReadOnlyList<string> DiagnosisCodes { get; } =
    [
        // Whatever the task: the answer as a whole.
        "signError", "constantFactor", "domainDiffers", "wrongShape", "wrongVariable",
        // Scalar rules, each a slip in one rule of differentiation.
        "missingInnerDerivative", "chainRuleArgument", "productOfDerivatives", "quotientOfDerivatives", "quotientRuleSign",
        "quotientRuleDenominator", "powerRuleExponent", "powerRuleCoefficient", "exponentialAsPower", "exponentialMissingLog",
        "variableExponent", "trigSign", "hyperbolicSign",
        // Matrix rules.
        "transposed", "notSymmetrized", "missingFactorTwo", "assumedSymmetric", "inverseNotTransposed", "tracePermutation",
    ];
}
