using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Tests.Expressions;

/// <summary>
/// A matrix product whose factors cancel entirely (inv(A)*A) is the identity of A's size, not the number 1: once it was 1,
/// and tr(inv(W)*W) read as 1 and d/dx logdet(x*W) = tr(inv(x*W)*W) came out 1/x instead of n/x.
/// </summary>
public class InverseCancellationTests
{
    private static readonly Dictionary<string, VariableDeclaration> Square = new()
    {
        ["W"] = VariableDeclaration.Matrix(Dim.Of(3), Dim.Of(3)),
        ["x"] = VariableDeclaration.Scalar,
    };

    private static string Read(string text) => TextPrinter.Print(Calculus.Read(text, EngineLimits.Default, Square).Value.Expression);

    [Theory]
    [InlineData("tr(inv(W)*W)", "3")]
    [InlineData("tr(W*inv(W))", "3")]
    [InlineData("tr(inv(W)'*W')", "3")]
    [InlineData("tr(x*inv(W)*W)", "3*x")]
    public void A_cancelled_inverse_leaves_the_identity_of_its_size(string text, string printed) =>
        Assert.Equal(printed, Read(text));

    [Fact]
    public void A_scalar_times_a_cancelled_product_is_still_a_matrix()
    {
        var e = Calculus.Read("x*inv(W)*W", EngineLimits.Default, Square).Value.Expression;

        Assert.Equal(new Shape(Dim.Of(3), Dim.Of(3)), e.Shape);
    }

    [Theory]
    [InlineData("logdet(x*W)", "3/x")]
    [InlineData("logdet(cosh(x)*W')", "3*sinh(x)/cosh(x)")]
    [InlineData("tr(inv(x*W)*W)", "-3/x^2")]
    public void The_derivative_by_a_scalar_through_a_matrix_function_counts_the_size(string text, string derivative)
    {
        var f = Calculus.Read(text, EngineLimits.Default, Square).Value.Expression;

        Assert.Equal(derivative, TextPrinter.Print(Differentiator.Differentiate(f, "x")));
    }
}
