using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Tests.Optimization;

/// <summary>L-BFGS: the two-loop direction with a strong-Wolfe line search, on the same compiled program as the first-order methods.</summary>
public class LbfgsTests
{
    private static OptimizationQuery Rosenbrock(OptimizerSettings settings, double tolerance) =>
        new("(1 - x)^2 + 100*(y - x^2)^2", null, null, new Dictionary<string, Value> { ["x"] = -1.2, ["y"] = 1.0 }, settings, 1000, tolerance);

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1e-10)]
    public void Rosenbrock_from_the_classic_start_converges_in_under_60_iterations(double tolerance)
    {
        var result = Calculus.Optimize(Rosenbrock(new OptimizerSettings(OptimizerMethod.Lbfgs), tolerance), EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.InRange(result.Iterations, 1, 59);
        Assert.Equal(1.0, result.Solution["x"].Scalar, 1e-5);
        Assert.Equal(1.0, result.Solution["y"].Scalar, 1e-5);
    }

    [Fact]
    public void Memory_one_still_converges_on_rosenbrock()
    {
        var result = Calculus.Optimize(Rosenbrock(new OptimizerSettings(OptimizerMethod.Lbfgs, Memory: 1), 1e-8), EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.Equal(1.0, result.Solution["x"].Scalar, 1e-6);
    }

    [Fact]
    public void A_quadratic_in_n_unknowns_is_solved_in_about_n_steps()
    {
        // On a quadratic with exact line searches BFGS terminates in n steps; Wolfe searches come close.
        var constants = new Dictionary<string, Value>
        {
            ["M"] = Value.FromRows([[4, 1, 0, 0], [1, 3, 1, 0], [0, 1, 2, 0.5], [0, 0, 0.5, 1]]),
            ["a"] = Value.Vector([1.0, -2.0, 0.5, 3.0]),
        };
        var query = new OptimizationQuery("x'*M*x + a'*x", null, constants, new Dictionary<string, Value> { ["x"] = Value.Vector([0.0, 0.0, 0.0, 0.0]) },
            new OptimizerSettings(OptimizerMethod.Lbfgs), 1000, 1e-10);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.InRange(result.Iterations, 1, 12);
        // The minimiser solves 2 M x = -a.
        var m = constants["M"].Matrix!;
        var expected = (2 * m).Solve(constants["a"].Matrix!.Column(0) * -1);
        var x = result.Solution["x"].Matrix!;
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], x[i, 0], 1e-9);
        }
    }

    [Theory]
    [InlineData(OptimizerMethod.Lbfgs)]
    [InlineData(OptimizerMethod.Gd)]
    public void A_symmetric_variable_stays_symmetric_as_with_gradient_descent(OptimizerMethod method)
    {
        var declarations = new Dictionary<string, Binding.VariableDeclaration>
        {
            ["S"] = Binding.VariableDeclaration.Matrix(symmetric: true),
            ["B"] = Binding.VariableDeclaration.Matrix(),
        };
        var query = new OptimizationQuery("tr((S - B)'*(S - B)) + tr(S*S*S*S)/10", declarations,
            new Dictionary<string, Value> { ["B"] = Value.FromRows([[1, 2], [0, 3]]) },
            new Dictionary<string, Value> { ["S"] = Value.FromRows([[0.5, 0.1], [0.1, 0.2]]) },
            new OptimizerSettings(method, 0.05), 10_000, 1e-9);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        var s = result.Solution["S"].Matrix!;
        // Symmetric up to rounding: the step along sym(G) is vectorised, with fused multiply-adds in some lanes only.
        Assert.Equal(s[0, 1], s[1, 0], 1e-15 * Math.Abs(s[0, 1]) * 4);
    }

    /// <summary>The playground's other presets, and a loss whose domain the line search must respect (a trial at x &lt; 0 counts as too far).</summary>
    public static TheoryData<string, string> Problems => new()
    {
        { "(a'*W*b - c)^2", """{ "a": [1, 2], "b": [3, -1, 0.5], "c": 1.5 }|{ "W": [[0, 0, 0], [0, 0, 0]] }""" },
        { "norm(A*w - b)^2", """{ "A": [[1, 0.5], [1, 1.5], [1, 2.5], [1, 3.5], [1, 4.5]], "b": [1.1, 1.9, 3.2, 3.9, 5.1] }|{ "w": [0, 0] }""" },
        { "sum(log(1 + exp(-y .* (X*w))))", """{ "X": [[1, 2], [2, 0.5], [-1, -1.5], [-1.5, 0.5], [0.5, -1], [-1, -0.5]], "y": [1, 1, -1, -1, 1, 1] }|{ "w": [0, 0] }""" },
        { "x - log(x)", """{}|{ "x": 10 }""" },
        { "x - log(x)", """{}|{ "x": 0.001 }""" },
    };

    [Theory]
    [MemberData(nameof(Problems))]
    public void Lbfgs_converges_on_the_other_presets_and_inside_a_domain(string loss, string values)
    {
        var parts = values.Split('|');
        var query = new OptimizationQuery(loss, null, Json(parts[0]), Json(parts[1])!, new OptimizerSettings(OptimizerMethod.Lbfgs), 1000, 1e-9);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.Equal(StopReason.Tolerance, result.StopReason);
        Assert.InRange(result.Iterations, 1, 100);
    }

    private static Dictionary<string, Value>? Json(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value switch
        {
            { ValueKind: System.Text.Json.JsonValueKind.Number } n => (Value)n.GetDouble(),
            { ValueKind: System.Text.Json.JsonValueKind.Array } a when a[0].ValueKind == System.Text.Json.JsonValueKind.Array =>
                Value.FromRows([.. a.EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray())]),
            var a => Value.Vector([.. a.EnumerateArray().Select(e => e.GetDouble())]),
        });
}
