using System.Text.RegularExpressions;
using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Fuzz.Tests.Generators;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>
/// Bugs the fuzzer found that are reported and not yet fixed. Each is kept as a failing row of
/// Corpus/regressions.jsonl (the ids are named below); the properties tolerate them (exceptions are
/// recognised by their signature, wrong answers by a check named here), so that every run can still
/// find something new. When a bug is fixed and its rows pass, delete its entry here.
/// </summary>
public static partial class KnownBugs
{
    /// <summary>
    /// Known exceptions, each recognised by what its text (type, message, stack) contains, with the corpus
    /// rows that keep it: the properties tolerate these (<see cref="Tolerate"/>, and HTTP 500s whose logged
    /// exception is one of them), and the rows fail until they are fixed.
    /// </summary>
    private static readonly (string Rows, string[] Contains)[] Signatures =
    [
        ("bug-root-of-huge-integer*: an exact integer past double's range under a root ((2^1100)^(1/2), sqrt(1e309), 1e-400 in a root)", ["System.OverflowException", "CalcApi.Domain.Expressions.Rational."]),
        ("bug-inverse-of-huge-matrix*, bug-adjugate-of-huge-matrix: SVD non-convergence (ConditionNumber, the adjugate) for huge entries", ["NonConvergenceException", "CalcApi.Domain.Evaluation.MatrixEvaluator."]),
        ("bug-landscape-infinite-grid-*, bug-optimize-*overflowing-step-http: infinite numbers in an answer", ["System.ArgumentException", "infinity cannot be written as valid JSON"]),
    ];

    /// <summary>The corpus rows of the known bug this exception (as text) is, or null when it is not a known one.</summary>
    public static string? Recognise(string exception) =>
        Signatures.FirstOrDefault(s => s.Contains.All(c => exception.Contains(c, StringComparison.Ordinal))).Rows;

    /// <summary>Runs a property's check, tolerating the exceptions of known bugs (the corpus rows do not).</summary>
    public static void Tolerate(Action check)
    {
        try
        {
            check();
        }
        catch (Exception ex) when (Recognise(ex.ToString()) is not null)
        {
        }
    }

    /// <summary>
    /// A tiny exact number (1e-400) prints as 1/1000…0 with more than 400 digits, which the parser
    /// refuses (maxNumberLength): a printed result that does not read back. Row: bug-printed-number-too-long.
    /// </summary>
    public static bool LongNumberPrinted(string printed) => LongNumberPattern().IsMatch(printed);

    /// <summary>
    /// The canonical form of matrix chains is not unique: the transpose of a chain with an inner 1×1
    /// product stays one chain (b'*a*a'*b) while the same text read back becomes a product of two
    /// scalars (a'*b*b'*a), so (a*a'*b)'*b - b'*a*a'*b does not simplify to 0 and printed results do
    /// not read back to themselves. Rows: bug-matrix-chain-canonical-form*. True when <paramref name="printed"/>
    /// reads back to an expression that differs from <paramref name="e"/> but has the same value at the point.
    /// </summary>
    public static bool MatrixChainNotCanonical(Expr e, string printed, IReadOnlyDictionary<string, VariableDeclaration> declarations, IReadOnlyDictionary<string, Value> point)
    {
        var again = Calculus.Read(printed, EngineLimits.Default, declarations);
        return again.IsSuccess && printed.Contains('\'', StringComparison.Ordinal) && !again.Value.Expression.Equals(e) && SameValue(e, again.Value.Expression, point);
    }

    /// <summary>The same, for two printed forms of one expression (a gradient, and its text read and printed again).</summary>
    public static bool MatrixChainNotCanonical(string first, string second, IReadOnlyDictionary<string, VariableDeclaration> declarations, IReadOnlyDictionary<string, Value> point)
    {
        var a = Calculus.Read(first, EngineLimits.Default, declarations);
        var b = Calculus.Read(second, EngineLimits.Default, declarations);
        return a.IsSuccess && b.IsSuccess && first.Contains('\'', StringComparison.Ordinal) && SameValue(a.Value.Expression, b.Value.Expression, point);
    }

    private static bool SameValue(Expr x, Expr y, IReadOnlyDictionary<string, Value> point)
    {
        var before = MatrixEvaluator.Evaluate(x, point);
        var after = MatrixEvaluator.Evaluate(y, point);
        return before.IsSuccess && after.IsSuccess ? Numeric.Close(before.Value, after.Value, 1e-9) : before.IsSuccess == after.IsSuccess;
    }

    /// <summary>
    /// A vector or matrix expression that cancels to zero (a - a, transpose(W) - W') becomes the scalar 0,
    /// so the shape is lost: sum(exp(a - a)) is 1 instead of 3, d/dx x*sum(a.^0) is 1 instead of 3, and
    /// exp(a - a)'*b is "not a scalar function". Rows: bug-vector-cancelling-to-scalar-*. True when some
    /// vector or matrix part of the generated expression is all zeros at the point.
    /// </summary>
    public static bool ShapeLostToZero(TypedTerm term, IReadOnlyDictionary<string, Value> point) => term.HasZeroPart(point);

    /// <summary>
    /// A power whose exponent is a variable named T prints as x^T, which the language reads as a
    /// transpose: 2.^T prints 2^T and reads back as 2. Row: bug-power-of-t-prints-as-transpose.
    /// </summary>
    public static bool PowerOfT(string printed) => PowerOfTPattern().IsMatch(printed);

    [GeneratedRegex(@"\^T(?![\w(])")]
    private static partial Regex PowerOfTPattern();

    /// <summary>
    /// An identity whose size came from a term that cancelled prints as a bare I: W - W + I prints "I" and
    /// tr(((W + I) - W).^2) prints "tr(I.^2)", which read back as 1×1 (1, not 3). Row: bug-identity-size-lost-in-print.
    /// </summary>
    public static bool BareIdentityPrinted(string printed) => BareIdentityPattern().IsMatch(printed);

    [GeneratedRegex(@"(?<![\w])I(?![\w])")]
    private static partial Regex BareIdentityPattern();

    [GeneratedRegex(@"[0-9]{401,}")]
    private static partial Regex LongNumberPattern();

}
