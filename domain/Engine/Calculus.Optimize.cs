using CalcApi.Domain.Compilation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

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
            return new PreparedRun(query, limits, loss, optimised, gradients, program, values) 
            {
                NaturalLogSpelling = function.NaturalLogSpelling,
                OutsideDomain = at => OutsideFunctionDomain(function, at) is not null,
            };
        });
    }
}
