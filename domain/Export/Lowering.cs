using CalcApi.Domain.Binding;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Shapes;
using ExprZeros = CalcApi.Domain.Expressions.Zeros;
using ExprOnes = CalcApi.Domain.Expressions.Ones;
using ExprIdentity = CalcApi.Domain.Expressions.Identity;

namespace CalcApi.Domain.Export;

/// <summary>A variable the exported function reads: its shape as binding inferred it (sizes concrete or symbolic), its declared kind, and symmetry.</summary>
public sealed record ExportVariable(string Name, Shape Shape, VariableKind Kind, bool Symmetric);

/// <summary>
/// Turns the value and the gradients, one expression DAG, into straight-line code. Every node is visited once
/// (equal sub-expressions are one node), and a node used more than once, or too long to write inline, is computed
/// once into a temporary: the printed gradient of sin(sin(...sin(x))) repeats its inner calls (quadratic in the
/// depth), the code computes each once (linear). A node kind with no code is refused (unsupported), never guessed.
/// </summary>
internal sealed class Lowering
{
    /// <summary>An inline expression longer or deeper than this is named, so no line grows without bound.</summary>
    private const int MaxInlineLength = 72;

    private const int MaxInlineDepth = 4;

    /// <summary>A gradient's formula is shown in a comment when its printed form has at most this many nodes.</summary>
    private const int MaxFormulaNodes = 200;

    private readonly Dialect _dialect;
    private readonly Namer _namer;
    private readonly Dictionary<string, ExportInput> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<Dim, (string Local, int Axis)> _sizes = [];
    private readonly Dictionary<Expr, Code> _codes = [];
    private readonly HashSet<Expr> _named = [];
    private readonly List<Statement> _statements = [];

    private Lowering(Dialect dialect)
    {
        _dialect = dialect;
        _namer = new Namer(dialect.Reserved);
    }

    /// <summary>The plan of the file: f and its gradients with respect to <paramref name="wrt"/>, reading <paramref name="variables"/>.</summary>
    public static ExportPlan Plan(Dialect dialect, Expr f, IReadOnlyList<ExportVariable> variables, IReadOnlyList<(string Name, Expr Gradient)> wrt, PrintStyle style) =>
        new Lowering(dialect).Run(f, variables, wrt, style);

    private ExportPlan Run(Expr f, IReadOnlyList<ExportVariable> variables, IReadOnlyList<(string Name, Expr Gradient)> wrt, PrintStyle style)
    {
        var inputs = Inputs(variables);
        var roots = new List<Expr> { f };
        roots.AddRange(wrt.Select(w => w.Gradient));
        foreach (var node in Order(roots, out var uses))
        {
            var code = Lower(node);
            var leaf = node is Number or Constant or Symbol or MatrixSymbol;
            // A root used once is its own line (value = ..., grad_W = ...) however long.
            var line = uses[node] == 1 && roots.Contains(node);
            if (!leaf && (uses[node] > 1 || !line && (code.Text.Length > MaxInlineLength || code.Depth > MaxInlineDepth)))
            {
                var local = _namer.Temporary();
                _statements.Add(new(local, code));
                code = _dialect.Name(local, code.Scalar);
                _named.Add(node);
            }

            _codes[node] = code;
        }

        var valueLocal = _namer.Named("value");
        var gradients = wrt.Select(w => new ExportGradient(
            _inputs[w.Name],
            w.Gradient.Size <= MaxFormulaNodes ? TextPrinter.Print(w.Gradient, style) : null,
            _namer.Named("grad_" + w.Name),
            _codes[w.Gradient])).ToList();
        var expression = f.Size <= MaxFormulaNodes * 5 ? TextPrinter.Print(f, style) : "(too long to show)";
        return new ExportPlan(expression, inputs, _statements, valueLocal, _codes[f], gradients);
    }

    /// <summary>
    /// The inputs with their locals, and the sizes of the program's random point: a concrete size as declared, each
    /// symbolic size its own (2, 3, 4, ... in order of appearance), so that a transposed gradient cannot pass the check.
    /// </summary>
    private List<ExportInput> Inputs(IReadOnlyList<ExportVariable> variables)
    {
        var symbolic = new Dictionary<string, int>(StringComparer.Ordinal);
        int SampleSize(Dim d) => d.IsConcrete ? d.Size : symbolic.TryGetValue(d.Name!, out var n) ? n : symbolic[d.Name!] = 2 + symbolic.Count;

        var inputs = new List<ExportInput>(variables.Count);
        foreach (var v in variables)
        {
            var input = new ExportInput(v.Name, _namer.Variable(v.Name), v.Kind, v.Shape.IsScalar, SampleSize(v.Shape.Rows), SampleSize(v.Shape.Cols), v.Symmetric && v.Shape.IsSquare);
            inputs.Add(input);
            _inputs[v.Name] = input;
            if (!v.Shape.IsScalar)
            {
                _sizes.TryAdd(v.Shape.Rows, (input.Local, 0));
                _sizes.TryAdd(v.Shape.Cols, (input.Local, 1));
            }
        }

        return inputs;
    }

    /// <summary>The distinct nodes of the roots, children before parents, with the number of parents (and roots) using each.</summary>
    private static List<Expr> Order(List<Expr> roots, out Dictionary<Expr, int> uses)
    {
        uses = [];
        var order = new List<Expr>();
        var expanded = new HashSet<Expr>();
        var done = new HashSet<Expr>();
        var stack = new Stack<(Expr Node, bool Children)>();
        foreach (var root in roots)
        {
            uses[root] = uses.GetValueOrDefault(root) + 1;
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, children) = stack.Pop();
                if (children)
                {
                    if (done.Add(node))
                    {
                        order.Add(node);
                    }

                    continue;
                }

                // Marked when expanded, not when pushed: a node waiting deeper in the stack is pushed again by a later
                // parent, so that it is done before that parent.
                if (!expanded.Add(node))
                {
                    continue;
                }

                stack.Push((node, true));
                foreach (var child in node.Children.Reverse())
                {
                    uses[child] = uses.GetValueOrDefault(child) + 1;
                    if (!expanded.Contains(child))
                    {
                        stack.Push((child, false));
                    }
                }
            }
        }

        return order;
    }

    private Code Lower(Expr e)
    {
        WorkBudget.Tick();
        switch (e)
        {
            case Number n:
                var value = n.Value.ToDouble();
                return double.IsFinite(value) ? _dialect.Number(value)
                    : throw Unsupported($"The number {TextPrinter.Print(e)} does not fit in double precision, which the exported code computes in.");
            case Constant c:
                return _dialect.Constant(c.Kind);
            case Symbol s:
                return _dialect.Name(Input(s.Name).Local, true);
            case MatrixSymbol m:
                return _dialect.Name(Input(m.Name).Local, false);
            case ExprIdentity:
                return _dialect.Filled(Fill.Identity, SizeOf(e.Shape.Rows, e), SizeOf(e.Shape.Cols, e));
            case ExprOnes:
                return _dialect.Filled(Fill.Ones, SizeOf(e.Shape.Rows, e), SizeOf(e.Shape.Cols, e));
            case ExprZeros:
                return _dialect.Filled(Fill.Zeros, SizeOf(e.Shape.Rows, e), SizeOf(e.Shape.Cols, e));
            case Sum s:
                return SumOf(s);
            case Product p:
                return ProductOf(p, negate: false);
            case Power p:
                return p.Exponent is Number { Value: var q } ? PowerOf(_codes[p.Base], q) : _dialect.Power(_codes[p.Base], _codes[p.Exponent]);
            case Call c:
                return _dialect.Call(c.Function, _codes[c.Argument]);
            case MatMul m:
                var product = _codes[m.Factors[0]];
                foreach (var factor in m.Factors.Skip(1))
                {
                    var next = _codes[factor];
                    // A 1×1 factor (a'*b inside a product) scales; the engine's canonical form keeps it out, but never mistype it.
                    product = product.Scalar || next.Scalar ? _dialect.Multiply(product, next) : _dialect.MatMul(product, next);
                }

                return e.IsScalar && !product.Scalar ? _dialect.ScalarOf(product) : product;
            case Transpose t:
                var operand = _codes[t.Operand];
                return operand.Scalar ? operand : _dialect.Transpose(operand);
            case MatrixCall mc:
                return MatrixCallOf(mc.Function, _codes[mc.Argument]);
            default:
                throw Unsupported($"Code cannot be exported for a {e.GetType().Name} node ({TextPrinter.Print(e)}): no language here has an operation for it.");
        }
    }

    /// <summary>A matrix function; of a scalar (a 1×1 argument) it is what the catalog makes of one: tr(u) = det(u) = u, inv(u) = 1/u, norm(u) = |u|.</summary>
    private Code MatrixCallOf(MatrixFunction function, Code argument)
    {
        if (!argument.Scalar)
        {
            return _dialect.Matrix(function, argument);
        }

        return function switch
        {
            MatrixFunction.LogDet => _dialect.Call(Function.Log, argument),
            MatrixFunction.Inverse => _dialect.Divide(_dialect.Number(1), argument),
            MatrixFunction.Norm => _dialect.Call(Function.Abs, argument),
            _ => argument,
        };
    }

    /// <summary>A sum, with terms of negative coefficient subtracted (a - 2*b rather than a + -2*b), a positive term first.</summary>
    private Code SumOf(Sum s)
    {
        var terms = s.Terms.Select(Signed).ToList();
        var first = terms.FindIndex(t => !t.Negative);
        if (first > 0)
        {
            var positive = terms[first];
            terms.RemoveAt(first);
            terms.Insert(0, positive);
        }

        var sum = terms[0].Negative ? _dialect.Negate(terms[0].Code) : terms[0].Code;
        foreach (var (negative, code) in terms.Skip(1))
        {
            sum = negative ? _dialect.Subtract(sum, code) : _dialect.Add(sum, code);
        }

        return sum;
    }

    /// <summary>A term of a sum as a sign and a magnitude, where its code is not already named.</summary>
    private (bool Negative, Code Code) Signed(Expr term) => term switch
    {
        Number { Value.IsNegative: true } n => (true, _dialect.Number(-n.Value.ToDouble())),
        Product { Factors: [Number { Value.IsNegative: true }, ..] } p when !_named.Contains(p) => (true, ProductOf(p, negate: true)),
        _ => (false, _codes[term]),
    };

    /// <summary>A product as numerator / denominator (factors with a negative constant exponent divide), its coefficient first.</summary>
    private Code ProductOf(Product p, bool negate)
    {
        var numerator = new List<Code>();
        var denominator = new List<Code>();
        var negative = negate;
        foreach (var factor in p.Factors)
        {
            switch (factor)
            {
                case Number n:
                    negative ^= n.Value.IsNegative;
                    var magnitude = Math.Abs(n.Value.ToDouble());
                    if (magnitude != 1)
                    {
                        numerator.Add(_dialect.Number(magnitude));
                    }

                    break;
                case Power { Exponent: Number { Value: { IsNegative: true } q } } power when !_named.Contains(power):
                    denominator.Add(PowerOf(_codes[power.Base], -q));
                    break;
                default:
                    numerator.Add(_codes[factor]);
                    break;
            }
        }

        var product = numerator.Count == 0 ? _dialect.Number(1) : numerator[0];
        foreach (var factor in numerator.Skip(1))
        {
            product = _dialect.Multiply(product, factor);
        }

        foreach (var divisor in denominator)
        {
            product = _dialect.Divide(product, divisor);
        }

        return negative ? _dialect.Negate(product) : product;
    }

    /// <summary>u^q for an exact exponent: an integer power, a square root, a real odd root, or (for an even root) a power that is NaN below 0.</summary>
    private Code PowerOf(Code u, Numbers.Rational q)
    {
        if (q.IsOne)
        {
            return u;
        }

        if (q.IsInteger && q.Numerator >= -64 && q.Numerator <= 64)
        {
            return _dialect.IntegerPower(u, (int)q.Numerator);
        }

        if (q == Numbers.Rational.Half)
        {
            return _dialect.Sqrt(u);
        }

        if (q == -Numbers.Rational.Half)
        {
            return _dialect.Divide(_dialect.Number(1), _dialect.Sqrt(u));
        }

        return q.Denominator.IsEven ? _dialect.Power(u, _dialect.Number(q.ToDouble())) : _dialect.OddRoot(u, q.ToDouble(), q.Numerator.IsEven);
    }

    private ExportInput Input(string name) =>
        _inputs.TryGetValue(name, out var input) ? input : throw new InvalidOperationException($"The variable {name} is not among the exported function's inputs.");

    /// <summary>A size: a number where concrete, else read at run time from a variable that has it.</summary>
    private Code SizeOf(Dim d, Expr e) =>
        d.IsConcrete ? _dialect.Integer(d.Size)
        : _sizes.TryGetValue(d, out var source) ? _dialect.Size(source.Local, source.Axis)
        : throw Unsupported($"The size {d} of {TextPrinter.Print(e)} is fixed by no variable's value, so the exported function could not know it; give the size as a number.");

    private static CalcException Unsupported(string detail) =>
        new(new CalcError(ErrorKind.Unsupported, "Cannot export this expression", detail));
}
