using CalcApi.Domain.Binding;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;

namespace CalcApi.Domain.Tests.Expressions;

/// <summary>
/// Multiplying factors into a large product merges them into its order instead of sorting everything again (the chain
/// rule's hot path): the factors must come out in the strictly increasing canonical order a full sort gives, whatever the
/// factors and however they meet the product's own (a like base merged, a factor cancelled, a power that rewrites its base).
/// </summary>
public class ProductMergeTests
{
    private static readonly string[] Atoms =
    [
        "x", "y", "x^2", "y^-1", "sin(x)", "cos(x)", "exp(x)", "exp(-x)", "x + 1", "(x + 1)^-2", "sqrt(x)", "log(y)", "cos(sin(x))",
        "sin(sin(x))", "abs(x)", "abs(x)^2", "3", "1/2", "x^-1", "tanh(y)", "(y - 2)", "sqrt(x)^3", "pi", "e^x", "x^y",
    ];

    private static Expr Read(string text) =>
        Calculus.Read(text, EngineLimits.Default, new Dictionary<string, VariableDeclaration>()).Value.Expression;

    [Fact]
    public void Merging_into_a_large_product_gives_the_form_a_full_sort_gives()
    {
        var atoms = Atoms.Select(Read).ToArray();
        var random = new Random(20261129);
        var merged = 0;
        for (var trial = 0; trial < 2_000; trial++)
        {
            var inProduct = Enumerable.Range(0, 8 + random.Next(10)).Select(_ => atoms[random.Next(atoms.Length)]).ToArray();
            var product = Algebra.Mul(inProduct);
            var extra = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => atoms[random.Next(atoms.Length)]).ToArray();

            var viaMerge = Algebra.Mul([.. extra, product]);

            // Collecting is the same either way; only the order is merged rather than sorted, and a full sort would give
            // the factors in strictly increasing canonical order (distinct bases never compare equal).
            if (viaMerge is Product p)
            {
                var factors = p.Factors.Where(f => f is not Number).ToArray();
                for (var i = 0; i + 1 < factors.Length; i++)
                {
                    Assert.True(Order.Instance.Compare(factors[i], factors[i + 1]) < 0,
                        $"{TextPrinter.Print(product)} times {string.Join(", ", extra.Select(e => TextPrinter.Print(e)))} gives {TextPrinter.Print(viaMerge)}, whose factors {TextPrinter.Print(factors[i])} and {TextPrinter.Print(factors[i + 1])} are out of order");
                }
            }

            // And it reads back as itself, as every canonical form does.
            Assert.Equal(viaMerge, Read(TextPrinter.Print(viaMerge)));
            merged += product is Product { Factors.Length: >= 8 } ? 1 : 0;
        }

        Assert.True(merged > 500, $"only {merged} trials went through the merge");
    }
}
