using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>Where d(…) is read: nowhere (the endpoints' expressions), of a variable only (an answer: d(W)), or of any expression (a derivation's line).</summary>
public enum DifferentialUse
{
    None,
    Variables,
    Expressions,
}

/// <summary>
/// <c>d(X)</c>, the differential (contract section 1): read only where the contract reads it, in a line of a matrix
/// derivation read back and in answers to a check; anywhere else it is refused with where it may be written.
/// <c>d(u)</c> has the shape of u and stays unevaluated (<see cref="Differential"/>); what it equals is worked out by
/// <see cref="Differentiation.Differentials.Expand"/> when it is compared. A declared <c>d</c> is a variable, not the
/// differential, as a declared <c>e</c> is not Euler's number.
/// </summary>
public sealed partial class Binder
{
    /// <summary>The name of the differential in the language.</summary>
    private const string DifferentialName = "d";

    private bool IsDifferential(CallSyntax c) => c.Name == DifferentialName && !_declarations.ContainsKey(DifferentialName);

    /// <summary>Pass 1: one operand, of any shape, itself without a differential; the result has its shape.</summary>
    private (DimVar, DimVar) InferDifferential(CallSyntax c)
    {
        if (_differentials == DifferentialUse.None)
        {
            throw new CalcException(new CalcError(ErrorKind.Unsupported, "Differential not read here",
                $"d(…) at position {c.Start} is a differential: it is read only in an answer to a check (task matrix-gradient or equivalent) "
                + "and in the lines of a matrix derivation. Here write the expression itself; for a derivative, diff(f, x).")
            { Position = c.Start });
        }

        if (c.Arguments.Count != 1)
        {
            var position = c.Arguments.Count > 1 ? c.Arguments[1].Start : c.Start;
            throw new CalcException(new CalcError(ErrorKind.Semantic, "Wrong number of arguments",
                $"d takes one argument, the expression whose differential it is, as in d(X), but {c.Arguments.Count} were given at position {position}.")
            { Position = position });
        }

        if (SyntaxNames.Nodes(c.Arguments[0]).OfType<CallSyntax>().FirstOrDefault(IsDifferential) is { } nested)
        {
            throw new CalcException(new CalcError(ErrorKind.Unsupported, "Second differential",
                $"d(…) at position {nested.Start} is inside the differential at position {c.Start}; only first differentials are read, such as d(X) or d(X*Y).")
            { Position = nested.Start });
        }

        if (_differentials == DifferentialUse.Variables && c.Arguments[0] is not NameSyntax)
        {
            throw new CalcException(new CalcError(ErrorKind.Semantic, "Differential left to work out",
                $"d(…) at position {c.Start} is the differential of {Show(c.Arguments[0])}, which is still to be worked out: an answer is written with the differentials of variables only, such as d(W).")
            { Position = c.Start });
        }

        return Infer(c.Arguments[0]);
    }

    /// <summary>Pass 2: d(u) with u built as written (its conditions noted: d(log(x)) needs x &gt; 0 as log(x) does).</summary>
    private Expr BuildDifferential(CallSyntax c) => MatrixAlgebra.D(Build(c.Arguments[0]));
}
