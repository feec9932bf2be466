using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>Pass 2: the canonical expression, built with every size resolved.</summary>
public sealed partial class Binder
{
    private Shape ShapeOf(SyntaxNode node)
    {
        var (rows, cols) = _shapes[node];
        return new Shape(rows.Resolve(), cols.Resolve());
    }

    /// <summary>The expression of <paramref name="node"/>, noting the conditions of its domain as written (sqrt(x)^2 is x, but only for x &gt;= 0).</summary>
    private Expr Build(SyntaxNode node)
    {
        var e = BuildNode(node);
        Note(DomainConditions.Of(e));
        return e;
    }

    private void Note(Condition[] conditions)
    {
        if (conditions.Length > 0)
        {
            DomainConditions.Add(_conditions ??= [], conditions);
        }
    }

    private Expr BuildNode(SyntaxNode node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (node)
        {
            case NumberSyntax n:
                return Algebra.Num(n.Value);
            case NameSyntax n:
                return BuildName(n);
            case NegateSyntax n:
                return Algebra.Neg(Build(n.Operand));
            case SumSyntax s:
                return Algebra.Add([.. s.Terms.Select(t => t.Minus ? Algebra.Neg(Build(t.Term)) : Build(t.Term))]);
            case ProductSyntax p:
                return BuildProduct(p);
            case PowerSyntax p:
                return BuildPower(p);
            case TransposeSyntax t:
                return MatrixAlgebra.Transposed(Build(t.Operand));
            case CallSyntax c:
                return BuildCall(c);
            default:
                throw new InvalidOperationException($"No binding for {node.GetType().Name}.");
        }
    }

    private Expr BuildName(NameSyntax n)
    {
        var declared = _declarations.TryGetValue(n.Name, out var declaration);
        if (!declared)
        {
            switch (n.Name)
            {
                case "pi":
                    return Algebra.Pi;
                case "e":
                    return Algebra.E;
                case "I":
                    return MatrixAlgebra.IdentityOf(ShapeOf(n).Rows);
            }
        }

        return MatrixAlgebra.Variable(n.Name, ShapeOf(n), declaration?.Symmetric ?? false);
    }

    private Expr BuildProduct(ProductSyntax p)
    {
        // A leading minus belongs to the whole product: -(a + b)*c is -1*(a + b)*c, not (-a - b)*c.
        var result = p.First is NegateSyntax negated ? Algebra.Neg(Build(negated.Operand)) : Build(p.First);
        for (var i = 0; i < p.Rest.Count; i++)
        {
            var (op, _, factor) = p.Rest[i];
            var right = Build(factor);
            result = op switch
            {
                ProductOperator.Times when _matrixProducts.Count > 0 && _matrixProducts.Contains((p, i)) => MatrixAlgebra.Product(result, right),
                ProductOperator.Times or ProductOperator.ElementTimes => Algebra.Mul(result, right),
                _ => Algebra.Mul(result, Divisor(right)),
            };
        }

        return result;
    }

    /// <summary>1/d, noting d != 0 (x/x is 1, but not at 0).</summary>
    private Expr Divisor(Expr d)
    {
        var reciprocal = Algebra.Pow(d, Algebra.MinusOne);
        Note(DomainConditions.Of(reciprocal));
        NoteAsWritten(d, Algebra.MinusOne);
        return reciprocal;
    }

    /// <summary>
    /// The conditions of a scalar power as written, whose canonical form may have spread it over a product and so lost
    /// them: 1/(6x + x) is 1/7 * x^-1 (needs x != 0), sqrt(x*y)... (needs x*y >= 0).
    /// </summary>
    private void NoteAsWritten(Expr @base, Expr exponent)
    {
        if (@base.IsScalar && exponent.IsScalar)
        {
            Note(DomainConditions.Of(new Power(@base, exponent)));
        }
    }

    private Expr BuildPower(PowerSyntax p)
    {
        var b = Build(p.Base);
        if (b.IsScalar || p.ElementWise)
        {
            var exponent = Build(p.Exponent);
            NoteAsWritten(b, exponent);
            if (b.IsScalar && exponent.IsScalar && DependsOnVariable(p.Exponent) && DependsOnVariable(p.Base))
            {
                // u^v with both u and v varying is exp(v ln u), defined for u > 0 (the condition DomainConditions states for
                // it), also where the canonical form folded v or u to a number: x^(y - y) is x^0 and (x - x)^y is 0^y, but
                // as written both need their base positive (the latter nowhere holds: 0 > 0).
                Note([Condition.Positive(b)]);
            }

            return Algebra.Pow(b, exponent);
        }

        var n = MatrixExponent(p.Exponent)!.Value;
        var factor = n < 0 ? MatrixAlgebra.Apply(MatrixFunction.Inverse, b) : b;
        Note(DomainConditions.Of(factor));
        if (n == 0)
        {
            return MatrixAlgebra.IdentityOf(b.Shape.Rows);
        }

        return MatrixAlgebra.Product([.. Enumerable.Repeat(factor, Math.Abs(n))]);
    }

    /// <summary>Whether <paramref name="node"/> as written reads a variable (a name other than the constants pi, e and I), whatever it folds to.</summary>
    private bool DependsOnVariable(SyntaxNode node) => node switch
    {
        // Most exponents are written numbers: no walk for them.
        NumberSyntax => false,
        NameSyntax n => !IsConstantName(n.Name, _declarations.ContainsKey),
        _ => SyntaxNames.Nodes(node).Any(n => n is NameSyntax name && !IsConstantName(name.Name, _declarations.ContainsKey)),
    };

    private Expr BuildCall(CallSyntax c)
    {
        if (c.Name == Derivative)
        {
            return BuildDerivative(c);
        }

        if (IsDifferential(c))
        {
            return BuildDifferential(c);
        }

        if (c.Name is "ones" or "zeros" && c.Arguments.Count == 2 && !_declarations.ContainsKey(c.Name))
        {
            return c.Name == "ones" ? MatrixAlgebra.OnesOf(ShapeOf(c)) : MatrixAlgebra.ZerosOf(ShapeOf(c));
        }

        var a = Build(c.Arguments[0]);
        if (FunctionNames.TryGet(c.Name, out var function))
        {
            _writesLog |= c.Name == "log";
            _writesLn |= c.Name == "ln";
            return Algebra.Apply(function, a);
        }

        if (MatrixFunctionCatalog.TryFind(c.Name, a.Shape.Cols.IsOne, out var matrixFunction))
        {
            return MatrixAlgebra.Apply(matrixFunction.Id, a);
        }

        return c.Name switch
        {
            "sqrt" => SqrtAsWritten(a),
            "transpose" => MatrixAlgebra.Transposed(a),
            _ => throw new InvalidOperationException($"Unknown function {c.Name} passed inference."),
        };
    }

    private Expr SqrtAsWritten(Expr a)
    {
        NoteAsWritten(a, Algebra.Num(Numbers.Rational.Half));
        return Algebra.Sqrt(a);
    }
}
