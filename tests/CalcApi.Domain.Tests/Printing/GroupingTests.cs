using CalcApi.Domain.Binding;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Tests.Printing;

/// <summary>
/// Parentheses are decided once, in the visual form: the three printers bracket the same places, except
/// where a layout delimits a place by itself (a stacked fraction, a raised exponent, inv(...) in text).
/// </summary>
public class GroupingTests
{
    private static readonly Dictionary<string, VariableDeclaration> Declarations = new()
    {
        ["v"] = VariableDeclaration.Vector(),
        ["w"] = VariableDeclaration.Vector(),
        ["A"] = VariableDeclaration.Matrix(),
        ["B"] = VariableDeclaration.Matrix(),
    };

    [Theory]
    [InlineData("sqrt(v)'*B", "sqrt(v)'*B", @"\sqrt{v}^\top B", 0)]
    [InlineData("(x + 1)*y", "y*(x + 1)", @"y \left(x + 1\right)", 1)]
    [InlineData("(x + 1)/(y + 2)", "(x + 1)/(y + 2)", @"\frac{x + 1}{y + 2}", 0)]
    [InlineData("x^(y + 1)", "x^(y + 1)", "x^{y + 1}", 0)]
    [InlineData("(x + y)^3", "(x + y)^3", @"\left(x + y\right)^{3}", 1)]
    [InlineData("inv(A*B)'", "inv(A*B)'", @"\left(A B\right)^{-\top}", 1)]
    [InlineData("inv(A + B)", "inv(A + B)", @"\left(A + B\right)^{-1}", 1)]
    [InlineData("2*(v'*A*w)*x", "2*x*v'*A*w", @"2 x v^\top A w", 0)]
    public void The_three_printers_bracket_the_same_places(string input, string text, string latex, int mathmlGroups)
    {
        var e = Calculus.Read(input, EngineLimits.Default, Declarations).Value.Expression;
        Assert.Equal(text, TextPrinter.Print(e));
        Assert.Equal(latex, LatexPrinter.Print(e));
        var mathml = MathMLPrinter.Print(e);
        Assert.Equal(mathmlGroups, mathml.Split("<mo>(</mo>").Length - 1 - Count(mathml, "&#x2061;"));
    }

    /// <summary>Function applications bring their own brackets in MathML; each has one function-application operator.</summary>
    private static int Count(string s, string part) => s.Split(part).Length - 1;
}
