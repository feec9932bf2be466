using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;

namespace CalcApi.Domain.Binding;

/// <summary>Pass 1: every node's shape, with unknown sizes unified across the whole expression.</summary>
public sealed partial class Binder
{
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
                Read(n.Name);
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
        if (c.Name == Derivative)
        {
            return InferDerivative(c);
        }

        if (IsDifferential(c))
        {
            return InferDifferential(c);
        }

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

        if (c.Name == "transpose")
        {
            return (a.Cols, a.Rows);
        }

        if (!MatrixFunctionCatalog.TryFind(c.Name, a.Cols.IsOne, out var f))
        {
            throw new CalcException(new CalcError(ErrorKind.Semantic, "Unknown function", UnknownFunction(c)) { Position = c.Start });
        }

        if (IsScalar(a))
        {
            // Of a scalar, a matrix function is its scalar case: det(x) = x, inv(x) = 1/x, norm(x) = abs(x).
            return a;
        }

        if (f.Argument == MatrixArgument.Square)
        {
            RequireSquare(a, c.Arguments[0], c.Start, f.Result == MatrixResult.DiagonalVector ? "diag of a matrix" : c.Name);
        }

        return f.Result switch
        {
            MatrixResult.SameShape => a,
            MatrixResult.DiagonalMatrix => (a.Rows, a.Rows),
            MatrixResult.DiagonalVector => (a.Rows, DimVar.One),
            _ => Scalar,
        };
    }

    /// <summary>A size in ones(rows, cols): 3, a size name n, or len(x), rows(A), cols(A) of a variable.</summary>
    private DimVar SizeArgument(SyntaxNode argument)
    {
        switch (argument)
        {
            case NumberSyntax { Value: { IsInteger: true } v } when v.Sign > 0 && v.Numerator <= int.MaxValue:
                return DimVar.Concrete((int)v.Numerator);
            case NameSyntax n when !_declarations.ContainsKey(n.Name):
                Read(n.Name);
                return DimVar.Named(n.Name);
            case CallSyntax { Name: "len" or "rows" or "cols", Arguments: [NameSyntax v] } size when _declarations.ContainsKey(v.Name):
                Read(v.Name);
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
}
