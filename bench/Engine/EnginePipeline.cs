using CalcApi.Bench.Corpus;
using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Syntax;

namespace CalcApi.Bench.Engine;

/// <summary>
/// The work the benchmarks time, as the API does it for <c>POST /api/differentiate</c> (without the
/// LaTeX and MathML renderings and the evaluation): parse, bind, differentiate, print as text, inside
/// a <see cref="WorkBudget"/> with the default limits. <see cref="Echo"/> is the baseline: the same
/// reading and printing, of the input alone.
/// </summary>
public static class EnginePipeline
{
    /// <summary>Parse, bind and print the input: the cost of reading and answering, with no calculus.</summary>
    public static string Echo(CorpusCase c)
    {
        using var budget = WorkBudget.Enter(EngineLimits.Default, CancellationToken.None);
        var (input, style) = Read(c);
        return TextPrinter.Print(input, style);
    }

    /// <summary>
    /// Parse, bind, differentiate and print the derivative in the form the API answers it (<c>Forms.Answer</c>: lowest
    /// terms, common factors out, trigonometric quotients named, standard forms), so the simplification is timed with
    /// the rest.
    /// </summary>
    /// <param name="cancellation">Polled as nodes are built; cancelling it stops the run with an exception.</param>
    public static PipelineResult Differentiate(CorpusCase c, CancellationToken cancellation = default)
    {
        using var budget = WorkBudget.Enter(EngineLimits.Default, cancellation);
        var (input, style) = Read(c);
        var derivative = Domain.Simplification.Forms.Answer(Differentiator.Differentiate(input, c.Variable), cancellation).Answer;
        return new PipelineResult(input, derivative, TextPrinter.Print(derivative, style));
    }

    /// <summary>Parse and bind as the front door does: the input, and the print style its text implies (an
    /// answer spells the natural log as the question does, ln or log).</summary>
    private static (Expr Input, PrintStyle Style) Read(CorpusCase c)
    {
        var syntax = Parser.Parse(c.Expression, EngineLimits.Default);
        if (!syntax.IsSuccess)
        {
            throw new PipelineException(c.Id, syntax.Error);
        }

        var declarations = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal) { [c.Variable] = VariableDeclaration.Scalar };
        var bound = Binder.Bind(syntax.Value, c.Expression, declarations);
        return bound.IsSuccess
            ? (bound.Value.Expression, new PrintStyle(bound.Value.NaturalLogSpelling))
            : throw new PipelineException(c.Id, bound.Error);
    }
}
