using CalcApi.Domain.Binding;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Tests.Expressions;

/// <summary>
/// The smart constructors take shortcuts for the calls depth makes most (one factor into a canonical product, a few
/// factors with distinct bases, a sum of numbers): each must build the very expression the general collection builds,
/// factors in the same order, numbers folded the same way, whatever the factors are.
/// </summary>
public class ConstructorShortcutTests
{
    private static readonly string[] Atoms =
    [
        "x", "y", "x^2", "y^-1", "sin(x)", "cos(x)", "exp(x)", "exp(-x)", "x + 1", "(x + 1)^-2", "sqrt(x)", "log(y)", "cos(sin(x))",
        "sin(sin(x))", "abs(x)", "abs(x)^2", "3", "1/2", "-1", "0", "x^-1", "tanh(y)", "(y - 2)", "sqrt(x)^3", "pi", "e^x", "x^y", "2^(1/2)",
    ];

    private static Expr Read(string text) =>
        Calculus.Read(text, EngineLimits.Default, new Dictionary<string, VariableDeclaration>()).Value.Expression;

    /// <summary>
    /// The factors multiplied with four ones beside them: more factors than a shortcut takes and no product among them,
    /// so the general collection builds it (the ones fold away).
    /// </summary>
    private static Expr Generally(IEnumerable<Expr> factors) => Algebra.Mul([.. factors, Algebra.One, Algebra.One, Algebra.One, Algebra.One]);

    [Fact]
    public void One_factor_multiplied_into_a_product_is_the_product_of_its_factors_and_that_one_at_once()
    {
        var atoms = Atoms.Select(Read).ToArray();
        var random = new Random(20261129);
        var shortcuts = 0;
        for (var trial = 0; trial < 3_000; trial++)
        {
            var inProduct = Enumerable.Range(0, 2 + random.Next(12)).Select(_ => atoms[random.Next(atoms.Length)]).ToArray();
            var product = Algebra.Mul(inProduct);
            var factor = atoms[random.Next(atoms.Length)];

            var oneAtATime = random.Next(2) == 0 ? Algebra.Mul(factor, product) : Algebra.Mul(product, factor);
            // Against the product's own factors: multiplying the atoms in another grouping may collect them differently
            // (abs(x)^2 is x^2 only once they meet), which is the canonical form's business, not the shortcut's.
            var atOnce = Generally([.. product is Product p ? p.Factors : [product], factor]);

            Assert.True(atOnce.Equals(oneAtATime),
                $"{TextPrinter.Print(product)} times {TextPrinter.Print(factor)} gives {TextPrinter.Print(oneAtATime)}, at once {TextPrinter.Print(atOnce)}");
            shortcuts += product is Product ? 1 : 0;
        }

        Assert.True(shortcuts > 1_500, $"only {shortcuts} trials multiplied into a product");
    }

    [Fact]
    public void A_few_factors_multiplied_are_what_the_general_collection_makes_of_them()
    {
        var atoms = Atoms.Select(Read).ToArray();
        var random = new Random(11);
        for (var trial = 0; trial < 3_000; trial++)
        {
            var factors = Enumerable.Range(0, 1 + random.Next(6)).Select(_ => atoms[random.Next(atoms.Length)]).ToArray();

            var few = Algebra.Mul(factors);

            Assert.True(Generally(factors).Equals(few),
                $"{string.Join(" * ", factors.Select(f => TextPrinter.Print(f)))} gives {TextPrinter.Print(few)}, generally {TextPrinter.Print(Generally(factors))}");
        }
    }

    [Theory]
    [InlineData(new[] { 3, -1 }, 2)]
    [InlineData(new[] { 1, -1 }, 0)]
    [InlineData(new[] { 2, 2, 2 }, 6)]
    public void A_sum_of_numbers_is_their_total(int[] numbers, int total) =>
        Assert.Equal(Algebra.Num(total), Algebra.Add([.. numbers.Select(n => (Expr)Algebra.Num(n))]));
}
