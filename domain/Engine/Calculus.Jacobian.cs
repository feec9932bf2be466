using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Engine;

/// <summary>The Jacobian of the scalar functions <see cref="Expressions"/> with respect to scalar <see cref="Variables"/> (default: every free scalar name, in order of first appearance).</summary>
public sealed record JacobianQuery(IReadOnlyList<string> Expressions, IReadOnlyList<string>? Variables = null, IReadOnlyDictionary<string, Value>? At = null)
{
    /// <summary>
    /// How the table is laid out: numerator layout (a row per function, J[i][j] = ∂fᵢ/∂xⱼ; contract section 8) by
    /// default, or the lecture's denominator layout (the transpose: a row per variable, a column per function).
    /// </summary>
    public GradientLayout Layout { get; init; } = GradientLayout.Numerator;
}

/// <param name="Jacobian">Numerator layout: row i, column j is ∂fᵢ/∂xⱼ. Denominator layout: row j, column i is.</param>
public sealed record JacobianAnswer(IReadOnlyList<Rendered> Expressions, IReadOnlyList<string> Variables, IReadOnlyList<IReadOnlyList<DerivativeEntry>> Jacobian)
{
    /// <summary>The layout the table is in.</summary>
    public GradientLayout Layout { get; init; } = GradientLayout.Numerator;
}

public static partial class Calculus
{
    public static Outcome<JacobianAnswer> Jacobian(JacobianQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Expressions.Count == 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "No expressions", "`expressions` is empty: give the functions f₁, …, fₘ whose Jacobian to take.") { Field = "expressions" };
        }

        var missing = query.Expressions.ToList().FindIndex(e => e is null);
        if (missing >= 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Missing expression", $"expressions[{missing}] is null; every entry must be an expression (text).") { Field = $"expressions[{missing}]" };
        }

        if (CheckVariableList(query.Variables, query.At, limits) is { } invalid)
        {
            return invalid;
        }

        if (TableTooLarge(query.Expressions.Count, query.Variables?.Count ?? 1, "The Jacobian", limits) is { } tooMany)
        {
            return tooMany;
        }

        return Guarded<JacobianAnswer>(limits, cancellation, () =>
        {
            var scalars = ScalarVariables(query.At, query.Variables ?? [], "the Jacobian here is with respect to scalar variables", limits);
            var functions = new List<(Binding.BoundTree Function, PrintStyle Style)>(query.Expressions.Count);
            var names = new List<string>();
            for (var i = 0; i < query.Expressions.Count; i++)
            {
                var read = ReadScalarFunction(query.Expressions[i], scalars, limits);
                if (!read.IsSuccess)
                {
                    return read.Error with { Field = $"expressions[{i}]" };
                }

                functions.Add((read.Value.Function, new PrintStyle(read.Value.Function.NaturalLogSpelling)));
                names.AddRange(ScalarNames(read.Value.Function.FreeNames, read.Value.Declarations).Where(n => !names.Contains(n)));
                if (OutsideFunctionDomain(read.Value.Function, query.At) is { } outside)
                {
                    return outside with { Field = $"expressions[{i}]" };
                }
            }

            var variables = query.Variables is { Count: > 0 } given ? given : names;
            if (variables.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "No variables",
                    "The expressions have no free scalar name, and `variables` names none: there is nothing to take the Jacobian with respect to.");
            }

            if (TableTooLarge(functions.Count, variables.Count, "The Jacobian", limits) is { } tooMany)
            {
                return tooMany;
            }

            long printed = 0;
            var rows = new List<IReadOnlyList<DerivativeEntry>>(functions.Count);
            for (var i = 0; i < functions.Count; i++)
            {
                var (function, style) = functions[i];
                var row = new DerivativeEntry[variables.Count];
                for (var j = 0; j < variables.Count; j++)
                {
                    var derivative = Differentiator.Differentiate(function.Expression, variables[j]);
                    printed = Expr.AddSizes(printed, derivative.Size);
                    if ((TooLarge(derivative, limits) ?? TableNodes(printed, limits)) is { } tooLarge)
                    {
                        return tooLarge;
                    }

                    var entry = Entry(function, derivative, style, query.At, cancellation);
                    if (!entry.IsSuccess)
                    {
                        return entry.Error with { Field = $"expressions[{i}]" };
                    }

                    row[j] = entry.Value;
                }

                rows.Add(row);
            }

            var table = query.Layout == GradientLayout.Denominator ? TransposedTable(rows, variables.Count) : rows;
            return new JacobianAnswer([.. functions.Select(p => Rendered.Of(p.Function.Expression, p.Style))], variables, table) { Layout = query.Layout };
        });
    }

    /// <summary>The table in denominator layout: row j is column j of <paramref name="rows"/>, the same entries.</summary>
    private static IReadOnlyList<IReadOnlyList<DerivativeEntry>> TransposedTable(List<IReadOnlyList<DerivativeEntry>> rows, int columns) =>
        [.. Enumerable.Range(0, columns).Select(j => (IReadOnlyList<DerivativeEntry>)[.. rows.Select(row => row[j])])];
}
