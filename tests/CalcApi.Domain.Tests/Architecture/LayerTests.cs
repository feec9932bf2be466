using CalcApi.Domain.Engine;
using NetArchTest.Rules;

namespace CalcApi.Domain.Tests.Architecture;

/// <summary>
/// The engine's layers, enforced: text is read (Syntax), bound to expressions (Binding) over the algebra
/// (Expressions, Shapes, Errors), which is differentiated and simplified, then printed, evaluated or compiled,
/// optimised, and all of it is offered through one front door (Engine). Each layer may use the ones before
/// it and none after it, so a change in a later layer never reaches back into the algebra.
/// </summary>
public class LayerTests
{
    private const string Root = "CalcApi.Domain";

    /// <summary>Each layer, and the layers it must not use (its namespace and those that come after it).</summary>
    public static TheoryData<string, string[]> Layers { get; } = new()
    {
        { "Errors", ["Syntax", "Binding", "Expressions", "Differentiation", "Simplification", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Shapes", ["Syntax", "Binding", "Expressions", "Differentiation", "Simplification", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Syntax", ["Binding", "Expressions", "Differentiation", "Simplification", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Expressions", ["Syntax", "Binding", "Differentiation", "Simplification", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Binding", ["Differentiation", "Simplification", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Simplification", ["Syntax", "Binding", "Differentiation", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Differentiation", ["Syntax", "Binding", "Printing", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Printing", ["Syntax", "Binding", "Differentiation", "Evaluation", "Compilation", "Optimization", "Engine"] },
        { "Evaluation", ["Syntax", "Binding", "Differentiation", "Compilation", "Optimization", "Engine"] },
        { "Compilation", ["Syntax", "Binding", "Differentiation", "Printing", "Optimization", "Engine"] },
        { "Optimization", ["Syntax", "Printing", "Engine"] },
        { "Checking", ["Syntax", "Compilation", "Optimization", "Engine"] },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void A_layer_uses_no_layer_that_comes_after_it(string layer, string[] later)
    {
        var result = Types.InAssembly(typeof(Calculus).Assembly)
            .That().ResideInNamespace($"{Root}.{layer}")
            .ShouldNot().HaveDependencyOnAny([.. later.Select(l => $"{Root}.{l}")])
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"{layer} uses a later layer in: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_engine_knows_nothing_of_the_web()
    {
        var result = Types.InAssembly(typeof(Calculus).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "System.Net.Http")
            .GetResult();

        Assert.True(result.IsSuccessful, $"These types use the web: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void No_message_of_the_engine_names_a_route()
    {
        var source = Path.Combine(RepositoryRoot(), "domain");
        var offenders = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("/api/", StringComparison.Ordinal))
            .ToList();

        Assert.True(offenders.Count == 0, $"These files name a route: {string.Join(", ", offenders)}");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CalcApi.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (CalcApi.sln) is not above the test's directory.");
    }
}
