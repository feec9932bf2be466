using CalcApi.Domain.Compilation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Optimization;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Engine;

public static partial class Calculus
{
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
        if (ValidateRun(query, limits) is { } invalid)
        {
            return invalid;
        }

        if ((ValueForReservedName(query.Constants, "constants", query.Variables?.Keys ?? [])
                ?? ValueForReservedName(query.Initial, "initial", query.Variables?.Keys ?? [])) is { } reserved)
        {
            return reserved;
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
            var read = ReadScalarFunction(query.Loss, Declarations(query.Variables, values, limits), limits);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var (function, declarations) = read.Value;
            var loss = function.Expression;
            // Every value takes the JSON form of its variable's kind, so a solution is written as declared ([x] for a vector of length 1).
            foreach (var (name, declaration) in declarations)
            {
                if (values.TryGetValue(name, out var value))
                {
                    values[name] = value.As(declaration.Form);
                }
            }

            var unknown = loss.FreeNames.Where(n => !values.ContainsKey(n)).ToList();
            if (unknown.Count > 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Missing value",
                    $"The loss uses {string.Join(", ", unknown.Select(n => $"'{n}'"))}, which neither `initial` (optimised) nor `constants` (held fixed) gives a value for.");
            }

            // A run starts inside the loss's domain as written (sqrt(x)^2 + (y - 1)^2 from x = -1 is refused, not walked).
            if (OutsideFunctionDomain(function, values) is { } outside)
            {
                return outside with { Detail = outside.Detail.Replace("The function is", "The loss is", StringComparison.Ordinal) + " Start the run inside the loss's domain." };
            }

            List<string> optimised = [.. query.Initial.Keys.Where(loss.DependsOn)];
            if (optimised.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Nothing to optimise",
                    "None of the names in `initial` occurs in the loss, so there is nothing to optimise.");
            }

            // A symmetric variable moves within symmetric matrices: its step follows sym(G) = (G + G')/2, so a
            // symmetric start stays symmetric (as the matrix gradient of a symmetric declaration is).
            var gradients = optimised.ToDictionary(n => n, n => declarations.TryGetValue(n, out var d) && d.Symmetric
                ? Differentiation.MatrixGradient.Symmetrised(Differentiation.MatrixGradient.Of(loss, n))
                : Differentiation.MatrixGradient.Of(loss, n), StringComparer.Ordinal);
            if (gradients.Values.Select(g => TooLarge(g, limits)).FirstOrDefault(e => e is not null) is { } tooLarge)
            {
                return tooLarge;
            }

            var program = CompiledProgram.Compile([loss, .. optimised.Select(n => gradients[n])], values, optimised.ToHashSet(StringComparer.Ordinal));
            ExactHessian? hessian = null;
            if (query.Optimizer.Method == OptimizerMethod.Newton)
            {
                var unknowns = optimised.Sum(n => (long)program.Inputs[n].Length);
                if (unknowns * unknowns > limits.MaxMatrixEntries)
                {
                    return CalcError.LimitExceeded("maxMatrixEntries", limits.MaxMatrixEntries,
                        $"Newton's method needs the {unknowns}×{unknowns} Hessian of the loss, {unknowns * unknowns:N0} entries; the limit (maxMatrixEntries) is {limits.MaxMatrixEntries:N0}. Use lbfgs, which needs no Hessian.") with { Field = "optimizer.method" };
                }

                hessian = NewtonHessian(loss, optimised, gradients, values, new PrintStyle(function.NaturalLogSpelling), limits);
            }

            return new PreparedRun(query, limits, loss, optimised, gradients, program, values)
            {
                Hessian = hessian,
                NaturalLogSpelling = function.NaturalLogSpelling,
                OutsideDomain = at => OutsideFunctionDomain(function, at) is not null,
            };
        });
    }

    /// <summary>
    /// The loss's exact Hessian for Newton, compiled, where the engine writes it down: the second partials of a function of
    /// scalar unknowns, or the closed form with respect to one vector (as <see cref="VectorHessian"/> writes it). Null otherwise, or where it
    /// would be too large to print: Newton then differences the exact gradient instead.
    /// </summary>
    private static ExactHessian? NewtonHessian(Expr loss, List<string> optimised, Dictionary<string, Expr> gradients,
        Dictionary<string, Value> values, PrintStyle style, EngineLimits limits)
    {
        var variables = optimised.ToHashSet(StringComparer.Ordinal);
        if (optimised.All(n => values[n].IsScalar))
        {
            var entries = new List<(int Row, int Col)>();
            var roots = new List<Expr>();
            for (var i = 0; i < optimised.Count; i++)
            {
                for (var j = i; j < optimised.Count; j++)
                {
                    var second = Differentiator.Differentiate(gradients[optimised[i]], optimised[j]);
                    if (TooLarge(second, limits) is not null)
                    {
                        return null;
                    }

                    entries.Add((i, j));
                    roots.Add(second);
                }
            }

            return new ExactHessian(CompiledProgram.Compile(roots, values, variables), optimised, [.. entries], "the second partials ∂²f/∂xᵢ∂xⱼ");
        }

        if (optimised is [var x] && values[x].IsVector && gradients[x] is { Shape.Cols.IsOne: true, IsScalar: false } gradient)
        {
            var closedForm = SecondOrder.LinearMap.Jacobian(gradient, x);
            if (!closedForm.IsSuccess || TooLarge(closedForm.Value, limits) is not null)
            {
                return null;
            }

            var program = CompiledProgram.Compile([closedForm.Value], values, variables);
            var n = values[x].Matrix!.RowCount;
            return program.Outputs[0].Length == n * n
                ? new ExactHessian(program, optimised, null, $"the closed form {Rendered.Of(closedForm.Value, style).Text}")
                : null;
        }

        return null;
    }
}
