using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Binding;

/// <summary>
/// How <c>diff(f, x)</c> and <c>diff(f, x, n)</c> written in an expression are evaluated while binding: the highest
/// order allowed (maxOrder, the same limit the derivative's <c>order</c> has) and the engine's own derivative, kept
/// within its limits. Supplied by the engine, which owns the differentiator and the limits; binding comes before
/// differentiation in the layers, so it asks for the derivative rather than taking it.
/// </summary>
/// <param name="MaxOrder">The highest n in <c>diff(f, x, n)</c>.</param>
/// <param name="Differentiate">d^n f / dx^n of a bound scalar operand; throws the limit error it hits.</param>
public sealed record InputDerivative(int MaxOrder, Func<Expr, string, int, Expr> Differentiate);
