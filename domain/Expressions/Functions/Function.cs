namespace CalcApi.Domain.Expressions;

/// <summary>
/// The scalar functions of the language, in alphabetical order of their names (the canonical order of
/// terms uses it). Everything else about a function lives in its <see cref="FunctionCatalog"/> entry.
/// </summary>
public enum Function
{
    Abs,
    Acos,
    Acosh,
    Asin,
    Asinh,
    Atan,
    Atanh,
    Cos,
    Cosh,
    Cot,
    Csc,
    Erf,
    Exp,
    Log,
    Log1p,
    Sec,
    Sigmoid,
    Sin,
    Sinh,
    Softplus,
    Tan,
    Tanh,
}
