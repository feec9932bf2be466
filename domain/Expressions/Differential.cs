namespace CalcApi.Domain.Expressions;

/// <summary>
/// The differential d(u) of a scalar, vector or matrix expression u, with the shape of u: what a line of a matrix
/// derivation (the lecture's method of differentials, contract section 6) holds for the parts it has not worked out
/// yet. d(X) of the variable itself is where a finished line ends. The engine never produces it in an answer, and the
/// language does not read it. Built only through <see cref="MatrixAlgebra.D"/>.
/// </summary>
public sealed class Differential : Expr
{
    internal Differential(Expr operand)
        : base(HashCode.Combine(16, operand.GetHashCode()), AddSizes(1, operand.Size), operand.Shape) => Operand = operand;

    public Expr Operand { get; }

    public override IEnumerable<Expr> Children => [Operand];

    private protected override bool EqualsSameType(Expr other) => Operand.Equals(((Differential)other).Operand);
}
