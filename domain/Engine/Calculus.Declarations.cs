using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Engine;

/// <summary>The declarations a query's names are bound with: declared, implied by values, and checked against both.</summary>
public static partial class Calculus
{
    /// <summary>Kinds implied by the values of a point: arrays are vectors, arrays of arrays matrices, whatever their sizes.</summary>
    private static Outcome<Dictionary<string, VariableDeclaration>> DeclarationsFromValues(IReadOnlyDictionary<string, Value>? at, EngineLimits limits)
    {
        if (ValueTooLarge(at, limits) is { } tooLarge)
        {
            return tooLarge;
        }

        return at?.Where(p => p.Value.Form != ValueForm.Number).ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value), StringComparer.Ordinal)
            ?? new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The kinds implied by a point, with <paramref name="variables"/> declared scalars; a variable whose
    /// value is a vector or matrix is refused, saying that <paramref name="scalarsOnly"/>.
    /// </summary>
    private static Outcome<Dictionary<string, VariableDeclaration>> ScalarVariables(
        IReadOnlyDictionary<string, Value>? at, IEnumerable<string> variables, string scalarsOnly, EngineLimits limits)
    {
        var fromValues = DeclarationsFromValues(at, limits);
        if (!fromValues.IsSuccess)
        {
            return fromValues;
        }

        var declarations = fromValues.Value;
        foreach (var v in variables)
        {
            if (declarations.TryGetValue(v, out var kind) && kind.Kind != VariableKind.Scalar)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Variable is not a scalar",
                    $"'{v}' has a {kind.Kind.ToString().ToLowerInvariant()} value; {scalarsOnly}. Take the matrix gradient for vectors and matrices.");
            }

            declarations[v] = VariableDeclaration.Scalar;
        }

        return declarations;
    }

    /// <summary>Declared kinds, made concrete and checked against the values given for them.</summary>
    private static Outcome<Dictionary<string, VariableDeclaration>> Declarations(
        IReadOnlyDictionary<string, VariableDeclaration>? declared, IReadOnlyDictionary<string, Value>? at, EngineLimits limits)
    {
        if (ValueTooLarge(at, limits) is { } tooLarge)
        {
            return tooLarge;
        }

        var result = new Dictionary<string, VariableDeclaration>(declared ?? new Dictionary<string, VariableDeclaration>(), StringComparer.Ordinal);
        foreach (var (name, d) in result)
        {
            var entries = (long)(d.Rows is { IsConcrete: true } r ? r.Size : 1) * (d.Cols is { IsConcrete: true } c ? c.Size : 1);
            if (entries > limits.MaxMatrixEntries)
            {
                return CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                    $"'{name}' is declared with {entries:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}.");
            }
        }

        foreach (var (name, value) in at ?? new Dictionary<string, Value>())
        {
            var implied = VariableDeclaration.FromValue(value);
            if (!result.TryGetValue(name, out var declaration))
            {
                result[name] = implied;
                continue;
            }

            // A number fits any kind whose declared sizes allow 1×1 (a vector of length 1, a 1×1 matrix), and an
            // array an n×1 matrix; an array is never a scalar, nor an array of rows a vector, whatever the sizes.
            var kindFits = declaration.Kind == implied.Kind
                || (declaration.Kind == VariableKind.Matrix && implied.Kind == VariableKind.Vector)
                || (value.Form == ValueForm.Number && declaration.Rows is not { IsConcrete: true, IsOne: false } && declaration.Cols is not { IsConcrete: true, IsOne: false });
            var rows = value.Matrix?.RowCount ?? 1;
            var cols = value.Matrix?.ColumnCount ?? 1;
            var rowsFit = declaration.Rows is not { IsConcrete: true } r || r.Size == rows;
            var colsFit = declaration.Cols is not { IsConcrete: true } c || c.Size == cols;
            if (!kindFits || !rowsFit || !colsFit)
            {
                var given = value.Form switch
                {
                    ValueForm.Number => "a number",
                    ValueForm.Vector => $"a vector of length {rows}",
                    _ => $"a {rows}×{cols} matrix",
                };
                return new CalcError(ErrorKind.InvalidArgument, "Value of the wrong shape",
                    $"'{name}' is declared a {Describe(declaration)}, but its value is {given}.");
            }

            // Square first: the symmetry test subtracts the transpose, which needs equal sizes.
            if (declaration.Symmetric && value.Matrix is { } rect && rect.RowCount != rect.ColumnCount)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Symmetric matrix is not square",
                    $"'{name}' is declared symmetric, but its value is {rect.RowCount}×{rect.ColumnCount}, not square; only square matrices can be symmetric.");
            }

            if (declaration.Symmetric && value.Matrix is { } m && !m.Equals(m.Transpose()) && (m - m.Transpose()).InfinityNorm() > 1e-12 * Math.Max(1, m.InfinityNorm()))
            {
                return new CalcError(ErrorKind.InvalidArgument, "Value is not symmetric",
                    $"'{name}' is declared symmetric, but its value is not.");
            }

            // The declared kind stays, whatever the sizes: a vector of length 1 is still a vector.
            result[name] = declaration.Kind == VariableKind.Scalar ? VariableDeclaration.Scalar
                : declaration with { Rows = Dim.Of(rows), Cols = declaration.Kind == VariableKind.Vector ? Dim.One : Dim.Of(cols) };
        }

        return result;
    }

    /// <summary>
    /// A value for a reserved name (pi, e, I, a function name) that is not declared a variable: refused rather
    /// than dropped (contract section 5). A name in <paramref name="declared"/> is a variable, and takes the value.
    /// </summary>
    private static CalcError? ValueForReservedName(IReadOnlyDictionary<string, Value>? values, string field, IEnumerable<string> declared)
    {
        if (values is null)
        {
            return null;
        }

        var variables = declared.ToHashSet(StringComparer.Ordinal);
        foreach (var name in values.Keys)
        {
            var meaning = name switch
            {
                "pi" => "the constant pi",
                "e" => "Euler's number e",
                "I" => "the identity matrix I",
                _ => FunctionNames.All.Contains(name, StringComparer.Ordinal) ? $"the function {name}" : null,
            };
            if (meaning is not null && !variables.Contains(name))
            {
                return new CalcError(ErrorKind.InvalidArgument, "Value for a reserved name",
                    $"`{field}` gives a value for '{name}', which is {meaning}, not a variable; declare '{name}' as a variable to give it a value.");
            }
        }

        return null;
    }

    /// <summary>The names, in order, that are scalars under <paramref name="declarations"/> (undeclared names are).</summary>
    /// <summary>
    /// f read with every name of <paramref name="listed"/> (and every scalar in <paramref name="at"/>) a scalar, and the
    /// names to differentiate with respect to: <paramref name="listed"/>, or else f's free scalar names; refused where
    /// there are none. What the gradient and the Hessian of a function of scalar variables both begin with.
    /// </summary>
    /// <param name="what">"the gradient", "the Hessian": for the messages.</param>
    private static Outcome<((BoundTree Function, Dictionary<string, VariableDeclaration> Declarations) Read, IReadOnlyList<string> Variables)> ReadOverScalars(
        string expression, IReadOnlyDictionary<string, Value>? at, IReadOnlyList<string>? listed, string what, EngineLimits limits)
    {
        var scalars = ScalarVariables(at, listed ?? [], $"{what} here is with respect to scalar variables", limits);
        var read = ReadScalarFunction(expression, scalars, limits);
        if (!read.IsSuccess)
        {
            return read.Error;
        }

        IReadOnlyList<string> variables = listed is { Count: > 0 } given ? given : ScalarNames(read.Value.Function.FreeNames, read.Value.Declarations);
        return variables.Count == 0
            ? new CalcError(ErrorKind.InvalidArgument, "No variables",
                $"The expression has no free scalar name, and `variables` names none: there is nothing to take {what} with respect to.")
            : (read.Value, variables);
    }

    private static List<string> ScalarNames(IReadOnlyList<string> names, IReadOnlyDictionary<string, VariableDeclaration> declarations) =>
        [.. names.Where(n => !declarations.TryGetValue(n, out var d) || d.Kind == VariableKind.Scalar)];

    /// <summary>Refuses values too large for numeric work, naming the limit.</summary>
    private static CalcError? ValueTooLarge(IReadOnlyDictionary<string, Value>? values, EngineLimits limits)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, Value>())
        {
            if (value.Matrix is { } m && (long)m.RowCount * m.ColumnCount > limits.MaxMatrixEntries)
            {
                return CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                    $"'{name}' has {(long)m.RowCount * m.ColumnCount:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}.");
            }
        }

        return null;
    }

    private static string Describe(VariableDeclaration d) => d.Kind switch
    {
        VariableKind.Scalar => "scalar",
        VariableKind.Vector => d.Rows is { } n ? $"vector of length {n}" : "vector",
        _ => d.Rows is { } r && d.Cols is { } c ? $"{r}×{c} matrix" : "matrix",
    };
}
