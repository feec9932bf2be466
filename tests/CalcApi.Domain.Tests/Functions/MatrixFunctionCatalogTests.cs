using System.Xml.Linq;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Tests.Matrix;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Functions;

/// <summary>
/// Every matrix function of the catalog through every operation: bind under its name, print three ways and
/// read back, the differential (forward mode, d/dt f(A + tU)) and the adjoint (reverse mode, ∂f/∂A) against
/// central differences, the evaluator, and the compiled program. A failure names the function and the operation.
/// </summary>
public class MatrixFunctionCatalogTests
{
    public static TheoryData<MatrixFunction> Functions { get; } = [.. Enum.GetValues<MatrixFunction>()];

    [Fact]
    public void Every_matrix_function_has_one_entry()
    {
        Assert.All(MatrixFunctionCatalog.All.Select((f, i) => (f, i)), p => Assert.Equal((MatrixFunction)p.i, p.f.Id));
        Assert.All(MatrixFunctionCatalog.Names, name => Assert.Contains(name, FunctionNames.All));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_matrix_function_goes_through_every_operation(MatrixFunction function)
    {
        var entry = MatrixFunctionCatalog.Of(function);
        var (text, argument) = LossOf(entry);
        var specs = VariableSpec.ParseAll("A:3x3/dd v:3 U:3x3 u:3 W:3x3 w:3 t:s");
        var declarations = MatrixTestKit.Declarations(specs);
        var point = MatrixTestKit.Point(specs, MatrixTestKit.StableSeed(text));
        var f = Check(entry, $"bind {text}", () => Calculus.Read(text, EngineLimits.Default, declarations).Value.Expression);
        Check(entry, "bound to its entry", () => Assert.True(Contains(f, function), $"{text} binds to {f}, without {entry.Name}"));

        Check(entry, "text round trip", () => Assert.Equal(f, Calculus.Read(TextPrinter.Print(f), EngineLimits.Default, declarations).Value.Expression));
        Check(entry, "LaTeX", () => Assert.Contains(entry.Notation switch
        {
            MatrixNotation.InverseSuperscript => "^{-1}",
            MatrixNotation.DoubleBars => @"\|",
            _ => entry.Latex,
        }, LatexPrinter.Print(f), StringComparison.Ordinal));
        Check(entry, "MathML", () => Assert.Contains(entry.Notation switch
        {
            MatrixNotation.InverseSuperscript => "<mn>1</mn>",
            MatrixNotation.DoubleBars => "&#x2016;",
            _ => entry.MathML,
        }, MathMLPrinter.Print(f), StringComparison.Ordinal));

        var gradient = Check(entry, "adjoint (reverse mode)", () => MatrixGradient.Of(f, argument));
        var expected = MatrixTestKit.CentralDifferences(f, point, argument);
        Check(entry, "evaluated adjoint against central differences", () =>
        {
            var value = MatrixEvaluator.Evaluate(gradient, point);
            Assert.True(value.IsSuccess, value.Error?.Detail);
            var bad = MatrixTestKit.Mismatches(MatrixTestKit.AsMatrix(value.Value), expected);
            Assert.True(bad.Count == 0, string.Join("; ", bad));
        });

        Check(entry, "differential (forward mode)", () =>
        {
            var direction = argument == "A" ? "U" : "u";
            var moved = Calculus.Read(text.Replace(argument, $"({argument} + t*{direction})", StringComparison.Ordinal), EngineLimits.Default, declarations).Value.Expression;
            var atZero = new Dictionary<string, Value>(point) { ["t"] = Value.Of(0) };
            var derivative = MatrixTestKit.EvaluateScalar(Differentiator.Differentiate(moved, "t"), atZero);
            var reference = MatrixTestKit.CentralDifferences(moved, atZero, "t")[0, 0];
            TestEngine.AssertClose(reference, derivative, 1e-5, 1e-7);
        });

        Check(entry, "compiled program", () =>
        {
            var used = point.Where(p => f.DependsOn(p.Key)).ToDictionary(p => p.Key, p => p.Value);
            var program = CompiledProgram.Compile([f, gradient], used, new HashSet<string> { argument });
            program.Run();
            TestEngine.AssertClose(MatrixTestKit.EvaluateScalar(f, point), program.ScalarOutput(0), 1e-10, 1e-12);
            var compiled = program.Output(1).ToArray();
            var evaluated = MatrixTestKit.AsMatrix(MatrixEvaluator.Evaluate(gradient, point).Value).ToRowMajorArray();
            Assert.Equal(evaluated.Length, compiled.Length);
            for (var k = 0; k < compiled.Length; k++)
            {
                TestEngine.AssertClose(evaluated[k], compiled[k], 1e-9, 1e-12);
            }
        });
    }

    /// <summary>A scalar loss that uses the function once, weighting a non-scalar value entry by entry, and the name it is applied to.</summary>
    private static (string Text, string Argument) LossOf(MatrixFunctionEntry entry)
    {
        var argument = entry.Argument == MatrixArgument.Column ? "v" : "A";
        var call = $"{entry.Name}({argument})";
        return (entry.Result switch
        {
            MatrixResult.Scalar => $"{call}^2",
            MatrixResult.DiagonalVector => $"w'*{call}",
            _ => $"sum(W .* {call})",
        }, argument);
    }

    private static bool Contains(Expr e, MatrixFunction function) =>
        e is MatrixCall c && c.Function == function || e.Children.Any(child => Contains(child, function));

    private static T Check<T>(MatrixFunctionEntry entry, string operation, Func<T> act)
    {
        try
        {
            return act();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Assert.Fail($"{entry.Name} ({entry.Id}): {operation}: {ex.Message}");
            throw;
        }
    }

    private static void Check(MatrixFunctionEntry entry, string operation, Action act) =>
        Check(entry, operation, () => { act(); return 0; });
}
