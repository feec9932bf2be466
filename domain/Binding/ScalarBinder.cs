using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>
/// Binds an expression in which every name is a scalar: the <see cref="Binder"/> with no vector or
/// matrix declarations. Operators of the matrix language then mean what they mean for 1×1 values
/// (x' = x, .* = *, tr(x) = x, I = 1).
/// </summary>
public static class ScalarBinder
{
    /// <param name="root">The parsed expression.</param>
    /// <param name="declaredNames">Names the caller declared as variables; they shadow the constants <c>e</c>, <c>pi</c> and <c>I</c>.</param>
    /// <param name="text">The text the expression was parsed from, quoted in errors.</param>
    public static Outcome<Expr> Bind(SyntaxNode root, IReadOnlySet<string>? declaredNames = null, string? text = null)
    {
        var bound = Binder.Bind(root, text, (declaredNames ?? new HashSet<string>()).ToDictionary(n => n, _ => VariableDeclaration.Scalar));
        return bound.IsSuccess ? bound.Value.Expression : bound.Error;
    }

    /// <summary>Whether a name in an expression is a constant (not a variable) given the declared names.</summary>
    public static bool IsConstantName(string name, IReadOnlySet<string>? declaredNames) =>
        Binder.IsConstantName(name, n => declaredNames?.Contains(n) ?? false);
}
