using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Engine;

/// <summary>The Hessian of f with respect to scalar <see cref="Variables"/> (default: every free scalar name, in order of first appearance).</summary>
public sealed record HessianQuery(string Expression, IReadOnlyList<string>? Variables = null, IReadOnlyDictionary<string, Value>? At = null);

/// <summary>One entry of a Hessian or Jacobian: a derivative in three forms, its value at the point (when one was given) and its conditions.</summary>
public sealed record DerivativeEntry(Rendered Derivative, double? Value)
{
    /// <summary>The conditions under which the entry is the true derivative (contract section 5).</summary>
    public IReadOnlyList<Rendered> Conditions { get; init; } = [];
}

/// <param name="Hessian">Row i, column j: ∂²f/∂xᵢ∂xⱼ. Entry (j, i) is the same object as entry (i, j): symmetric by construction.</param>
public sealed record HessianAnswer(Rendered Expression, IReadOnlyList<string> Variables, IReadOnlyList<IReadOnlyList<DerivativeEntry>> Hessian);

public static partial class Calculus
{
    public static Outcome<HessianAnswer> Hessian(HessianQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (CheckVariableList(query.Variables, query.At, limits) is { } invalid)
        {
            return invalid;
        }

        return Guarded<HessianAnswer>(limits, cancellation, () =>
        {
            var prepared = ReadOverScalars(query.Expression, query.At, query.Variables, "the Hessian", limits);
            if (!prepared.IsSuccess)
            {
                return prepared.Error;
            }

            var (read, variables) = prepared.Value;
            var (f, _, _, logSpelling) = read.Function;
            var style = new PrintStyle(logSpelling);

            if (TableTooLarge(variables.Count, variables.Count, "The Hessian", limits) is { } tooMany)
            {
                return tooMany;
            }

            if (OutsideFunctionDomain(read.Function, query.At) is { } outside)
            {
                return outside;
            }

            var n = variables.Count;
            var first = variables.Select(v => Differentiator.Differentiate(f, v)).ToArray();
            var rows = new DerivativeEntry[n][];
            for (var i = 0; i < n; i++)
            {
                rows[i] = new DerivativeEntry[n];
            }

            long printed = 0;
            for (var i = 0; i < n; i++)
            {
                // Only i <= j is differentiated; (j, i) mirrors it, so the answer is symmetric whatever the printed forms.
                for (var j = i; j < n; j++)
                {
                    var second = Differentiator.Differentiate(first[i], variables[j]);
                    printed = Expr.AddSizes(printed, second.Size);
                    if ((TooLarge(second, limits) ?? TableNodes(printed, limits)) is { } tooLarge)
                    {
                        return tooLarge;
                    }

                    var entry = Entry(read.Function, second, style, query.At, cancellation);
                    if (!entry.IsSuccess)
                    {
                        return entry.Error;
                    }

                    rows[i][j] = rows[j][i] = entry.Value;
                }
            }

            return new HessianAnswer(Rendered.Of(f, style), variables, rows);
        });
    }

    /// <summary>
    /// One derivative of a table, shown in the form a derivative is answered in (<see cref="Simplification.Forms.Answer"/>),
    /// with its conditions (those cancelled factors carried included) and (at a point) the value of the derivative as
    /// differentiated, right or refused.
    /// </summary>
    private static Outcome<DerivativeEntry> Entry(Binding.BoundTree function, Expr derivative, PrintStyle style, IReadOnlyDictionary<string, Value>? at, CancellationToken cancellation)
    {
        var value = at is null ? null : EvaluateDerivative(derivative, at);
        if (value is { IsSuccess: false })
        {
            return value.Error;
        }

        var (answer, cancelled) = Simplification.Forms.Answer(derivative, cancellation);
        return new DerivativeEntry(Rendered.Of(answer, style), value?.Value) { Conditions = ConditionsOf(function, derivative, cancelled, answer, style) };
    }

    /// <summary>The checks the gradient makes of a list of scalar variables: within maxVariables, names of the language, no repeats, no value for a reserved name.</summary>
    private static CalcError? CheckVariableList(IReadOnlyList<string>? variables, IReadOnlyDictionary<string, Value>? at, EngineLimits limits)
    {
        if (variables is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        var bad = variables?.Where(v => !IsName(v)).Select(v => v is null ? "null" : $"'{v}'").FirstOrDefault();
        if (bad is not null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable",
                $"Every entry of `variables` must be a name of the language (letters, digits, _), but one is {bad}.") { Field = "variables" };
        }

        var duplicate = variables?.GroupBy(v => v, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"'{duplicate.Key}' appears more than once in `variables`.") { Field = "variables" };
        }

        return ValueForReservedName(at, "at", variables ?? []);
    }

    /// <summary>Refuses a table of derivatives with more entries than maxMatrixEntries, or more columns than maxVariables, before any is taken.</summary>
    private static CalcError? TableTooLarge(long rows, int columns, string what, EngineLimits limits)
    {
        if (columns > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{what} would be with respect to {columns} variables; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        var entries = rows * columns;
        return entries <= limits.MaxMatrixEntries ? null
            : CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                $"{what} would have {rows} × {columns} = {entries:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}.");
    }

    /// <summary>Refuses a table whose entries together print as more than maxResultNodes nodes.</summary>
    private static CalcError? TableNodes(long printed, EngineLimits limits) =>
        printed <= limits.MaxResultNodes ? null
        : CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
            $"The entries together would have more than {limits.MaxResultNodes:N0} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for fewer variables or a smaller expression.");
}
