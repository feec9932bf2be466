using System.Collections.Immutable;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Expressions;

/// <summary>
/// Smart constructors for vectors and matrices, the matrix counterpart of <see cref="Ex"/>: matrix
/// products flattened with scalar factors pulled to the front and identities dropped, transposes pushed
/// down to the atoms ((A*B)' = B'*A', (A')' = A), traces in a canonical cyclic order, and the obvious
/// identities of det, logdet and inv. Element-wise operations (+, .*, .^, functions) are the scalar
/// nodes of <see cref="Ex"/>, which act element-wise on vectors and matrices.
/// </summary>
public static class MatrixAlgebra
{
    public static Expr Variable(string name, Shape shape, bool symmetric = false) =>
        shape.IsScalar ? Algebra.Variable(name) : new MatrixSymbol(name, shape, symmetric && shape.IsSquare);

    public static Expr IdentityOf(Dim size) => size.IsOne ? Algebra.One : new Identity(size);

    /// <summary>The differential d(u), of the shape of u: only lines of a matrix derivation hold it.</summary>
    public static Expr D(Expr u) => new Differential(u);

    public static Expr OnesOf(Shape shape) => shape.IsScalar ? Algebra.One : new Ones(shape);

    public static Expr ZerosOf(Shape shape) => shape.IsScalar ? Algebra.Zero : new Zeros(shape);

    /// <summary>The matrix product of the factors in order; scalar factors (1×1 included) scale it.</summary>
    public static Expr Product(params ReadOnlySpan<Expr> factors)
    {
        var scalars = new List<Expr>();
        var chain = new List<Expr>();
        Shape? identityShape = null;
        foreach (var factor in factors)
        {
            Collect(factor);
        }

        // A chain that cancels to nothing (inv(A)*A) is the identity of A's size, not the number 1: tr(inv(A)*A) is n.
        identityShape ??= Cancel(chain);
        if (chain.Any(f => f is Zeros))
        {
            return ZerosOf(new Shape(chain[0].Shape.Rows, chain[^1].Shape.Cols));
        }

        ExtractScalars(chain, scalars);
        Expr core;
        if (chain.Count == 0)
        {
            core = identityShape is null ? Algebra.One : IdentityOf(identityShape.Rows);
        }
        else if (chain.Count == 1)
        {
            core = chain[0];
        }
        else
        {
            core = new MatMul([.. chain]);
        }

        scalars.Add(core);
        return Algebra.Mul([.. scalars]);

        void Collect(Expr f)
        {
            switch (f)
            {
                case { IsScalar: true }:
                    scalars.Add(f);
                    break;
                case MatMul m:
                    chain.AddRange(m.Factors);
                    break;
                case Identity:
                    identityShape ??= f.Shape;
                    break;
                case Product p:
                    var matrices = p.Factors.Where(x => !x.IsScalar).ToArray();
                    scalars.AddRange(p.Factors.Where(x => x.IsScalar));
                    if (matrices.Length == 1)
                    {
                        Collect(matrices[0]);
                    }
                    else
                    {
                        chain.Add(Algebra.Mul(matrices));
                    }

                    break;
                default:
                    chain.Add(f);
                    break;
            }
        }
    }

    /// <summary>
    /// Takes every 1×1 run out of a chain as a scalar factor: b'*a*a'*b is (b'*a)*(a'*b), and
    /// A*x*y'*z is (y'*z)*A*x, so that equal products have one form. Each run is written the
    /// smaller of its two ways (a'*b, not b'*a: a 1×1 product is its own transpose).
    /// </summary>
    private static void ExtractScalars(List<Expr> chain, List<Expr> scalars)
    {
        for (var k = 0; k < chain.Count; k++)
        {
            if (!chain[k].Shape.Rows.IsOne)
            {
                continue;
            }

            var j = chain.FindIndex(k + 1, f => f.Shape.Cols.IsOne);
            if (j < 0)
            {
                continue;
            }

            var run = chain.GetRange(k, j - k + 1);
            chain.RemoveRange(k, j - k + 1);
            var reversed = Enumerable.Range(0, run.Count).Select(i => Transposed(run[run.Count - 1 - i])).ToImmutableArray();
            var forward = run.ToImmutableArray();
            scalars.Add(new MatMul(CompareLists(reversed, forward) < 0 ? reversed : forward));
            k--;
        }
    }

    /// <summary>Removes adjacent X*inv(X) and inv(X)*X (and their transposes) from a chain.</summary>
    /// <summary>Removes adjacent inverses (inv(A)*A, A*inv(A), and their transposes); answers the identity's shape they leave, or null where none cancelled.</summary>
    private static Shape? Cancel(List<Expr> chain)
    {
        Shape? identity = null;
        for (var i = 0; i + 1 < chain.Count;)
        {
            if (AreInverses(chain[i], chain[i + 1]))
            {
                identity ??= new Shape(chain[i].Shape.Rows, chain[i].Shape.Rows);
                chain.RemoveRange(i, 2);
                i = Math.Max(0, i - 1);
            }
            else
            {
                i++;
            }
        }

        return identity;
    }

    private static bool AreInverses(Expr a, Expr b) => (a, b) switch
    {
        (MatrixCall { Function: MatrixFunction.Inverse } inv, _) => inv.Argument.Equals(b),
        (_, MatrixCall { Function: MatrixFunction.Inverse } inv) => inv.Argument.Equals(a),
        (Transpose { Operand: MatrixCall { Function: MatrixFunction.Inverse } inv }, Transpose t) => inv.Argument.Equals(t.Operand),
        (Transpose t, Transpose { Operand: MatrixCall { Function: MatrixFunction.Inverse } inv }) => inv.Argument.Equals(t.Operand),
        _ => false,
    };

    public static Expr Transposed(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e)
        {
            case { IsScalar: true }:
                return e;
            case MatrixSymbol { Symmetric: true }:
                return e;
            case Transpose t:
                return t.Operand;
            case Identity:
                return e;
            case Ones:
                return OnesOf(e.Shape.Transposed);
            case Zeros:
                return ZerosOf(e.Shape.Transposed);
            case MatMul m:
                var reversed = new Expr[m.Factors.Length];
                for (var i = 0; i < reversed.Length; i++)
                {
                    reversed[i] = Transposed(m.Factors[^(i + 1)]);
                }

                return Product(reversed);
            case Sum s:
                return Algebra.Add([.. s.Terms.Select(Transposed)]);
            case Product p:
                return Algebra.Mul([.. p.Factors.Select(Transposed)]);
            case var symmetric when IsSymmetric(symmetric):
                return e;
            default:
                // Element-wise functions keep the transpose outside: tanh(W*x)', not tanh(x'*W').
                return new Transpose(e);
        }
    }

    /// <summary>
    /// Whether e is known to be symmetric (so that e' = e): a symmetric variable, I, diag(v), inverses,
    /// sums, scalings and element-wise functions of symmetric matrices, and palindromic products such as
    /// X'*X or A*S*A' with S symmetric.
    /// </summary>
    public static bool IsSymmetric(Expr e)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        return e switch
        {
            { IsScalar: true } => true,
            MatrixSymbol m => m.Symmetric,
            Identity => true,
            Ones or Zeros => e.Shape.IsSquare,
            MatrixCall { Function: MatrixFunction.DiagMatrix } => true,
            MatrixCall { Function: MatrixFunction.Inverse } inv => IsSymmetric(inv.Argument),
            Sum s => s.Terms.All(IsSymmetric),
            Product p => p.Factors.All(IsSymmetric),
            Power p => IsSymmetric(p.Base),
            Call c => IsSymmetric(c.Argument),
            MatMul m => IsPalindrome(m.Factors),
            _ => false,
        };
    }

    private static bool IsPalindrome(ImmutableArray<Expr> factors)
    {
        var n = factors.Length;
        for (var i = 0; i < n / 2; i++)
        {
            if (!Transposed(factors[i]).Equals(factors[n - 1 - i]))
            {
                return false;
            }
        }

        return n % 2 == 0 || IsSymmetric(factors[n / 2]);
    }

    /// <summary>f(A) for a matrix function, canonical: of a scalar it is the scalar case (det(x) = x), else the entry's own rewrites.</summary>
    public static Expr Apply(MatrixFunction function, Expr argument)
    {
        var f = MatrixFunctionCatalog.Of(function);
        return argument.IsScalar ? f.OfScalar(argument) : f.Build(argument);
    }

    internal static Expr Norm(Expr a) => a is Transpose t ? Norm(t.Operand) : new MatrixCall(MatrixFunction.Norm, a);

    internal static Expr Trace(Expr a)
    {
        switch (a)
        {
            case Transpose t:
                return Trace(t.Operand);
            case Identity { Shape.Rows: { IsConcrete: true } n }:
                return Algebra.Num(n.Size);
            case Zeros:
                return Algebra.Zero;
            case Sum s when s.Terms.All(t => !t.IsScalar):
                return Algebra.Add([.. s.Terms.Select(Trace)]);
            case Product p when p.Factors.Count(f => !f.IsScalar) == 1:
                return Algebra.Mul([.. p.Factors.Select(f => f.IsScalar ? f : Trace(f))]);
            case MatMul m:
                return CyclicTrace(m.Factors);
            default:
                return new MatrixCall(MatrixFunction.Trace, a);
        }
    }

    /// <summary>tr(A*B*C) = tr(B*C*A) = tr(C*A*B): take the rotation that is a scalar product if there is one, else the least.</summary>
    private static Expr CyclicTrace(ImmutableArray<Expr> factors)
    {
        ImmutableArray<Expr>? best = null;
        var bestIsScalar = false;
        for (var k = 0; k < factors.Length; k++)
        {
            var rotation = factors.RemoveRange(0, k).AddRange(factors.Take(k));
            var isScalar = rotation[0].Shape.Rows.IsOne && rotation[^1].Shape.Cols.IsOne;
            if (best is null || (isScalar && !bestIsScalar) || (isScalar == bestIsScalar && CompareLists(rotation, best.Value) < 0))
            {
                best = rotation;
                bestIsScalar = isScalar;
            }
        }

        return bestIsScalar ? Product([.. best!.Value]) : new MatrixCall(MatrixFunction.Trace, new MatMul(best!.Value));
    }

    private static int CompareLists(ImmutableArray<Expr> a, ImmutableArray<Expr> b)
    {
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = Order.Structural(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    internal static Expr Det(Expr a) => a switch
    {
        Transpose t => Det(t.Operand),
        Identity => Algebra.One,
        MatrixCall { Function: MatrixFunction.Inverse } inv => Algebra.Pow(Det(inv.Argument), Algebra.MinusOne),
        MatMul m when m.Factors.All(f => f.Shape.IsSquare) => Algebra.Mul([.. m.Factors.Select(Det)]),
        Product p when p.Factors.Count(f => !f.IsScalar) == 1 && a.Shape.Rows is { IsConcrete: true } n =>
            Algebra.Mul([.. p.Factors.Select(f => f.IsScalar ? Algebra.Pow(f, Algebra.Num(n.Size)) : Det(f))]),
        _ => new MatrixCall(MatrixFunction.Det, a),
    };

    internal static Expr LogDet(Expr a) => a switch
    {
        Transpose t => LogDet(t.Operand),
        Identity => Algebra.Zero,
        MatrixCall { Function: MatrixFunction.Inverse } inv => Algebra.Neg(LogDet(inv.Argument)),
        _ => new MatrixCall(MatrixFunction.LogDet, a),
    };

    internal static Expr Inverse(Expr a) => a switch
    {
        MatrixCall { Function: MatrixFunction.Inverse } inv => inv.Argument,
        Transpose t => Transposed(Inverse(t.Operand)),
        Identity => a,
        Product p when p.Factors.Count(f => !f.IsScalar) == 1 =>
            Algebra.Mul([.. p.Factors.Select(f => f.IsScalar ? Algebra.Pow(f, Algebra.MinusOne) : Inverse(f))]),
        MatMul m when m.Factors.All(f => f.Shape.IsSquare) => Product([.. m.Factors.Reverse().Select(Inverse)]),
        _ => new MatrixCall(MatrixFunction.Inverse, a),
    };

    internal static Expr SumAll(Expr a) => a switch
    {
        Transpose t => SumAll(t.Operand),
        Sum s when s.Terms.All(t => !t.IsScalar) => Algebra.Add([.. s.Terms.Select(SumAll)]),
        Product p when p.Factors.Count(f => !f.IsScalar) == 1 =>
            Algebra.Mul([.. p.Factors.Select(f => f.IsScalar ? f : SumAll(f))]),
        Ones { Shape: { Rows.IsConcrete: true, Cols.IsConcrete: true } s } => Algebra.Num(s.Rows.Size * s.Cols.Size),
        Identity { Shape.Rows: { IsConcrete: true } n } => Algebra.Num(n.Size),
        Zeros => Algebra.Zero,
        _ => new MatrixCall(MatrixFunction.SumAll, a),
    };

    internal static Expr Diag(MatrixFunction function, Expr a) => (function, a) switch
    {
        (MatrixFunction.DiagVector, MatrixCall { Function: MatrixFunction.DiagMatrix } d) => d.Argument,
        _ => new MatrixCall(function, a),
    };
}
