namespace CalcApi.Domain.Export;

/// <summary>
/// A piece of target-language code: its text, how tightly it binds (<see cref="Precedence"/>), whether its value is
/// a scalar (a double) or an array (a 2-D array; vectors are n×1), and how deeply it nests (a bound that keeps lines short).
/// </summary>
/// <param name="Literal">Whether the code is made of literals only (2.0, pi): a Python float rather than an array or tensor.</param>
internal readonly record struct Code(string Text, int Precedence, bool Scalar, int Depth = 0, bool Literal = false)
{
    /// <summary>The text as an operand that must bind at least as tightly as <paramref name="minimum"/>.</summary>
    public string At(int minimum) => Precedence >= minimum ? Text : $"({Text})";
}

/// <summary>Operator precedence, shared by the languages (each maps its own operators onto these levels).</summary>
internal static class Precedence
{
    public const int Sum = 1;
    public const int Product = 2;
    public const int Unary = 3;
    public const int Power = 4;
    public const int Atom = 5;
}
