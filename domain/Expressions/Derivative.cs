namespace CalcApi.Domain.Expressions;

/// <summary>
/// d/dx of a scalar expression left unevaluated, written <c>diff(u, x)</c>: what a line of a derivation (steps) holds
/// for the parts it has not differentiated yet. The engine never produces it in an answer; as input, <c>diff</c> is
/// evaluated when an expression is read. Built only through <see cref="Algebra.Diff"/>.
/// </summary>
public sealed class Derivative : Expr
{
    internal Derivative(Expr operand, string variable)
        : base(HashCode.Combine(15, operand.GetHashCode(), StringComparer.Ordinal.GetHashCode(variable)), AddSizes(2, operand.Size))
    {
        Operand = operand;
        Variable = variable;
    }

    public Expr Operand { get; }

    public string Variable { get; }

    public override IEnumerable<Expr> Children => [Operand];

    private protected override bool EqualsSameType(Expr other) =>
        other is Derivative d && d.Variable == Variable && d.Operand.Equals(Operand);
}
