using CalcApi.Domain;
using CalcApi.Domain.Syntax;

namespace CalcApi.Bench.Forms;

/// <summary>
/// Sizes one case on both sides by the same rule: the engine's answer as <c>POST /api/differentiate</c> prints it
/// (<c>Calculus.Differentiate</c>, default limits) and SymPy's simplified form, each read by our parser and counted
/// with <see cref="OperationCount"/>, so neither side is favoured by how its printer spells things.
/// </summary>
public static class FormsComparison
{
    public static FormsResult Measure(FormsCase c, SympyForm sympy)
    {
        var sympyOperations = sympy.IsFinished ? Operations(sympy.Simplified!, $"SymPy's form of {c.Id}") : (int?)null;
        var answer = Calculus.Differentiate(new DerivativeQuery(c.Expression, c.Variable, c.Order), EngineLimits.Default);
        if (!answer.IsSuccess)
        {
            return new FormsResult(c, sympy, null, null, sympyOperations, $"{answer.Error!.Title}: {answer.Error.Detail}");
        }

        var text = answer.Value.Derivative.Text;
        return new FormsResult(c, sympy, text, Operations(text, $"the engine's derivative of {c.Id}"), sympyOperations, null);
    }

    /// <summary>The operations of a printed text, read with the length limit lifted (high orders are long), as the report's read-back check does.</summary>
    public static int Operations(string text, string what)
    {
        var limits = EngineLimits.Default with { MaxExpressionLength = Math.Max(text.Length, EngineLimits.Default.MaxExpressionLength) };
        var syntax = Parser.Parse(text, limits);
        return syntax.IsSuccess
            ? OperationCount.Of(syntax.Value)
            : throw new InvalidDataException($"{what} does not read: {syntax.Error.Detail}\n{text}");
    }
}
