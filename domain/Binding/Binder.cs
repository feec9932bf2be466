using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Shapes;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>
/// Gives a syntax tree its meaning: decides every name's kind and every operand's shape, checks that
/// operands conform (naming both operands and their sizes when they do not), decides what each
/// <c>*</c> is (a scalar product, a scaling or a matrix product), and builds the canonical expression.
/// Two passes: shapes are inferred first, with unknown sizes unified across the whole expression; then
/// the expression is built with every size resolved.
/// </summary>
public sealed class Binder
{
    private readonly string? _text;
    private readonly IReadOnlyDictionary<string, VariableDeclaration> _declarations;
    private readonly Dictionary<string, (DimVar Rows, DimVar Cols)> _variables = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxNode, (DimVar Rows, DimVar Cols)> _shapes = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<(SyntaxNode, int)> _matrixProducts = [];

    private Binder(string? text, IReadOnlyDictionary<string, VariableDeclaration> declarations)
    {
        _text = text;
        _declarations = declarations;
    }

    /// <param name="root">The parsed expression.</param>
    /// <param name="text">The text it was parsed from, quoted in shape errors.</param>
    /// <param name="declarations">Declared names; an undeclared name is a scalar. A declared <c>e</c>, <c>pi</c> or <c>I</c> shadows the constant.</param>
    /// <param name="expectedShape">The shape the whole expression is known to have (a gradient read back has its variable's), which sizes a lone I or ones.</param>
    public static Outcome<Expr> Bind(SyntaxNode root, string? text, IReadOnlyDictionary<string, VariableDeclaration> declarations, Shape? expectedShape = null)
    {
        try
        {
            var binder = new Binder(text, declarations);
            var (rows, cols) = binder.Infer(root);
            if (expectedShape is { } expected && !(IsScalar((rows, cols)) && expected.IsScalar)
                && (!DimVar.Unify(rows, DimVar.From(expected.Rows, "rows")) || !DimVar.Unify(cols, DimVar.From(expected.Cols, "cols"))))
            {
                throw new CalcException(new CalcError(ErrorKind.Semantic, "Unexpected shape",
                    $"The expression is {rows}×{cols}, but {expected} was expected.") { Position = 0 });
            }

            return binder.Build(root);
        }
        catch (CalcException ex)
        {
            return ex.Error;
        }
        catch (InvalidOperationException ex) when (ex.InnerException is CalcException inner)
        {
            // A limit hit inside a sort's comparer (a time budget while ordering terms) comes wrapped.
            return inner.Error;
        }
    }

    public static bool IsConstantName(string name, Func<string, bool> isDeclared) =>
        name is "pi" or "e" or "I" && !isDeclared(name);

    private static (DimVar, DimVar) Scalar => (DimVar.One, DimVar.One);

    private static bool IsScalar((DimVar Rows, DimVar Cols) s) => s.Rows.IsOne && s.Cols.IsOne;

    private string Show(SyntaxNode node) =>
        _text is not null && node.End > node.Start && node.End <= _text.Length ? _text[node.Start..node.End].Trim() : "the operand";

    private static string Show((DimVar Rows, DimVar Cols) s) => $"{s.Rows}×{s.Cols}";

    private CalcException ShapeError(int position, string detail) =>
        new(new CalcError(ErrorKind.Semantic, "Shapes do not conform", detail) { Position = position });

    // ---- pass 1: shapes ------------------------------------------------------------------------

    private (DimVar Rows, DimVar Cols) Infer(SyntaxNode node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var shape = InferShape(node);
        _shapes[node] = shape;
        return shape;
    }

    private (DimVar Rows, DimVar Cols) InferShape(SyntaxNode node)
    {
        switch (node)
        {
            case NumberSyntax:
                return Scalar;
            case NameSyntax n:
                return NameShape(n.Name);
            case NegateSyntax n:
                return Infer(n.Operand);
            case SumSyntax s:
                return InferSum(s);
            case ProductSyntax p:
                return InferProduct(p);
            case PowerSyntax p:
                return InferPower(p);
            case TransposeSyntax t:
                var inner = Infer(t.Operand);
                return (inner.Cols, inner.Rows);
            case CallSyntax c:
                return InferCall(c);
            default:
                throw new InvalidOperationException($"No binding for {node.GetType().Name}.");
        }
    }

    private (DimVar, DimVar) NameShape(string name)
    {
        if (_variables.TryGetValue(name, out var known))
        {
            return known;
        }

        (DimVar, DimVar) shape;
        if (_declarations.TryGetValue(name, out var declaration))
        {
            shape = declaration.Kind switch
            {
                VariableKind.Scalar => Scalar,
                VariableKind.Vector => (DimVar.From(declaration.Rows, $"len({name})"), DimVar.One),
                _ => (DimVar.From(declaration.Rows, $"rows({name})"), DimVar.From(declaration.Cols, $"cols({name})")),
            };
            if (declaration.Symmetric && !DimVar.Unify(shape.Item1, shape.Item2))
            {
                throw new CalcException(new CalcError(ErrorKind.InvalidArgument, "Symmetric matrix is not square",
                    $"{name} is declared symmetric, but it is {Show(shape)}; only square matrices can be symmetric."));
            }
        }
        else if (name == "I")
        {
            // The identity of whatever size makes the expression conformable; a fresh size for each use.
            var size = DimVar.Unknown("size(I)", isIdentity: true);
            return (size, size);
        }
        else
        {
            shape = Scalar;
        }

        _variables[name] = shape;
        return shape;
    }

    private (DimVar, DimVar) InferSum(SumSyntax s)
    {
        (DimVar Rows, DimVar Cols)? result = null;
        SyntaxNode? first = null;
        foreach (var (minus, term) in s.Terms)
        {
            var shape = Infer(term);
            if (IsScalar(shape))
            {
                continue; // a scalar term is added to every entry
            }

            if (result is null)
            {
                (result, first) = (shape, term);
                continue;
            }

            if (!DimVar.Unify(result.Value.Rows, shape.Rows) || !DimVar.Unify(result.Value.Cols, shape.Cols))
            {
                throw ShapeError(term.Start,
                    $"{Show(first!)} {(minus ? '-' : '+')} {Show(term)}: {Show(first!)} is {Show(result.Value)} but {Show(term)} is {Show(shape)}; only equal shapes can be added.");
            }
        }

        return result ?? Scalar;
    }

    private (DimVar, DimVar) InferProduct(ProductSyntax p)
    {
        var left = Infer(p.First);
        for (var i = 0; i < p.Rest.Count; i++)
        {
            var (op, position, factor) = p.Rest[i];
            var right = Infer(factor);
            // The operands as written, parentheses and all: from the product's start to the operator,
            // and from the operator to the next one (or the product's end).
            var operatorLength = op is ProductOperator.ElementTimes or ProductOperator.ElementDivide ? 2 : 1;
            var rightEnd = i + 1 < p.Rest.Count ? p.Rest[i + 1].Position : p.End;
            var implicitProduct = _text is not null && position < _text.Length && _text[position] is not ('*' or '/' or '.');
            var leftText = _text is not null && position <= _text.Length ? _text[p.Start..position].Trim() : "the left operand";
            var rightText = _text is not null && rightEnd <= _text.Length && position < rightEnd
                ? _text[(implicitProduct ? position : position + operatorLength)..rightEnd].Trim()
                : Show(factor);
            switch (op)
            {
                case ProductOperator.Times when !IsScalar(left) && !IsScalar(right):
                    if (!DimVar.Unify(left.Cols, right.Rows))
                    {
                        throw ShapeError(position,
                            $"{leftText}*{rightText}: {leftText} is {Show(left)} but {rightText} is {Show(right)}; inner sizes {left.Cols} and {right.Rows} differ.");
                    }

                    _matrixProducts.Add((p, i));
                    left = (left.Rows, right.Cols);
                    if (IsScalar(left))
                    {
                        left = Scalar; // a 1×1 product is a scalar
                    }

                    break;
                case ProductOperator.Times or ProductOperator.ElementTimes or ProductOperator.ElementDivide when IsScalar(left):
                    left = right;
                    break;
                case ProductOperator.Times or ProductOperator.ElementTimes or ProductOperator.ElementDivide when IsScalar(right):
                    break;
                case ProductOperator.Divide when IsScalar(right):
                    break;
                case ProductOperator.Divide:
                    throw ShapeError(position,
                        $"{leftText}/{rightText}: {rightText} is {Show(right)}, and there is no division by a {(right.Cols.IsOne ? "vector" : "matrix")}; write inv({rightText}) for an inverse or ./ for element-wise division.");
                default:
                    var symbol = op == ProductOperator.ElementTimes ? ".*" : "./";
                    if (!DimVar.Unify(left.Rows, right.Rows) || !DimVar.Unify(left.Cols, right.Cols))
                    {
                        throw ShapeError(position,
                            $"{leftText}{symbol}{rightText}: {leftText} is {Show(left)} but {rightText} is {Show(right)}; element-wise operations need equal shapes.");
                    }

                    break;
            }
        }

        return left;
    }

    private (DimVar, DimVar) InferPower(PowerSyntax p)
    {
        var b = Infer(p.Base);
        var e = Infer(p.Exponent);
        if (!IsScalar(e))
        {
            throw ShapeError(p.OperatorPosition, $"{Show(p)}: the exponent {Show(p.Exponent)} is {Show(e)}; exponents must be scalars.");
        }

        if (IsScalar(b) || p.ElementWise)
        {
            return b;
        }

        if (MatrixExponent(p.Exponent) is null)
        {
            throw ShapeError(p.OperatorPosition,
                $"{Show(p)}: a matrix power needs an integer exponent (X^-1 is the inverse); for an element-wise power write {Show(p.Base)}.^{Show(p.Exponent)}.");
        }

        RequireSquare(b, p.Base, p.OperatorPosition, "a matrix power");
        return b;
    }

    private static int? MatrixExponent(SyntaxNode exponent) => exponent switch
    {
        NumberSyntax { Value: { IsInteger: true } v } when v.Numerator <= 64 => (int)v.Numerator,
        NegateSyntax { Operand: NumberSyntax { Value: { IsInteger: true } v } } when v.Numerator <= 64 => -(int)v.Numerator,
        _ => null,
    };

    private void RequireSquare((DimVar Rows, DimVar Cols) shape, SyntaxNode operand, int position, string what)
    {
        if (!DimVar.Unify(shape.Rows, shape.Cols))
        {
            throw ShapeError(position, $"{what} needs a square matrix, but {Show(operand)} is {Show(shape)}.");
        }
    }

    private (DimVar, DimVar) InferCall(CallSyntax c)
    {
        if (c.Name is "ones" or "zeros" && c.Arguments.Count == 2 && !_declarations.ContainsKey(c.Name))
        {
            return (SizeArgument(c.Arguments[0]), SizeArgument(c.Arguments[1]));
        }

        if (c.Arguments.Count != 1)
        {
            throw new CalcException(new CalcError(ErrorKind.Semantic,
                FunctionNames.All.Contains(c.Name) ? "Wrong number of arguments" : "Unknown function",
                FunctionNames.All.Contains(c.Name)
                    ? $"{c.Name} takes exactly one argument, but {c.Arguments.Count} were given at position {c.Start}."
                    : UnknownFunction(c)) { Position = c.Start });
        }

        var a = Infer(c.Arguments[0]);
        if (FunctionNames.TryGet(c.Name, out _) || c.Name == "sqrt")
        {
            return a;
        }

        switch (c.Name)
        {
            case "tr" or "det" or "logdet" or "inv":
                if (!IsScalar(a))
                {
                    RequireSquare(a, c.Arguments[0], c.Start, c.Name);
                }

                return c.Name == "inv" ? a : Scalar;
            case "sum" or "norm":
                return Scalar;
            case "transpose":
                return (a.Cols, a.Rows);
            case "diag":
                if (IsScalar(a))
                {
                    return a;
                }

                if (a.Cols.IsOne)
                {
                    return (a.Rows, a.Rows);
                }

                RequireSquare(a, c.Arguments[0], c.Start, "diag of a matrix");
                return (a.Rows, DimVar.One);
            default:
                throw new CalcException(new CalcError(ErrorKind.Semantic, "Unknown function", UnknownFunction(c)) { Position = c.Start });
        }
    }

    /// <summary>A size in ones(rows, cols): 3, a size name n, or len(x), rows(A), cols(A) of a variable.</summary>
    private DimVar SizeArgument(SyntaxNode argument)
    {
        switch (argument)
        {
            case NumberSyntax { Value: { IsInteger: true } v } when v.Sign > 0 && v.Numerator <= int.MaxValue:
                return DimVar.Concrete((int)v.Numerator);
            case NameSyntax n when !_declarations.ContainsKey(n.Name):
                return DimVar.Named(n.Name);
            case CallSyntax { Name: "len" or "rows" or "cols", Arguments: [NameSyntax v] } size when _declarations.ContainsKey(v.Name):
                var (rows, cols) = NameShape(v.Name);
                return size.Name == "cols" ? cols : rows;
            default:
                throw new CalcException(new CalcError(ErrorKind.Semantic, "Invalid size",
                    $"A size in ones(rows, cols) or zeros(rows, cols) must be a positive integer, a size name, or len(x), rows(A) or cols(A) of a declared variable; {Show(argument)} at position {argument.Start} is none of these.")
                { Position = argument.Start });
        }
    }

    private string UnknownFunction(CallSyntax c) =>
        _declarations.ContainsKey(c.Name) || c.Name.Length <= 2
            ? $"'{c.Name}' at position {c.Start} is not a function; to multiply, write {c.Name}*(...)."
            : $"Unknown function '{c.Name}' at position {c.Start}. Known functions: {string.Join(", ", FunctionNames.All)}.";

    // ---- pass 2: the expression ----------------------------------------------------------------

    private Shape ShapeOf(SyntaxNode node)
    {
        var (rows, cols) = _shapes[node];
        return new Shape(rows.Resolve(), cols.Resolve());
    }

    private Expr Build(SyntaxNode node)
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
                ProductOperator.Times when _matrixProducts.Contains((p, i)) => MatrixAlgebra.Product(result, right),
                ProductOperator.Times or ProductOperator.ElementTimes => Algebra.Mul(result, right),
                _ => Algebra.Mul(result, Algebra.Pow(right, Algebra.MinusOne)),
            };
        }

        return result;
    }

    private Expr BuildPower(PowerSyntax p)
    {
        var b = Build(p.Base);
        if (b.IsScalar || p.ElementWise)
        {
            return Algebra.Pow(b, Build(p.Exponent));
        }

        var n = MatrixExponent(p.Exponent)!.Value;
        var factor = n < 0 ? MatrixAlgebra.Apply(MatrixFunction.Inverse, b) : b;
        if (n == 0)
        {
            return MatrixAlgebra.IdentityOf(b.Shape.Rows);
        }

        return MatrixAlgebra.Product([.. Enumerable.Repeat(factor, Math.Abs(n))]);
    }

    private Expr BuildCall(CallSyntax c)
    {
        if (c.Name is "ones" or "zeros" && c.Arguments.Count == 2 && !_declarations.ContainsKey(c.Name))
        {
            return c.Name == "ones" ? MatrixAlgebra.OnesOf(ShapeOf(c)) : MatrixAlgebra.ZerosOf(ShapeOf(c));
        }

        var a = Build(c.Arguments[0]);
        if (FunctionNames.TryGet(c.Name, out var function))
        {
            return Algebra.Apply(function, a, spelledLn: c.Name == "ln");
        }

        return c.Name switch
        {
            "sqrt" => Algebra.Sqrt(a),
            "tr" => MatrixAlgebra.Apply(MatrixFunction.Trace, a),
            "det" => MatrixAlgebra.Apply(MatrixFunction.Det, a),
            "logdet" => MatrixAlgebra.Apply(MatrixFunction.LogDet, a),
            "inv" => MatrixAlgebra.Apply(MatrixFunction.Inverse, a),
            "sum" => MatrixAlgebra.Apply(MatrixFunction.SumAll, a),
            "norm" => MatrixAlgebra.Apply(MatrixFunction.Norm, a),
            "transpose" => MatrixAlgebra.Transposed(a),
            "diag" => MatrixAlgebra.Apply(a.Shape.Cols.IsOne ? MatrixFunction.DiagMatrix : MatrixFunction.DiagVector, a),
            _ => throw new InvalidOperationException($"Unknown function {c.Name} passed inference."),
        };
    }
}
