using CalcApi.Domain.Binding;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Tests.Compilation;

/// <summary>A compiled program computes what the evaluator computes, and running it allocates nothing.</summary>
public class CompiledProgramTests
{
    public static TheoryData<string> Losses { get; } = new()
    {
        "(a'*W*b - c)^2",
        "x'*M*x + b'*x",
        "norm(A*w - y)^2",
        "norm(A*w - y)^2 + c*norm(w)^2",
        "sum(log(1 + exp(-y .* (A*w))))",
        "sum(softplus(A*w)) - y'*(A*w)",
        "sum(sigmoid(A*w) .* y)",
        "sum((tanh(W*b) - a).^2)",
        "tr(M*M') + sum(diag(M))",
        "logdet(M*M' + I) + tr(inv(M*M' + I))",
        "det(M)^2 + sum(abs(M))",
        "sum(sqrt(x .* x + 1)) + sum(x ./ (1 + x.^2))",
        "(1 - c)^2 + 100*(x'*x - c^2)^2",
        "sum(exp(sin(A*w)) ./ (2 + cos(A*w)))",
    };

    private static Dictionary<string, Value> Point(int seed)
    {
        var random = new Random(seed);
        Matrix<double> M(int r, int c) => Matrix<double>.Build.Dense(r, c, (_, _) => Math.Round(random.NextDouble() * 2 - 1, 3));
        Value Vec(int n) => Value.Vector([.. Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 3))]);
        return new Dictionary<string, Value>
        {
            ["a"] = Vec(2), ["b"] = Vec(3), ["W"] = Value.Of(M(2, 3)), ["c"] = Value.Of(0.7),
            ["x"] = Vec(3), ["M"] = Value.Of(M(3, 3) + (3 * Matrix<double>.Build.DenseIdentity(3))),
            ["A"] = Value.Of(M(5, 2)), ["w"] = Vec(2), ["y"] = Vec(5),
        };
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void The_compiled_loss_and_gradients_equal_the_evaluated_ones(string loss)
    {
        var point = Point(loss.Length);
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value));
        var f = Calculus.Read(loss, EngineLimits.Default, declarations).Value;
        var names = f.FreeNames.ToList();
        var used = point.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var gradients = names.Select(n => MatrixGradient.Of(f.Expression, n)).ToList();

        // All inputs varying, and each one alone varying (the rest computed once at compile time).
        IReadOnlySet<string>?[] variants = [null, .. names.Select(n => new HashSet<string> { n })];
        foreach (var variables in variants)
        {
            var program = CompiledProgram.Compile([f.Expression, .. gradients], used, variables);
            program.Run();

            AssertClose(MatrixEvaluator.Evaluate(f.Expression, used).Value, program.Output(0), loss);
            for (var k = 0; k < gradients.Count; k++)
            {
                var expected = MatrixEvaluator.Evaluate(gradients[k], used).Value;
                AssertClose(expected, program.Output(k + 1), $"d/d{names[k]} {loss} (varying: {(variables is null ? "all" : string.Join(",", variables))})");
            }
        }
    }

    [Fact]
    public void What_does_not_depend_on_the_variables_is_computed_once_at_compile_time()
    {
        var point = Point(2);
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value));
        var f = Calculus.Read("norm(A*w - y)^2", EngineLimits.Default, declarations).Value.Expression;
        var used = point.Where(p => f.FreeNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var gradient = MatrixGradient.Of(f, "w");

        var everything = CompiledProgram.Compile([f, gradient], used);
        var hoisted = CompiledProgram.Compile([f, gradient], used, new HashSet<string> { "w" });
        everything.Run();
        hoisted.Run();

        // The gradient 2*A'*(A*w - y) needs A': transposed once, not on every run.
        Assert.True(hoisted.InstructionCount < everything.InstructionCount, $"{hoisted.InstructionCount} vs {everything.InstructionCount}");
        Assert.Equal(everything.Output(0).ToArray(), hoisted.Output(0).ToArray());
        Assert.Equal(everything.Output(1).ToArray(), hoisted.Output(1).ToArray());
    }

    [Fact]
    public void Running_a_compiled_program_allocates_nothing()
    {
        var point = Point(1);
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value));
        var f = Calculus.Read("norm(A*w - y)^2 + sum(log(1 + exp(-y .* (A*w))))", EngineLimits.Default, declarations).Value.Expression;
        var used = point.Where(p => f.FreeNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var program = CompiledProgram.Compile([f, MatrixGradient.Of(f, "w")], used);
        // Warmed past tiered compilation's promotion (about 30 calls, then on-stack replacement of the loops), whose
        // one-off bookkeeping once showed up as 1,416 bytes inside the measured loop of a full test run.
        for (var i = 0; i < 2_000; i++)
        {
            program.Run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            program.Input("w")[0] += 1e-6;
            program.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertClose(Value expected, ReadOnlySpan<double> actual, string what)
    {
        var entries = expected.IsScalar ? [expected.Scalar] : expected.Matrix!.ToRowMajorArray();
        Assert.Equal(entries.Length, actual.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var tolerance = Math.Max(1e-12, 1e-10 * Math.Abs(entries[i]));
            Assert.True(Math.Abs(entries[i] - actual[i]) <= tolerance, $"{what}[{i}]: evaluated {entries[i]:R}, compiled {actual[i]:R}");
        }
    }
}
