namespace CalcApi.Domain.Expressions;

/// <summary>The scalar functions of the language, in alphabetical order (the canonical order uses it).</summary>
public enum Function
{
    Abs,
    Acos,
    Asin,
    Atan,
    Cos,
    Cosh,
    Exp,
    Log,
    Log1p,
    Sigmoid,
    Sin,
    Sinh,
    Softplus,
    Tan,
    Tanh,
}

/// <summary>Names of the scalar functions as the language spells them.</summary>
public static class FunctionNames
{
    private static readonly Dictionary<string, Function> ByName = new(StringComparer.Ordinal)
    {
        ["abs"] = Function.Abs,
        ["acos"] = Function.Acos,
        ["asin"] = Function.Asin,
        ["atan"] = Function.Atan,
        ["cos"] = Function.Cos,
        ["cosh"] = Function.Cosh,
        ["exp"] = Function.Exp,
        ["log"] = Function.Log,
        ["ln"] = Function.Log,
        ["log1p"] = Function.Log1p,
        ["sigmoid"] = Function.Sigmoid,
        ["sin"] = Function.Sin,
        ["sinh"] = Function.Sinh,
        ["softplus"] = Function.Softplus,
        ["tan"] = Function.Tan,
        ["tanh"] = Function.Tanh,
    };

    /// <summary>Every function name the language knows, scalar and matrix, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } =
        [.. ByName.Keys, "sqrt", "tr", "det", "logdet", "inv", "sum", "norm", "diag", "transpose", "ones", "zeros"];

    public static bool TryGet(string name, out Function function) => ByName.TryGetValue(name, out function);

    public static string Name(Function function, bool spelledLn = false) => function switch
    {
        Function.Log => spelledLn ? "ln" : "log",
        _ => function.ToString().ToLowerInvariant(),
    };
}
