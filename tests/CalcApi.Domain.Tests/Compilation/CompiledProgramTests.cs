using CalcApi.Domain.Binding;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
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

    [Theory]
    [MemberData(nameof(Losses))]
    public void Unrolled_into_straight_line_code_a_program_computes_what_the_interpreter_computes(string loss)
    {
        var point = Point(loss.Length + 7);
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value));
        var f = Calculus.Read(loss, EngineLimits.Default, declarations).Value;
        var names = f.FreeNames.ToList();
        var used = point.Where(p => names.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        Expr[] roots = [f.Expression, .. names.Select(n => MatrixGradient.Of(f.Expression, n))];
        var variable = names.First(n => !used[n].IsScalar);
        var interpreted = CompiledProgram.Compile(roots, used, new HashSet<string> { variable });
        var unrolled = CompiledProgram.Compile(roots, used, new HashSet<string> { variable });

        Assert.True(unrolled.Unroll(), "A program this small is unrolled.");
        Assert.True(unrolled.IsUnrolled);
        Assert.False(interpreted.IsUnrolled);
        var random = new Random(loss.Length);
        for (var step = 0; step < 5; step++)
        {
            // New values of the variable on both, as a descent writes them, then one run each.
            for (var k = 0; k < interpreted.Input(variable).Length; k++)
            {
                var x = Math.Round((random.NextDouble() * 2) - 1, 3);
                interpreted.Input(variable)[k] = x;
                unrolled.Input(variable)[k] = x;
            }

            interpreted.Run();
            unrolled.Run();
            for (var o = 0; o < roots.Length; o++)
            {
                var (expected, actual) = (interpreted.Output(o).ToArray(), unrolled.Output(o).ToArray());
                for (var i = 0; i < expected.Length; i++)
                {
                    // The same arithmetic, but sums in order where the interpreter's vectorised kernels group them.
                    Assert.True(
                        expected[i].Equals(actual[i]) || Math.Abs(expected[i] - actual[i]) <= 1e-13 * Math.Max(1, Math.Abs(expected[i])),
                        $"{loss}, output {o}[{i}] at step {step}: interpreted {expected[i]:R}, unrolled {actual[i]:R}");
                }
            }
        }
    }

    [Fact]
    public void A_program_unrolls_itself_after_enough_runs_and_a_large_one_keeps_the_interpreter()
    {
        var point = Point(3);
        var declarations = point.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value));
        var f = Calculus.Read("(a'*W*b - c)^2", EngineLimits.Default, declarations).Value.Expression;
        var used = point.Where(p => f.FreeNames.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
        var small = CompiledProgram.Compile([f, MatrixGradient.Of(f, "W")], used, new HashSet<string> { "W" });
        var large = new Dictionary<string, Value>(used) { ["W"] = Value.Of(Matrix<double>.Build.Dense(2, 600, 0.1)), ["b"] = Value.Vector([.. Enumerable.Repeat(1.0, 600)]) };
        var g = Calculus.Read("(a'*W*b - c)^2", EngineLimits.Default, large.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value))).Value.Expression;
        var big = CompiledProgram.Compile([g, MatrixGradient.Of(g, "W")], large, new HashSet<string> { "W" });

        for (var i = 0; i < CompiledProgram.UnrollAfterRuns - 1; i++)
        {
            small.Run();
        }

        Assert.False(small.IsUnrolled);
        small.Run();
        Assert.True(small.IsUnrolled);
        Assert.False(big.Unroll(), "1,200 entries of W alone are past what is unrolled.");
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
    public void Running_a_compiled_program_allocates_nothing_interpreted_or_unrolled()
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

        Assert.False(program.IsUnrolled);
        AssertNoAllocation(program);
        program.Unroll();
        for (var i = 0; i < 100; i++)
        {
            program.Run();
        }

        AssertNoAllocation(program);
    }

    private static void AssertNoAllocation(CompiledProgram program)
    {
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
