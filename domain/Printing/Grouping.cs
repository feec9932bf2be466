namespace CalcApi.Domain.Printing;

/// <summary>
/// Decides, once for all three printers, where a visual form needs parentheses: wherever an operand binds
/// more loosely than the place it stands in (a sum as a factor, a product as a base, a compound exponent).
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

    public static View Parenthesised(View v)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return v switch
        {
            VNegate n => new VNegate(At(n.Operand, ProductLevel)),
            VSum s => new VSum([.. s.Terms.Select(t => (t.Minus, At(t.Term, ProductLevel)))]),

            // a'*W*b as a factor needs no parentheses: * is associative.
            VProduct p => new VProduct([.. p.Factors.Select(f => At(f, f is VMatMul ? ProductLevel : FactorLevel))]),
            VFraction f => new VFraction(At(f.Numerator, ProductLevel), At(f.Denominator, PowerLevel)),
            VMatMul m => new VMatMul([.. m.Factors.Select(f => At(f, FactorLevel))]),
            VElementwise w => new VElementwise([.. w.Items.Select(i => (i.Operator,
                At(i.Operand, i.Operator is "" || (i.Operator is "*" && i.Operand is VMatMul) ? ProductLevel : FactorLevel)))]),
            VTranspose t => new VTranspose(At(t.Operand, t.Operand is VName or VMatrixCall or VCall or VSqrt or VFilled ? 0 : Always)),

            // inv(A*B) is written (AB)^{-1} in mathematics: the argument stands as a base.
            VMatrixCall { Notation: Expressions.MatrixNotation.InverseSuperscript } c => c with { Argument = At(c.Argument, c.Argument is VName ? 0 : Always) },
            VMatrixCall c => c with { Argument = Parenthesised(c.Argument) },
            VPower p => p with
            {
                Base = At(p.Base, AtomLevel),

                // x^T would read back as a transpose: a variable named T in an exponent keeps its parentheses.
                Exponent = At(p.Exponent, p.Exponent is VNumber or VName { Name: not "T" } ? AtomLevel : Always),
            },
            VCall c => c with { Argument = Parenthesised(c.Argument) },
            VSqrt r => new VSqrt(Parenthesised(r.Operand)),
            VNumber or VName or VFilled or VGroup => v,
            _ => throw new InvalidOperationException($"No grouping rule for {v.GetType().Name}."),
        };
    }

    /// <summary>The content of a group, for a place the printer's layout delimits by itself.</summary>
    public static View Ungrouped(View v) => v is VGroup g ? g.Operand : v;

    private static View At(View operand, int required)
    {
        var inner = Parenthesised(operand);
        return Level(operand) < required ? new VGroup(inner) : inner;
    }

    private static int Level(View v) => v switch
    {
        VSum => SumLevel,
        VNegate or VProduct or VFraction or VMatMul or VElementwise => ProductLevel,
        VPower => PowerLevel,
        _ => AtomLevel,
    };
}
