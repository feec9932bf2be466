namespace CalcApi.Domain.Expressions;

/// <summary>
/// The canonical total order on expressions, used to sort the terms of sums and the factors of products.
/// It is consistent with equality (0 only for equal expressions) and reads the way a teacher writes:
/// numbers, then constants, then names (a before b; x^3 before x^2 before x), then sums, then function
/// calls, smaller before larger.
/// </summary>
public sealed class Order : IComparer<Expr>
{
    public static Order Instance { get; } = new();

    public int Compare(Expr? a, Expr? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        // Scalars before vectors and matrices: x*A, never A*x.
        var byScalar = b.IsScalar.CompareTo(a.IsScalar);
        if (byScalar != 0)
        {
            return byScalar;
        }

        var (baseA, expA) = Split(a);
        var (baseB, expB) = Split(b);
        var byRank = Rank(baseA).CompareTo(Rank(baseB));
        if (byRank != 0)
        {
            return byRank;
        }

        var byBase = Structural(baseA, baseB);
        if (byBase != 0)
        {
            return byBase;
        }

        // Same base: the higher power first (x^3 + x^2 + x).
        return -Structural(expA, expB);
    }

    /// <summary>Orders the terms of a sum by their monomials (the term without its numeric coefficient).</summary>
    public static int CompareTerms(Expr a, Expr b)
    {
        if (!a.IsScalar && !b.IsScalar && (a is Product || b is Product))
        {
            // Terms of a matrix sum are ordered by their matrix parts: I + t*M, not t*M + I.
            var byMatrix = CompareMatrixParts(a, b);
            if (byMatrix != 0)
            {
                return byMatrix;
            }
        }

        var factorsA = Monomial(a);
        var factorsB = Monomial(b);
        var n = Math.Min(factorsA.Length, factorsB.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Instance.Compare(factorsA[i], factorsB[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return factorsA.Length.CompareTo(factorsB.Length);
    }

    private static int CompareMatrixParts(Expr a, Expr b)
    {
        var partA = a is Product pa ? pa.Factors.Where(f => !f.IsScalar).ToArray() : [a];
        var partB = b is Product pb ? pb.Factors.Where(f => !f.IsScalar).ToArray() : [b];
        for (var i = 0; i < Math.Min(partA.Length, partB.Length); i++)
        {
            var c = Instance.Compare(partA[i], partB[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return partA.Length.CompareTo(partB.Length);
    }

    /// <summary>The factors of a term without its numeric coefficient, without building anything.</summary>
    private static ReadOnlySpan<Expr> Monomial(Expr term) => term switch
    {
        Product { Factors: [Number, ..] } p => p.Factors.AsSpan()[1..],
        Product p => p.Factors.AsSpan(),
        _ => new[] { term },
    };

    /// <summary>
    /// A power with a numeric exponent sorts with its base (x^2 next to x); one with a symbolic
    /// exponent (a^x, e^(cos(x)), x^(n - 1)) sorts as a unit after the function calls, as in ln(a)*a^x.
    /// </summary>
    private static (Expr Base, Expr Exponent) Split(Expr e) =>
        e is Power { Exponent: Number } p ? (p.Base, p.Exponent) : (e, Algebra.One);

    private static int Rank(Expr e) => e switch
    {
        Number => 0,
        Constant => 1,
        Identity => 2,
        Ones => 3,
        Symbol => 4,
        Sum => 5,
        Call => 6,
        Power => 7,
        Product => 8,
        MatrixCall => 9,
        MatMul => 10,
        MatrixSymbol => 11,
        Transpose => 12,
        Zeros => 13,
        Derivative => 14,
        Differential => 15,
        _ => 16,
    };

    /// <summary>A total order on all expressions, consistent with structural equality.</summary>
    public static int Structural(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        WorkBudget.Tick();

        var byRank = Rank(a).CompareTo(Rank(b));
        if (byRank != 0)
        {
            return byRank;
        }

        switch (a, b)
        {
            case (Number x, Number y):
                return x.Value.CompareTo(y.Value);
            case (Constant x, Constant y):
                return x.Kind.CompareTo(y.Kind);
            case (Symbol x, Symbol y):
                return string.CompareOrdinal(x.Name, y.Name);
            case (MatrixSymbol x, MatrixSymbol y):
                var byName = string.CompareOrdinal(x.Name, y.Name);
                return byName != 0 ? byName : string.CompareOrdinal(x.Shape.ToString(), y.Shape.ToString());
            case (Identity or Ones or Zeros, Identity or Ones or Zeros):
                return string.CompareOrdinal(a.Shape.ToString(), b.Shape.ToString());
        }

        var bySize = a.Size.CompareTo(b.Size);
        if (bySize != 0)
        {
            return bySize;
        }

        switch (a, b)
        {
            case (Call x, Call y):
                var byFunction = x.Function.CompareTo(y.Function);
                return byFunction != 0 ? byFunction : Structural(x.Argument, y.Argument);
            case (Power x, Power y):
                var byBase = Structural(x.Base, y.Base);
                return byBase != 0 ? byBase : Structural(x.Exponent, y.Exponent);
            case (Sum x, Sum y):
                return CompareLists(x.Terms, y.Terms);
            case (Product x, Product y):
                return CompareLists(x.Factors, y.Factors);
            case (MatMul x, MatMul y):
                return CompareLists(x.Factors, y.Factors);
            case (Transpose x, Transpose y):
                return Structural(x.Operand, y.Operand);
            case (MatrixCall x, MatrixCall y):
                var byMatrixFunction = x.Function.CompareTo(y.Function);
                return byMatrixFunction != 0 ? byMatrixFunction : Structural(x.Argument, y.Argument);
            case (Differential x, Differential y):
                return Structural(x.Operand, y.Operand);
            case (Derivative x, Derivative y):
                var byVariable = string.CompareOrdinal(x.Variable, y.Variable);
                return byVariable != 0 ? byVariable : Structural(x.Operand, y.Operand);
            default:
                throw new InvalidOperationException($"No order for {a.GetType().Name}.");
        }
    }

    private static int CompareLists(System.Collections.Immutable.ImmutableArray<Expr> a, System.Collections.Immutable.ImmutableArray<Expr> b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = Structural(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }
}
