using CalcApi.Domain.Printing;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Printing;

public class PrinterTests
{
    [Theory]
    [InlineData("-2*x*sin(x^2)*exp(cos(x^2))", @"-2 x \sin\left(x^{2}\right) e^{\cos\left(x^{2}\right)}")]
    [InlineData("1/(2*sqrt(y))", @"\frac{1}{2 \sqrt{y}}")]
    [InlineData("x^(n - 1)", @"x^{n - 1}")]
    [InlineData("asin(x) + abs(x)", @"\left|x\right| + \arcsin\left(x\right)")]
    [InlineData("sigma*x_1 + w12", @"\sigma x_{1} + w_{12}")]
    [InlineData("pi*r^2", @"\pi r^{2}")]
    [InlineData("2*3^x", @"2 \cdot 3^{x}")]
    [InlineData("ln(x) + log(y)", @"\ln\left(x\right) + \ln\left(y\right)")]
    [InlineData("(x + 1)^2", @"\left(x + 1\right)^{2}")]
    [InlineData("x^(1/3)", @"x^{\frac{1}{3}}")]
    public void LaTeX_is_what_a_teaching_tool_renders(string input, string expected) =>
        Assert.Equal(expected, LatexPrinter.Print(TestEngine.Read(input)));

    [Fact]
    public void MathML_is_presentation_markup_with_fractions_roots_and_function_application()
    {
        var mathml = MathMLPrinter.Print(TestEngine.Read("sin(x)/(2*sqrt(y))"));
        Assert.StartsWith("<math xmlns=\"http://www.w3.org/1998/Math/MathML\">", mathml, StringComparison.Ordinal);
        Assert.Contains("<mfrac>", mathml, StringComparison.Ordinal);
        Assert.Contains("<msqrt><mi>y</mi></msqrt>", mathml, StringComparison.Ordinal);
        Assert.Contains("<mi>sin</mi><mo>&#x2061;</mo>", mathml, StringComparison.Ordinal);
        Assert.EndsWith("</math>", mathml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-(x + 1)")]
    [InlineData("-(x + 1)*y")]
    [InlineData("-(x + 1)/x")]
    [InlineData("(-2)^x")]
    [InlineData("(1/2)^x")]
    [InlineData("x^(y^z)")]
    [InlineData("e^(-x)")]
    [InlineData("1/(2*(x - 1))")]
    [InlineData("a - b*c")]
    [InlineData("2*(x + 1)")]
    public void Printed_text_parses_back_to_the_same_expression(string input)
    {
        var e = TestEngine.Read(input);
        Assert.Equal(e, TestEngine.Read(TextPrinter.Print(e)));
    }
}
