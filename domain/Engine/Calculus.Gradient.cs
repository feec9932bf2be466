using CalcApi.Domain.Printing;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;

namespace CalcApi.Domain.Engine;

/// <summary>The gradient of f with respect to <see cref="Variables"/> (default: every free name).</summary>
public sealed record GradientQuery(string Expression, IReadOnlyList<string>? Variables = null, IReadOnlyDictionary<string, Value>? At = null)
{
    /// <summary>Whether each component answers its derivation too (contract section 6), and how much of it; null: no steps.</summary>
    public Steps.StepDetail? Steps { get; init; }
}

public sealed record GradientComponent(string Variable, Rendered Derivative, double? Value)
{
    /// <summary>The conditions under which the partial derivative is the true one (contract section 5).</summary>
    public IReadOnlyList<Rendered> Conditions { get; init; } = [];

    /// <summary>The derivation of this partial derivative, when the query asked for steps.</summary>
    public IReadOnlyList<RenderedStep>? Steps { get; init; }
}

public sealed record GradientAnswer(Rendered Expression, IReadOnlyList<GradientComponent> Components);

public static partial class Calculus
{
    public static Outcome<GradientAnswer> Gradient(GradientQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Variables is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        var bad = query.Variables?.Where(v => !IsName(v)).Select(v => v is null ? "null" : $"'{v}'").FirstOrDefault();
        if (bad is not null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                $"Every entry of `variables` must be a name of the language (letters, digits, _), but one is {bad}.");
        }

        var duplicate = query.Variables?.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"'{duplicate.Key}' appears more than once in `variables`.");
        }

        if (ValueForReservedName(query.At, "at", query.Variables ?? []) is { } reserved)
        {
            return reserved;
        }

        return Guarded<GradientAnswer>(limits, cancellation, () =>
        {
            var prepared = ReadOverScalars(query.Expression, query.At, query.Variables, "the gradient", limits);
            if (!prepared.IsSuccess)
            {
                return prepared.Error;
            }

            var (read, variables) = prepared.Value;
            var (f, _, _, logSpelling) = read.Function;
            var style = new PrintStyle(logSpelling);

            if (variables.Count > limits.MaxVariables)
            {
                return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"The expression has {variables.Count} free names; the limit (maxVariables) is {limits.MaxVariables}.");
            }

            if (OutsideFunctionDomain(read.Function, query.At) is { } outside)
            {
                return outside;
            }

            var components = new List<GradientComponent>(variables.Count);
            foreach (var variable in variables)
            {
                var derivative = Simplification.Forms.Answer(Differentiator.Differentiate(f, variable), cancellation).Answer;
                if (TooLarge(derivative, limits) is { } tooLarge)
                {
                    return tooLarge;
                }

                var value = query.At is null ? null : EvaluateDerivative(derivative, query.At);
                if (value is { IsSuccess: false })
                {
                    return value.Error;
                }

                IReadOnlyList<RenderedStep>? steps = null;
                if (query.Steps is { } detail)
                {
                    var derivation = Steps.ScalarDerivation.Of(f, [variable], detail, style, limits.MaxResultNodes);
                    if (!derivation.IsSuccess)
                    {
                        return derivation.Error;
                    }

                    steps = RenderedSteps(EndingAt(derivation.Value, derivative), style);
                }

                components.Add(new GradientComponent(variable, Rendered.Of(derivative, style), value?.Value)
                {
                    Conditions = ConditionsOf(read.Function, derivative, style),
                    Steps = steps,
                });
            }

            return new GradientAnswer(Rendered.Of(f, style), components);
        });
    }
}
