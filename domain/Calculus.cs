using CalcApi.Domain.Binding;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Optimization;
using CalcApi.Domain.Shapes;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain;

/// <summary>d^n f / dx^n, asked for in the contract's terms. <see cref="At"/> may give vectors and matrices (det(I + t*M)).</summary>
public sealed record DerivativeQuery(string Expression, string? Variable = null, int Order = 1, IReadOnlyDictionary<string, Value>? At = null);

public sealed record DerivativeAnswer(Rendered Expression, string Variable, int Order, Rendered Derivative, double? Value);

/// <summary>The gradient of f with respect to <see cref="Variables"/> (default: every free name).</summary>
public sealed record GradientQuery(string Expression, IReadOnlyList<string>? Variables = null, IReadOnlyDictionary<string, Value>? At = null);

public sealed record GradientComponent(string Variable, Rendered Derivative, double? Value);

public sealed record GradientAnswer(Rendered Expression, IReadOnlyList<GradientComponent> Components);

/// <summary>∂f/∂X for a scalar f of scalars, vectors and matrices.</summary>
/// <param name="Expression">The scalar function f.</param>
/// <param name="Variables">Declared kinds and sizes; an undeclared name takes its kind from its value in <paramref name="At"/>, or is a scalar.</param>
/// <param name="Wrt">The variables to differentiate with respect to; default: every vector and matrix variable.</param>
/// <param name="At">A point: the gradients are also evaluated there.</param>
public sealed record MatrixGradientQuery(
    string Expression,
    IReadOnlyDictionary<string, VariableDeclaration>? Variables = null,
    IReadOnlyList<string>? Wrt = null,
    IReadOnlyDictionary<string, Value>? At = null);

/// <param name="Symmetric">Whether the gradient was taken within symmetric matrices ((G + G')/2).</param>
public sealed record MatrixGradientComponent(string Variable, Rendered Gradient, Shape Shape, bool Symmetric, Value? Value);

public sealed record MatrixGradientAnswer(Rendered Expression, IReadOnlyList<MatrixGradientComponent> Gradients, double? Value);

/// <summary>A parsed and bound expression, with the names it uses in order of first appearance.</summary>
public sealed record BoundExpression(Expr Expression, IReadOnlyList<string> FreeNames);

/// <summary>
/// The engine's front door: text in, answers or <see cref="CalcError"/>s out. Every call runs inside a
/// <see cref="WorkBudget"/>, so limits and the caller's time budget hold however the expression grows.
/// </summary>
public static class Calculus
{
    /// <summary>Parses and binds an expression; undeclared names are scalars.</summary>
    /// <param name="expectedShape">The shape the expression is known to have, for reading back a gradient (it sizes a lone I).</param>
    public static Outcome<BoundExpression> Read(string expression, EngineLimits limits, IReadOnlyDictionary<string, VariableDeclaration>? declarations = null, Shape? expectedShape = null)
    {
        var syntax = Parser.Parse(expression, limits);
        if (!syntax.IsSuccess)
        {
            return syntax.Error;
        }

        declarations ??= new Dictionary<string, VariableDeclaration>();
        var bound = Binder.Bind(syntax.Value, expression, declarations, expectedShape);
        if (!bound.IsSuccess)
        {
            return bound.Error;
        }

        var names = SyntaxNames.FreeNames(syntax.Value)
            .Where(n => !Binder.IsConstantName(n, declarations.ContainsKey))
            .ToList();
        return new BoundExpression(bound.Value, names);
    }

    public static Outcome<DerivativeAnswer> Differentiate(DerivativeQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Order < 1 || query.Order > limits.MaxOrder)
        {
            return query.Order < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid order", $"order must be at least 1, but it is {query.Order}.")
                : CalcError.LimitExceeded("maxOrder", limits.MaxOrder, $"order is {query.Order}; the limit (maxOrder) is {limits.MaxOrder}.");
        }

        if (query.Variable is not null && !IsName(query.Variable))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid variable", $"`variable` must be a name of the language (letters, digits, _), but it is '{query.Variable}'.");
        }

        return Guarded<DerivativeAnswer>(limits, cancellation, () =>
        {
            var declarations = DeclarationsFromValues(query.At, limits);
            if (query.Variable is not null)
            {
                if (declarations.TryGetValue(query.Variable, out var kind) && kind.Kind != VariableKind.Scalar)
                {
                    return new CalcError(ErrorKind.InvalidArgument, "Variable is not a scalar",
                        $"'{query.Variable}' has a {kind.Kind.ToString().ToLowerInvariant()} value; /api/differentiate differentiates with respect to a scalar. Use /api/matrix-gradient for vectors and matrices.");
                }

                declarations[query.Variable] = VariableDeclaration.Scalar;
            }

            var read = ReadScalarFunction(query.Expression, limits, declarations);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (f, names) = read.Value;
            var variable = query.Variable;
            if (variable is null)
            {
                var scalarNames = names.Where(n => !declarations.TryGetValue(n, out var d) || d.Kind == VariableKind.Scalar).ToList();
                if (scalarNames.Count != 1)
                {
                    return new CalcError(ErrorKind.InvalidArgument, "Variable required",
                        scalarNames.Count == 0
                            ? "The expression has no free scalar name; say which variable to differentiate with respect to in `variable`."
                            : $"The expression has {scalarNames.Count} free names ({string.Join(", ", scalarNames)}); say which one to differentiate with respect to in `variable`.");
                }

                variable = scalarNames[0];
            }

            var derivative = Differentiator.Differentiate(f, variable, query.Order);
            CheckResultSize(derivative, limits);
            double? value = query.At is null ? null : EvaluateDerivative(derivative, query.At);
            return new DerivativeAnswer(Rendered.Of(f), variable, query.Order, Rendered.Of(derivative), value);
        });
    }

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

        return Guarded<GradientAnswer>(limits, cancellation, () =>
        {
            var declarations = DeclarationsFromValues(query.At, limits);
            foreach (var v in query.Variables ?? [])
            {
                if (declarations.TryGetValue(v, out var kind) && kind.Kind != VariableKind.Scalar)
                {
                    return new CalcError(ErrorKind.InvalidArgument, "Variable is not a scalar",
                        $"'{v}' has a {kind.Kind.ToString().ToLowerInvariant()} value; /api/gradient takes scalar variables. Use /api/matrix-gradient for vectors and matrices.");
                }

                declarations[v] = VariableDeclaration.Scalar;
            }

            var read = ReadScalarFunction(query.Expression, limits, declarations);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (f, names) = read.Value;
            var variables = query.Variables is { Count: > 0 } given ? given : [.. names.Where(n => !declarations.TryGetValue(n, out var d) || d.Kind == VariableKind.Scalar)];
            if (variables.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "No variables",
                    "The expression has no free scalar name, and `variables` names none: there is nothing to take the gradient with respect to.");
            }

            if (variables.Count > limits.MaxVariables)
            {
                return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"The expression has {variables.Count} free names; the limit (maxVariables) is {limits.MaxVariables}.");
            }

            var components = new List<GradientComponent>(variables.Count);
            foreach (var variable in variables)
            {
                var derivative = Differentiator.Differentiate(f, variable);
                CheckResultSize(derivative, limits);
                double? value = query.At is null ? null : EvaluateDerivative(derivative, query.At);
                components.Add(new GradientComponent(variable, Rendered.Of(derivative), value));
            }

            return new GradientAnswer(Rendered.Of(f), components);
        });
    }

    public static Outcome<MatrixGradientAnswer> MatrixGradient(MatrixGradientQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Wrt is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given in wrt; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        return Guarded<MatrixGradientAnswer>(limits, cancellation, () =>
        {
            var declarations = Declarations(query.Variables, query.At, limits);
            var read = ReadScalarFunction(query.Expression, limits, declarations);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (f, names) = read.Value;
            var wrt = query.Wrt ?? [.. names.Where(n => declarations.TryGetValue(n, out var d) && d.Kind != VariableKind.Scalar)];
            if (wrt.Count == 0)
            {
                wrt = names;
            }

            if (wrt.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "No variables", "The expression has no free name: there is nothing to take the gradient with respect to.");
            }

            var missing = wrt.FirstOrDefault(w => !names.Contains(w) && !declarations.ContainsKey(w));
            if (missing is not null)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Unknown variable",
                    $"wrt names '{missing}', which neither occurs in the expression nor is declared in `variables`.");
            }

            var shapes = VariableShapes(f);
            var gradients = new List<MatrixGradientComponent>(wrt.Count);
            foreach (var name in wrt)
            {
                var declared = declarations.GetValueOrDefault(name);
                var shape = shapes.TryGetValue(name, out var s) ? s : DeclaredShape(name, declared);
                var symmetric = declared?.Symmetric ?? false;
                var gradient = Differentiation.MatrixGradient.Of(f, name);
                if (symmetric)
                {
                    gradient = Differentiation.MatrixGradient.Symmetrised(gradient);
                }

                CheckResultSize(gradient, limits);
                Value? value = null;
                if (query.At is not null)
                {
                    var evaluated = MatrixEvaluator.Evaluate(gradient, query.At);
                    if (!evaluated.IsSuccess)
                    {
                        throw new CalcException(evaluated.Error.Kind == ErrorKind.OutsideDomain
                            ? evaluated.Error with { Detail = $"The gradient with respect to {name} cannot be evaluated at this point: {evaluated.Error.Detail}" }
                            : evaluated.Error);
                    }

                    value = Expand(evaluated.Value, query.At.GetValueOrDefault(name));
                }

                gradients.Add(new MatrixGradientComponent(name, Rendered.Of(gradient), shape, symmetric, value));
            }

            double? functionValue = query.At is null ? null : EvaluateScalar(f, query.At);
            return new MatrixGradientAnswer(Rendered.Of(f), gradients, functionValue);
        });
    }

    /// <summary>
    /// A descent run: the loss and its gradients are derived once, compiled once, and iterated until a
    /// stop rule fires. <paramref name="onRecord"/> sees each recorded iteration as it happens.
    /// </summary>
    public static Outcome<OptimizationResult> Optimize(
        OptimizationQuery query, EngineLimits limits, CancellationToken cancellation = default, Action<IterationRecord>? onRecord = null)
    {
        var prepared = PrepareOptimization(query, limits, cancellation);
        return prepared.IsSuccess ? prepared.Value.Execute(cancellation, onRecord) : prepared.Error;
    }

    /// <summary>
    /// Everything that can fail with a user error, before the run: the query checked, the loss read and
    /// shape-checked, its gradients derived and the program compiled, within <paramref name="cancellation"/>.
    /// </summary>
    public static Outcome<PreparedRun> PrepareOptimization(OptimizationQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        var invalid = ValidateRun(query, limits);
        if (invalid is not null)
        {
            return invalid;
        }

        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var (name, value) in query.Constants ?? new Dictionary<string, Value>())
        {
            values[name] = value;
        }

        foreach (var (name, value) in query.Initial)
        {
            values[name] = value;
        }

        return Guarded<PreparedRun>(limits, cancellation, () =>
        {
            var declarations = Declarations(query.Variables, values, limits);
            var read = ReadScalarFunction(query.Loss, limits, declarations);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var loss = read.Value.Expression;
            var unknown = loss.FreeNames.Where(n => !values.ContainsKey(n)).ToList();
            if (unknown.Count > 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Missing value",
                    $"The loss uses {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which neither `initial` (optimised) nor `constants` (held fixed) gives a value for.");
            }

            List<string> optimised = [.. query.Initial.Keys.Where(loss.DependsOn)];
            if (optimised.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Nothing to optimise",
                    "None of the names in `initial` occurs in the loss, so there is nothing to optimise.");
            }

            var gradients = optimised.ToDictionary(n => n, n => Differentiation.MatrixGradient.Of(loss, n), StringComparer.Ordinal);
            foreach (var g in gradients.Values)
            {
                CheckResultSize(g, limits);
            }

            var program = CompiledProgram.Compile([loss, .. optimised.Select(n => gradients[n])], values, optimised.ToHashSet(StringComparer.Ordinal));
            return new PreparedRun(query, limits, loss, optimised, gradients, program, values);
        });
    }

    /// <summary>The loss on a grid over its two unknowns (two scalars, or the entries of one 2-vector), for contour plots.</summary>
    public static Outcome<Landscape> Landscape(LandscapeQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        var resolution = query.Resolution;
        if (resolution < 2 || resolution > 400)
        {
            return CalcError.LimitExceeded("maxResolution", 400, $"resolution is {resolution}; it must lie between 2 and 400 (limit maxResolution).");
        }

        if (!(query.XRange.Min < query.XRange.Max) || !(query.YRange.Min < query.YRange.Max)
            || new[] { query.XRange.Min, query.XRange.Max, query.YRange.Min, query.YRange.Max }.Any(v => !(Math.Abs(v) <= 1e150)))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid range", "xRange and yRange must each be [min, max] with min < max, both within ±1e150.");
        }

        var run = PrepareOptimization(new OptimizationQuery(query.Loss, query.Variables, query.Constants, query.Initial, new OptimizerSettings()), limits, cancellation);
        if (!run.IsSuccess)
        {
            return run.Error;
        }

        var prepared = run.Value;
        if (prepared.Unknowns != 2)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Not two unknowns",
                $"A landscape is drawn over two unknowns (two scalars, or one 2-vector), but `initial` has {prepared.Unknowns}.");
        }

        try
        {
            return prepared.Landscape(query.XRange, query.YRange, resolution, cancellation);
        }
        catch (OperationCanceledException)
        {
            return new CalcError(ErrorKind.LimitExceeded, "Limit exceeded: requestTimeout",
                "The landscape ran out of the request's time budget (limit requestTimeout); ask for a lower resolution.") { Limit = "requestTimeout" };
        }
    }

    private static CalcError? ValidateRun(OptimizationQuery query, EngineLimits limits)
    {
        if (query.MaxIterations < 1 || query.MaxIterations > limits.MaxIterations)
        {
            return query.MaxIterations < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid maxIterations", $"maxIterations must be at least 1, but it is {query.MaxIterations}.")
                : CalcError.LimitExceeded("maxIterations", limits.MaxIterations, $"maxIterations is {query.MaxIterations:N0}; the limit (maxIterations) is {limits.MaxIterations:N0}.");
        }

        if (!(query.Tolerance >= 0) || !double.IsFinite(query.Tolerance))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid tolerance", $"tolerance must be a finite number >= 0, but it is {query.Tolerance}.");
        }

        var o = query.Optimizer;
        if (!(o.LearningRate > 0) || !double.IsFinite(o.LearningRate))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid learning rate", $"learningRate must be a finite number > 0, but it is {o.LearningRate}.");
        }

        if (!(o.Momentum >= 0 && o.Momentum < 1) || !(o.Beta1 >= 0 && o.Beta1 < 1) || !(o.Beta2 >= 0 && o.Beta2 < 1) || !(o.Epsilon > 0))
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid optimizer parameter",
                "momentum, beta1 and beta2 must lie in [0, 1), and epsilon must be > 0.");
        }

        if (query.Initial.Count == 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Nothing to optimise", "`initial` gives no variable to optimise.");
        }

        var both = query.Initial.Keys.FirstOrDefault(n => query.Constants?.ContainsKey(n) ?? false);
        if (both is not null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Variable both optimised and fixed",
                $"'{both}' is in both `initial` (optimised) and `constants` (held fixed); it can only be one.");
        }

        var large = query.Initial.Concat(query.Constants ?? new Dictionary<string, Value>())
            .FirstOrDefault(p => p.Value.Matrix is { } m && m.RowCount * m.ColumnCount > limits.MaxMatrixEntries);
        if (large.Key is not null)
        {
            return CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                $"'{large.Key}' has {large.Value.Matrix!.RowCount * large.Value.Matrix.ColumnCount:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}.");
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> is a name of the language.</summary>
    public static bool IsName(string? name) =>
        name is { Length: > 0 } && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static Outcome<BoundExpression> ReadScalarFunction(string expression, EngineLimits limits, IReadOnlyDictionary<string, VariableDeclaration> declarations)
    {
        var read = Read(expression, limits, declarations);
        if (read.IsSuccess && !read.Value.Expression.IsScalar)
        {
            var shape = read.Value.Expression.Shape;
            return new CalcError(ErrorKind.Semantic, "Not a scalar function",
                $"The expression is a {shape} {shape.Kind}; derivatives and gradients here are of scalar functions. Reduce it to a scalar, for example with sum(...), norm(...) or a'*...*b.")
            { Position = 0 };
        }

        return read;
    }

    /// <summary>Refuses values too large for numeric work, naming the limit.</summary>
    private static void CheckValueSizes(IReadOnlyDictionary<string, Value>? values, EngineLimits limits)
    {
        foreach (var (name, value) in values ?? new Dictionary<string, Value>())
        {
            if (value.Matrix is { } m && (long)m.RowCount * m.ColumnCount > limits.MaxMatrixEntries)
            {
                throw new CalcException(CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                    $"'{name}' has {(long)m.RowCount * m.ColumnCount:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}."));
            }
        }
    }

    /// <summary>Kinds implied by the values of a point: arrays are vectors, arrays of arrays matrices.</summary>
    private static Dictionary<string, VariableDeclaration> DeclarationsFromValues(IReadOnlyDictionary<string, Value>? at, EngineLimits limits)
    {
        CheckValueSizes(at, limits);
        return at?.Where(p => !p.Value.IsScalar).ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value), StringComparer.Ordinal)
            ?? new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal);
    }

    /// <summary>Declared kinds, made concrete and checked against the values given for them.</summary>
    private static Dictionary<string, VariableDeclaration> Declarations(
        IReadOnlyDictionary<string, VariableDeclaration>? declared, IReadOnlyDictionary<string, Value>? at, EngineLimits limits)
    {
        CheckValueSizes(at, limits);
        var result = new Dictionary<string, VariableDeclaration>(declared ?? new Dictionary<string, VariableDeclaration>(), StringComparer.Ordinal);
        foreach (var (name, d) in result)
        {
            var entries = (long)(d.Rows is { IsConcrete: true } r ? r.Size : 1) * (d.Cols is { IsConcrete: true } c ? c.Size : 1);
            if (entries > limits.MaxMatrixEntries)
            {
                throw new CalcException(CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                    $"'{name}' is declared with {entries:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}."));
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

            // A 1×1 value ([[2]] or [2]) is a number; it fits any kind whose declared sizes allow 1×1.
            var kindFits = declaration.Kind == implied.Kind
                || (declaration.Kind == VariableKind.Matrix && implied.Kind == VariableKind.Vector)
                || (value.IsScalar && declaration.Rows is not { IsConcrete: true, IsOne: false } && declaration.Cols is not { IsConcrete: true, IsOne: false });
            var rowsFit = declaration.Rows is not { IsConcrete: true } r || r.Size == (value.Matrix?.RowCount ?? 1);
            var colsFit = declaration.Cols is not { IsConcrete: true } c || c.Size == (value.Matrix?.ColumnCount ?? 1);
            if (!kindFits || !rowsFit || !colsFit)
            {
                var given = value.IsScalar ? "a number" : $"a {value.Matrix!.RowCount}×{value.Matrix.ColumnCount} {(value.IsVector ? "vector" : "matrix")}";
                throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Value of the wrong shape",
                    $"'{name}' is declared a {Describe(declaration)}, but its value is {given}."));
            }

            if (declaration.Symmetric && value.Matrix is { } m && !m.Equals(m.Transpose()) && (m - m.Transpose()).InfinityNorm() > 1e-12 * Math.Max(1, m.InfinityNorm()))
            {
                throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Value is not symmetric",
                    $"'{name}' is declared symmetric, but its value is not."));
            }

            result[name] = value.IsScalar ? VariableDeclaration.Scalar : declaration with { Rows = implied.Rows, Cols = implied.Cols };
        }

        return result;
    }

    private static string Describe(VariableDeclaration d) => d.Kind switch
    {
        VariableKind.Scalar => "scalar",
        VariableKind.Vector => d.Rows is { } n ? $"vector of length {n}" : "vector",
        _ => d.Rows is { } r && d.Cols is { } c ? $"{r}×{c} matrix" : "matrix",
    };

    private static Dictionary<string, Shape> VariableShapes(Expr f)
    {
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var stack = new Stack<Expr>([f]);
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e))
            {
                continue;
            }

            switch (e)
            {
                case MatrixSymbol m:
                    shapes[m.Name] = m.Shape;
                    break;
                case Symbol s:
                    shapes[s.Name] = Shape.Scalar;
                    break;
            }

            foreach (var child in e.Children)
            {
                stack.Push(child);
            }
        }

        return shapes;
    }

    private static Shape DeclaredShape(string name, VariableDeclaration? d) => d?.Kind switch
    {
        null or VariableKind.Scalar => Shape.Scalar,
        VariableKind.Vector => new Shape(d.Rows ?? Dim.Symbolic($"len({name})"), Dim.One),
        _ => new Shape(d.Rows ?? Dim.Symbolic($"rows({name})"), d.Cols ?? Dim.Symbolic($"cols({name})")),
    };

    /// <summary>A gradient that came out as a scalar (0, or a broadcast constant) has the shape of its variable.</summary>
    private static Value Expand(Value gradient, Value? variable)
    {
        if (!gradient.IsScalar || variable is null || variable.IsScalar)
        {
            return gradient;
        }

        var m = variable.Matrix!;
        return Value.Of(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, gradient.Scalar), variable.IsVector);
    }

    /// <summary>Evaluates a derivative, saying so when the point lies outside its domain (x/abs(x) at 0).</summary>
    private static double EvaluateDerivative(Expr derivative, IReadOnlyDictionary<string, Value> at)
    {
        try
        {
            return EvaluateScalar(derivative, at);
        }
        catch (CalcException ex) when (ex.Error.Kind == ErrorKind.OutsideDomain)
        {
            throw new CalcException(ex.Error with { Detail = $"The derivative is not defined at this point: {ex.Error.Detail}" });
        }
    }

    private static double EvaluateScalar(Expr e, IReadOnlyDictionary<string, Value> at)
    {
        if (at.Values.All(v => v.IsScalar) && IsScalarTree(e))
        {
            var point = at.ToDictionary(p => p.Key, p => p.Value.Scalar);
            var scalar = Evaluator.Evaluate(e, point);
            return scalar.IsSuccess ? scalar.Value : throw new CalcException(scalar.Error);
        }

        var value = MatrixEvaluator.Evaluate(e, at);
        return value.IsSuccess ? value.Value.Scalar : throw new CalcException(value.Error);
    }

    /// <summary>
    /// Whether every node is a scalar of the scalar language (so the fast evaluator applies). Each shared
    /// node is visited once: a derivative's DAG can stand for a tree far larger than itself.
    /// </summary>
    private static bool IsScalarTree(Expr root)
    {
        var seen = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<Expr>([root]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (!seen.Add(e) || e is Number or Constant or Symbol)
            {
                continue;
            }

            if (!(e.IsScalar && e is Sum or Product or Power or Call))
            {
                return false;
            }

            foreach (var child in e.Children)
            {
                stack.Push(child);
            }
        }

        return true;
    }

    private static void CheckResultSize(Expr result, EngineLimits limits)
    {
        if (result.Size > limits.MaxResultNodes)
        {
            throw new CalcException(CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
                $"The result would have {(result.Size == long.MaxValue ? "astronomically many" : result.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} nodes when printed; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}. Ask for a lower order or a smaller expression."));
        }
    }

    private static Outcome<T> Guarded<T>(EngineLimits limits, CancellationToken cancellation, Func<Outcome<T>> work)
    {
        using var budget = WorkBudget.Enter(limits, cancellation);
        try
        {
            return work();
        }
        catch (CalcException ex)
        {
            return ex.Error;
        }
        catch (InvalidOperationException ex) when (ex.InnerException is CalcException inner)
        {
            // A limit hit inside a sort's comparer (a time budget while ordering terms) comes wrapped.
            return inner.Error;
        }
        catch (InsufficientExecutionStackException)
        {
            return CalcError.LimitExceeded("maxNestingDepth", limits.MaxNestingDepth,
                "The expression or its derivative nests too deeply to work on (limit maxNestingDepth).");
        }
    }
}
