namespace CalcApi.Domain.Printing;

/// <summary>
/// Decides, once for all three printers, where a visual form needs parentheses: wherever an operand binds
/// more loosely than the place it stands in (a sum as a factor, a product as a base, a compound exponent).
/// The visual form is built through these constructors, so each node is grouped as it is made, in one pass.
/// A printer only renders a <see cref="VGroup"/>; where its own layout already delimits a place (a stacked
/// fraction, a raised exponent, a function's brackets) it shows the group's content without brackets.
/// </summary>
internal static class Grouping
{
    // Binding strength: an operand weaker than its place is grouped.
    private const int SumLevel = 1;
    private const int ProductLevel = 2;
    private const int FactorLevel = 3;
    private const int PowerLevel = 4;
    private const int AtomLevel = 5;
    private const int Always = 6;

    public static VNegate Negate(View operand) => new(At(operand, ProductLevel));

    /// <summary>The sum of <paramref name="terms"/>, grouped in place (the array is the sum's own from here on).</summary>
    public static VSum Sum((bool Minus, View Term)[] terms)
    {
        for (var i = 0; i < terms.Length; i++)
        {
            terms[i].Term = At(terms[i].Term, ProductLevel);
        }

        return new(terms);
    }

    // a'*W*b as a factor needs no parentheses: * is associative.
    public static VProduct Product(IReadOnlyList<View> factors)
    {
        var grouped = new View[factors.Count];
        for (var i = 0; i < grouped.Length; i++)
        {
            var f = factors[i];
            grouped[i] = At(f, f is VMatMul ? ProductLevel : FactorLevel);
        }

        return new(grouped);
    }

    public static VFraction Fraction(View numerator, View denominator) => new(At(numerator, ProductLevel), At(denominator, PowerLevel));

    public static VMatMul MatMul(IEnumerable<View> factors) => new([.. factors.Select(f => At(f, FactorLevel))]);

    public static VElementwise Elementwise(IEnumerable<(string Operator, View Operand)> items) => new([.. items.Select(i =>
        (i.Operator, At(i.Operand, i.Operator is "" || (i.Operator is "*" && i.Operand is VMatMul) ? ProductLevel : FactorLevel)))]);

    public static VTranspose Transpose(View operand) =>
        new(At(operand, operand is VName or VMatrixCall or VCall or VSqrt or VFilled or VDiff or VDifferential ? 0 : Always));

    // inv(A*B) is written (AB)^{-1} in mathematics: the argument stands as a base.
    public static VMatrixCall MatrixCall(Expressions.MatrixFunction function, string name, View argument) =>
        Expressions.MatrixFunctionCatalog.Of(function).Notation == Expressions.MatrixNotation.InverseSuperscript
            ? new(function, name, At(argument, argument is VName ? 0 : Always))
            : new(function, name, argument);

    // x^T would read back as a transpose: a variable named T in an exponent keeps its parentheses.
    public static VPower Power(View @base, View exponent, bool elementWise = false) =>
        new(At(@base, AtomLevel), At(exponent, exponent is VNumber or VName { Name: not "T" } ? AtomLevel : Always), elementWise);

    /// <summary>The content of a group, for a place the printer's layout delimits by itself.</summary>
    public static View Ungrouped(View v) => v is VGroup g ? g.Operand : v;

    private static View At(View operand, int required) => Level(operand) < required ? new VGroup(operand) : operand;

    private static int Level(View v) => v switch
    {
        VSum => SumLevel,
        VNegate or VProduct or VFraction or VMatMul or VElementwise => ProductLevel,
        VPower => PowerLevel,
        _ => AtomLevel,
    };
}
