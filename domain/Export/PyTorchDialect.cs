using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Export;

/// <summary>
/// PyTorch: plain float64 tensors (0-d for scalars, n×1 for vectors) and explicit gradient formulas, no autograd.
/// Functions take tensors only, so a literal argument (sin(2)) is made one first.
/// </summary>
internal sealed class PyTorchDialect : PythonDialect
{
    protected override string Module => "torch";

    protected override string Requirement => "PyTorch (pip install torch)";

    protected override string Imports => "import torch";

    protected override string Argument(Code u) => u.Literal ? $"_t({u.Text})" : u.Text;

    public override Code Constant(ConstantKind kind) => new(kind == ConstantKind.Pi ? "math.pi" : "math.e", Precedence.Atom, true, Literal: true);

    public override Code Call(Function function, Code u) => function switch
    {
        Expressions.Function.Sin => Function("sin", u),
        Expressions.Function.Cos => Function("cos", u),
        Expressions.Function.Tan => Function("tan", u),
        Expressions.Function.Sec => Reciprocal("cos", u),
        Expressions.Function.Csc => Reciprocal("sin", u),
        Expressions.Function.Cot => Reciprocal("tan", u),
        Expressions.Function.Asin => Function("asin", u),
        Expressions.Function.Acos => Function("acos", u),
        Expressions.Function.Atan => Function("atan", u),
        Expressions.Function.Sinh => Function("sinh", u),
        Expressions.Function.Cosh => Function("cosh", u),
        Expressions.Function.Tanh => Function("tanh", u),
        Expressions.Function.Asinh => Function("asinh", u),
        Expressions.Function.Acosh => Function("acosh", u),
        Expressions.Function.Atanh => Function("atanh", u),
        Expressions.Function.Exp => Function("exp", u),
        Expressions.Function.Log => Function("log", u),
        Expressions.Function.Log1p => Function("log1p", u),
        Expressions.Function.Sigmoid => Function("sigmoid", u),
        Expressions.Function.Softplus => Helper("_softplus", u, u.Scalar),
        Expressions.Function.Abs => Function("abs", u),
        Expressions.Function.Erf => Op($"torch.special.erf({Argument(u)})", Precedence.Atom, u.Scalar, u),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "A function with no PyTorch form."),
    };

    public override Code Matrix(MatrixFunction function, Code a) => function switch
    {
        MatrixFunction.Trace => Function("trace", a) with { Scalar = true },
        MatrixFunction.Det => Op($"torch.linalg.det({a.Text})", Precedence.Atom, true, a),
        MatrixFunction.LogDet => Helper("_logdet", a, true),
        MatrixFunction.Inverse => Op($"torch.linalg.inv({a.Text})", Precedence.Atom, false, a),
        MatrixFunction.SumAll => Function("sum", a) with { Scalar = true },
        MatrixFunction.Norm => Op($"torch.linalg.norm({a.Text})", Precedence.Atom, true, a),
        MatrixFunction.DiagMatrix => Op($"torch.diag({a.At(Precedence.Atom)}.reshape(-1))", Precedence.Atom, false, a),
        MatrixFunction.DiagVector => Op($"torch.diagonal({a.Text}).reshape(-1, 1)", Precedence.Atom, false, a),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "A matrix function with no PyTorch form."),
    };

    public override Code Filled(Fill fill, Code rows, Code cols) => fill switch
    {
        Fill.Identity => new($"torch.eye({rows.Text}, dtype=torch.float64)", Precedence.Atom, false),
        Fill.Ones => new($"torch.ones(({rows.Text}, {cols.Text}), dtype=torch.float64)", Precedence.Atom, false),
        _ => new($"torch.zeros(({rows.Text}, {cols.Text}), dtype=torch.float64)", Precedence.Atom, false),
    };

    protected override string Helpers => """"
def _t(value):
    return torch.as_tensor(value, dtype=torch.float64)


def _scalar(values, name):
    entries = _t(values[name]).reshape(-1)
    if entries.numel() != 1:
        raise ValueError(f"{name} must be a number")
    return entries[0]


def _vector(values, name):
    """A vector as an n×1 column (vectors are columns; a' is a row)."""
    vector = _t(values[name])
    if vector.dim() > 2 or vector.dim() == 2 and vector.shape[1] != 1:
        raise ValueError(f"{name} must be a vector (a list of numbers)")
    return vector.reshape(-1, 1)


def _matrix(values, name):
    matrix = _t(values[name])
    if matrix.dim() != 2:
        raise ValueError(f"{name} must be a matrix (a list of rows)")
    return matrix


def _shaped(gradient, like):
    """A gradient in the form its variable was given in (n numbers for a vector given as n numbers)."""
    return _t(gradient).reshape(_t(like).shape)


def _softplus(u):
    """log(1 + exp(u)), without overflow."""
    return torch.logaddexp(torch.zeros_like(u), u)


def _logdet(matrix):
    """log det X, defined where det X > 0 (NaN elsewhere, like the log of a non-positive number)."""
    sign, logabs = torch.linalg.slogdet(matrix)
    return torch.where(sign > 0, logabs, torch.full_like(logabs, float("nan")))


# What a point outside the domain raises (a singular matrix in inv); NaN and inf are checked separately.
_UNDEFINED = (ArithmeticError, ValueError, RuntimeError)


def _quiet():
    return torch.no_grad()
"""";
}
