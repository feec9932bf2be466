namespace CalcApi.Domain.Expressions;

/// <summary>
/// Tells nodes apart by reference, as a memo over an expression's DAG needs, hashing by the id every node is given when
/// built (<see cref="Expr.Id"/>). <see cref="ReferenceEqualityComparer"/> hashes by object identity, which the runtime
/// must first create in the object's header: for the fresh nodes of each answer that is a slow path per node, and the
/// passes that walk an answer (the first looks, the operation count, the bottom-up rewrites) paid it on every node.
/// </summary>
public sealed class SameNode : IEqualityComparer<Expr>
{
    public static SameNode Instance { get; } = new();

    private SameNode()
    {
    }

    public bool Equals(Expr? x, Expr? y) => ReferenceEquals(x, y);

    public int GetHashCode(Expr obj) => obj.Id;
}
