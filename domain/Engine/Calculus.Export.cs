using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Export;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Engine;

/// <summary>Code that computes f and its gradients (contract section 9).</summary>
/// <param name="Expression">The scalar function f.</param>
/// <param name="Variables">Declared kinds and sizes, as for the matrix gradient; an undeclared name is a scalar.</param>
/// <param name="Wrt">The variables to differentiate with respect to; default: every vector and matrix variable (every variable when there is none).</param>
/// <param name="Language">numpy, pytorch or csharp.</param>
public sealed record ExportQuery(
    string Expression,
    IReadOnlyDictionary<string, VariableDeclaration>? Variables = null,
    IReadOnlyList<string>? Wrt = null,
    string? Language = "numpy");

/// <param name="Language">The language's name, as requested.</param>
/// <param name="FileName">The file the code runs as: gradient.py or gradient.cs.</param>
/// <param name="Wrt">The variables the gradients are with respect to, in order.</param>
public sealed record ExportAnswer(string Language, string FileName, string Code, IReadOnlyList<string> Wrt);

public static partial class Calculus
{
    /// <summary>
    /// The value and gradients of f as straight-line code in <see cref="ExportQuery.Language"/>, from the engine's own
    /// gradients (the matrix gradient use case's), with every shared sub-expression computed once.
    /// </summary>
    public static Outcome<ExportAnswer> Export(ExportQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (ExportLanguages.Find(query.Language) is not { } language)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown language",
                $"`language` must be one of {string.Join(", ", ExportLanguages.Names)}, but it is '{query.Language}'.") { Field = "language" };
        }

        if (query.Wrt is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given in wrt; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        return Guarded<ExportAnswer>(limits, cancellation, () =>
        {
            var read = ReadScalarFunction(query.Expression, WithWrtDeclared(Declarations(query.Variables, null, limits), query.Wrt), limits);
            if (!read.IsSuccess)
            {
                return read.Error;
            }

            var ((f, names, shapes, logSpelling), declarations) = read.Value;
            var wrt = query.Wrt ?? [.. names.Where(n => declarations.TryGetValue(n, out var d) && d.Kind != VariableKind.Scalar)];
            if (wrt.Count == 0)
            {
                wrt = names;
            }

            if (wrt.Count == 0)
            {
                return new CalcError(ErrorKind.InvalidArgument, "No variables", "The expression has no free name: there is nothing to take the gradient with respect to.") { Field = "wrt" };
            }

            var missing = wrt.FirstOrDefault(w => !names.Contains(w) && query.Variables?.ContainsKey(w) != true);
            if (missing is not null)
            {
                return new CalcError(ErrorKind.InvalidArgument, "Unknown variable",
                    $"wrt names '{missing}', which neither occurs in the expression nor is declared in `variables`.") { Field = "wrt" };
            }

            // Every variable f reads, then any of wrt it does not (its gradient is zero, with its declared shape).
            var variables = new List<ExportVariable>();
            foreach (var name in f.FreeNames.Order(StringComparer.Ordinal).OrderBy(n => IndexIn(names, n)).Concat(wrt.Where(w => !f.DependsOn(w))))
            {
                var declaration = declarations.GetValueOrDefault(name);
                var shape = f.DependsOn(name) && shapes.TryGetValue(name, out var s) ? s : DeclaredShape(name, declaration);
                variables.Add(new ExportVariable(name, shape, declaration?.Kind ?? VariableKind.Scalar, declaration?.Symmetric ?? false));
            }

            var gradients = new List<(string, Expr)>(wrt.Count);
            foreach (var name in wrt)
            {
                var variable = variables.First(v => v.Name == name);
                var gradient = Shaped(Differentiation.MatrixGradient.Of(f, name), variable.Shape);
                if (variable.Symmetric && variable.Shape.IsSquare)
                {
                    gradient = Differentiation.MatrixGradient.Symmetrised(gradient);
                }

                gradients.Add((name, gradient));
            }

            if (DistinctNodes([f, .. gradients.Select(g => g.Item2)]) is var nodes && nodes > limits.MaxResultNodes)
            {
                return CalcError.LimitExceeded("maxResultNodes", limits.MaxResultNodes,
                    $"The value and gradients have {nodes:N0} distinct sub-expressions, each a line of code at most; the limit (maxResultNodes) is {limits.MaxResultNodes:N0}.");
            }

            var dialect = DialectOf(language);
            var plan = Lowering.Plan(dialect, f, variables, gradients, new PrintStyle(logSpelling));
            return new ExportAnswer(ExportLanguages.NameOf(language), ExportLanguages.FileNameOf(language), dialect.File(plan), [.. wrt]);
        });
    }

    private static Dialect DialectOf(ExportLanguage language) => language switch
    {
        ExportLanguage.NumPy => new NumPyDialect(),
        ExportLanguage.PyTorch => new PyTorchDialect(),
        _ => new CSharpDialect(),
    };

    private static int IndexIn(IReadOnlyList<string> names, string name)
    {
        for (var k = 0; k < names.Count; k++)
        {
            if (names[k] == name)
            {
                return k;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The sub-expressions the code computes, each once however often the printed form repeats it.</summary>
    private static long DistinctNodes(IReadOnlyList<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        foreach (var root in roots)
        {
            foreach (var node in Walk.Distinct(root, e => !seen.Contains(e)))
            {
                seen.Add(node);
            }
        }

        return seen.Count;
    }
}
