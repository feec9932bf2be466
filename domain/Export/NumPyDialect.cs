using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Export;

/// <summary>NumPy: scalars are numpy.float64 (so 1/0 is inf, not an exception), vectors n×1 arrays, matrices 2-D arrays.</summary>
internal sealed class NumPyDialect : PythonDialect
{
    protected override string Module => "np";

    protected override string Requirement => "NumPy (pip install numpy, or apt-get install python3-numpy)";

    protected override string Imports => "import numpy as np";

    public override Code Constant(ConstantKind kind) => new(kind == ConstantKind.Pi ? "np.pi" : "np.e", Precedence.Atom, true, Literal: true);

    public override Code Call(Function function, Code u) => function switch
    {
        Expressions.Function.Sin => Function("sin", u),
        Expressions.Function.Cos => Function("cos", u),
        Expressions.Function.Tan => Function("tan", u),
        Expressions.Function.Sec => Reciprocal("cos", u),
        Expressions.Function.Csc => Reciprocal("sin", u),
        Expressions.Function.Cot => Reciprocal("tan", u),
        Expressions.Function.Asin => Function("arcsin", u),
        Expressions.Function.Acos => Function("arccos", u),
        Expressions.Function.Atan => Function("arctan", u),
        Expressions.Function.Sinh => Function("sinh", u),
        Expressions.Function.Cosh => Function("cosh", u),
        Expressions.Function.Tanh => Function("tanh", u),
        Expressions.Function.Asinh => Function("arcsinh", u),
        Expressions.Function.Acosh => Function("arccosh", u),
        Expressions.Function.Atanh => Function("arctanh", u),
        Expressions.Function.Exp => Function("exp", u),
        Expressions.Function.Log => Function("log", u),
        Expressions.Function.Log1p => Function("log1p", u),
        Expressions.Function.Sigmoid => Helper("_sigmoid", u, u.Scalar),
        Expressions.Function.Softplus => Op($"np.logaddexp(0.0, {u.Text})", Precedence.Atom, u.Scalar, u),
        Expressions.Function.Abs => Function("abs", u),
        Expressions.Function.Erf => Helper("_erf", u, u.Scalar),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "A function with no NumPy form."),
    };

    public override Code Matrix(MatrixFunction function, Code a) => function switch
    {
        MatrixFunction.Trace => Function("trace", a) with { Scalar = true },
        MatrixFunction.Det => Op($"np.linalg.det({a.Text})", Precedence.Atom, true, a),
        MatrixFunction.LogDet => Helper("_logdet", a, true),
        MatrixFunction.Inverse => Op($"np.linalg.inv({a.Text})", Precedence.Atom, false, a),
        MatrixFunction.SumAll => Function("sum", a) with { Scalar = true },
        MatrixFunction.Norm => Op($"np.linalg.norm({a.Text})", Precedence.Atom, true, a),
        MatrixFunction.DiagMatrix => Function("diagflat", a),
        MatrixFunction.DiagVector => Op($"np.diag({a.Text}).reshape(-1, 1)", Precedence.Atom, false, a),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "A matrix function with no NumPy form."),
    };

    public override Code Filled(Fill fill, Code rows, Code cols) => fill switch
    {
        Fill.Identity => new($"np.eye({rows.Text})", Precedence.Atom, false),
        Fill.Ones => new($"np.ones(({rows.Text}, {cols.Text}))", Precedence.Atom, false),
        _ => new($"np.zeros(({rows.Text}, {cols.Text}))", Precedence.Atom, false),
    };

    protected override string Helpers => """"
def _scalar(values, name):
    entries = np.asarray(values[name], dtype=float).reshape(-1)
    if entries.size != 1:
        raise ValueError(f"{name} must be a number")
    return entries[0]


def _vector(values, name):
    """A vector as an n×1 column (vectors are columns; a' is a row)."""
    vector = np.asarray(values[name], dtype=float)
    if vector.ndim > 2 or vector.ndim == 2 and vector.shape[1] != 1:
        raise ValueError(f"{name} must be a vector (a list of numbers)")
    return vector.reshape(-1, 1)


def _matrix(values, name):
    matrix = np.asarray(values[name], dtype=float)
    if matrix.ndim != 2:
        raise ValueError(f"{name} must be a matrix (a list of rows)")
    return matrix


def _shaped(gradient, like):
    """A gradient in the form its variable was given in (n numbers for a vector given as n numbers)."""
    return np.asarray(gradient, dtype=float).reshape(np.shape(like))


def _sigmoid(u):
    """1 / (1 + exp(-u)), without overflow for either sign."""
    return np.exp(-np.logaddexp(0.0, -u))


def _erf(u):
    return np.vectorize(math.erf, otypes=[float])(u) if np.ndim(u) else np.float64(math.erf(u))


def _logdet(matrix):
    """log det X, defined where det X > 0 (NaN elsewhere, like the log of a non-positive number)."""
    sign, logabs = np.linalg.slogdet(matrix)
    return logabs if sign > 0 else np.float64(np.nan)


# What a point outside the domain raises (a singular matrix in inv); NaN and inf are checked separately.
_UNDEFINED = (ArithmeticError, ValueError, np.linalg.LinAlgError)


def _quiet():
    """NaN and inf are how NumPy says a point is outside the domain; the check looks at them, so no warnings."""
    return np.errstate(all="ignore")
"""";
}
