namespace CalcApi.Domain.Expressions;

/// <summary>Whether an expression lies in the scalar language, so that the scalar evaluators apply to it.</summary>
public static class ScalarLanguage
{
    /// <summary>A tree this small is walked as a tree, without the set of visited nodes that a shared DAG needs.</summary>
    private const long SmallTree = 64;

    /// <summary>
    /// True when every node of <paramref name="root"/> is a number, a constant, a scalar name, or a scalar sum,
    /// product, power or function call: no vector, matrix or matrix function (tr, det: scalar-valued, but of
    /// matrices) anywhere inside.
    /// </summary>
    public static bool Of(Expr root) =>
        root.Size <= SmallTree ? OfSmall(root) : Walk.Distinct(root).All(IsScalarNode);

    private static bool OfSmall(Expr e) => IsScalarNode(e) && e.Children.All(OfSmall);

    private static bool IsScalarNode(Expr e) =>
        e is Number or Constant or Symbol || (e.IsScalar && e is Sum or Product or Power or Call);
}
