using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;
using CalcApi.Domain.Syntax;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace CalcApi.Fuzz.Tests.Properties;

/// <summary>
/// The parser and every front-door call of the engine, on well-formed, wild and mutated text: no
/// exception, no hang, every error well formed, every number in an answer finite.
/// </summary>
public class EngineProperties(ITestOutputHelper output)
{
    [Fact]
    public void The_parser_never_throws_or_hangs_and_its_errors_point_inside_the_text() =>
        Gen.Frequency((2, ExpressionGen.Any), (3, MutationGen.Any)).Sample(text => KnownBugs.Tolerate(() =>
        {
            var parsed = Harness.Call("Parser.Parse", _ => Parser.Parse(text, Harness.Limits));
            Harness.AssertWellFormed(parsed, text);
        }), writeLine: output.WriteLine, time: Harness.Seconds(3), threads: Harness.Threads, print: MutationGen.Show);

    [Fact]
    public void The_engine_never_throws_or_hangs_on_well_formed_expressions() =>
        EngineCases(ExpressionGen.Any).Sample(c => KnownBugs.Tolerate(c.Run), writeLine: output.WriteLine, time: Harness.Seconds(4), threads: Harness.Threads, print: c => c.ToString());

    [Fact]
    public void The_engine_never_throws_or_hangs_on_mutated_expressions() =>
        EngineCases(MutationGen.Any).Sample(c => KnownBugs.Tolerate(c.Run), writeLine: output.WriteLine, time: Harness.Seconds(4), threads: Harness.Threads, print: c => c.ToString());

    private static Gen<EngineCase> EngineCases(Gen<string> texts) =>
        Gen.Select(texts, Gen.Int[0, EngineCase.Calls - 1], Gen.Int[-1, 11], Gen.Int[0, 4], PointGen.Scalar, PointGen.Typed, Gen.Int[0, 3],
            (text, call, order, variable, scalarPoint, typedPoint, flavour) =>
                new EngineCase(text, call, order, variable, flavour % 2 == 0 ? scalarPoint : null, typedPoint, flavour));
}

/// <summary>One call of the engine's front door, chosen and parameterised at random.</summary>
/// <param name="Flavour">0–3: picks among optional arguments (with or without a point, declarations, wrt, the optimiser).</param>
public sealed record EngineCase(string Text, int Call, int Order, int VariableIndex, Dictionary<string, Value>? ScalarPoint, Dictionary<string, Value> TypedPoint, int Flavour)
{
    public const int Calls = 7;

    private static readonly string?[] VariableChoices = [null, "x", "y", "W", "x y"];

    public string? Variable => VariableChoices[VariableIndex];

    public string CallName => Call switch
    {
        0 => "Calculus.Read",
        1 or 2 => "Calculus.Differentiate",
        3 => "Calculus.Gradient",
        4 => "Calculus.MatrixGradient",
        5 => "Calculus.Optimize",
        _ => "Calculus.Landscape",
    };

    /// <summary>Runs the call under the guard and checks what came back.</summary>
    public void Run()
    {
        var limits = Harness.Limits;
        switch (Call)
        {
            case 0:
                Harness.AssertWellFormed(Harness.Call(CallName, _ => Calculus.Read(Text, limits)), Text);
                break;
            case 1 or 2:
                {
                    var order = Call == 1 ? Math.Clamp(Order, 1, 3) : Order;
                    var answer = Harness.Call(CallName, t => Calculus.Differentiate(new DerivativeQuery(Text, Variable, order, ScalarPoint), limits, t));
                    Harness.AssertWellFormed(answer, Text);
                    if (answer.IsSuccess)
                    {
                        AssertRendered(answer.Value.Derivative);
                        Assert.True(answer.Value.Value is null || double.IsFinite(answer.Value.Value.Value), $"a derivative value that is not finite: {answer.Value.Value}");
                    }

                    break;
                }

            case 3:
                {
                    IReadOnlyList<string>? variables = Flavour switch { 0 => null, 1 => ["x", "y"], 2 => ["x"], _ => [] };
                    var answer = Harness.Call(CallName, t => Calculus.Gradient(new GradientQuery(Text, variables, ScalarPoint), limits, t));
                    Harness.AssertWellFormed(answer, Text);
                    if (answer.IsSuccess)
                    {
                        foreach (var component in answer.Value.Components)
                        {
                            AssertRendered(component.Derivative);
                            Assert.True(component.Value is null || double.IsFinite(component.Value.Value), $"a gradient value that is not finite: {component.Value}");
                        }
                    }

                    break;
                }

            case 4:
                {
                    IReadOnlyDictionary<string, VariableDeclaration>? declarations = Flavour switch
                    {
                        0 => null,
                        1 => new Dictionary<string, VariableDeclaration> { ["W"] = VariableDeclaration.Matrix(symmetric: true) },
                        2 => new Dictionary<string, VariableDeclaration> { ["a"] = VariableDeclaration.Vector(), ["W"] = VariableDeclaration.Matrix() },
                        _ => new Dictionary<string, VariableDeclaration> { ["W"] = VariableDeclaration.Matrix(CalcApi.Domain.Shapes.Dim.Symbolic("n"), CalcApi.Domain.Shapes.Dim.Symbolic("n")) },
                    };
                    IReadOnlyList<string>? wrt = Order switch { < 3 => null, < 6 => ["W"], < 9 => ["a", "x"], _ => ["q"] };
                    var at = Flavour is 1 or 3 ? null : TypedPoint;
                    var answer = Harness.Call(CallName, t => Calculus.MatrixGradient(new MatrixGradientQuery(Text, declarations, wrt, at), limits, t));
                    Harness.AssertWellFormed(answer, Text);
                    if (answer.IsSuccess)
                    {
                        foreach (var g in answer.Value.Gradients)
                        {
                            AssertRendered(g.Gradient);
                            Assert.True(g.Value is null || Finite(g.Value), $"a gradient value that is not finite: {g.Value}");
                        }
                    }

                    break;
                }

            case 5:
                {
                    var (initial, constants) = Split();
                    var settings = new OptimizerSettings((OptimizerMethod)(Flavour % 4), 0.01, LineSearch: Order % 2 == 0 ? LineSearch.None : LineSearch.Armijo);
                    var query = new OptimizationQuery(Text, null, constants, initial, settings, MaxIterations: Math.Clamp(Order * 20, -5, 200), HistoryPoints: 20,
                        TimeLimit: TimeSpan.FromSeconds(1));
                    var answer = Harness.Call(CallName, t => Calculus.Optimize(query, limits, t));
                    Harness.AssertWellFormed(answer, Text);
                    if (answer.IsSuccess)
                    {
                        Assert.True(answer.Value.History.Count <= 20, $"a history of {answer.Value.History.Count} points; historyPoints was 20");
                        foreach (var (name, g) in answer.Value.Gradient)
                        {
                            AssertRendered(g);
                        }
                    }

                    break;
                }

            default:
                {
                    var (initial, constants) = Split();
                    var query = new LandscapeQuery(Text, null, constants, initial, (-1, 1), (-2, 2), Math.Clamp(Order, 1, 8));
                    var answer = Harness.Call(CallName, t => Calculus.Landscape(query, limits, t));
                    Harness.AssertWellFormed(answer, Text);
                    if (answer.IsSuccess)
                    {
                        Assert.Equal(answer.Value.Xs.Length, answer.Value.Values.Length);
                        Assert.True(answer.Value.Values.All(row => row.All(v => v is null || double.IsFinite(v.Value))), "a landscape value that is not finite");
                    }

                    break;
                }
        }
    }

    /// <summary>Which names are optimised and which are held: x (and y) for scalar losses, W or a for typed ones.</summary>
    private (Dictionary<string, Value> Initial, Dictionary<string, Value> Constants) Split()
    {
        var all = new Dictionary<string, Value>(TypedPoint, StringComparer.Ordinal) { ["y"] = ScalarPoint?.GetValueOrDefault("y") ?? 0.5 };
        string[] optimised = Flavour switch { 0 => ["x", "y"], 1 => ["W"], 2 => ["a"], _ => ["x"] };
        return (all.Where(p => optimised.Contains(p.Key)).ToDictionary(), all.Where(p => !optimised.Contains(p.Key)).ToDictionary());
    }

    private static bool Finite(Value v) => v.IsScalar ? double.IsFinite(v.Scalar) : v.Matrix!.Enumerate().All(double.IsFinite);

    private static void AssertRendered(Rendered r)
    {
        Assert.False(string.IsNullOrWhiteSpace(r.Text), "an empty result text");
        Assert.False(string.IsNullOrWhiteSpace(r.Latex), $"an empty LaTeX form of {r.Text}");
        Assert.False(string.IsNullOrWhiteSpace(r.MathML), $"an empty MathML form of {r.Text}");
    }

    public override string ToString() =>
        $"{CallName}(\"{MutationGen.Show(Text)}\", variable {Variable ?? "null"}, order {Order}, flavour {Flavour}, at {(ScalarPoint is null ? "null" : Numeric.Show(ScalarPoint))}; typed point {Numeric.Show(TypedPoint)})";
}
