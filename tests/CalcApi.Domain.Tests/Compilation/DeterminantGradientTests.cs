using CalcApi.Domain.Binding;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Optimization;

namespace CalcApi.Domain.Tests.Compilation;

/// <summary>
/// The gradient of det, det(X) inv(X)', is compiled as adj(X)' like the evaluator computes it, so it is
/// defined at a singular X too, and a run from there does not stop as diverged before its first step.
/// </summary>
public class DeterminantGradientTests
{
    public static TheoryData<string, double[][]> Cases { get; } = new()
    {
        { "det(X) + norm(X)^2", [[1, 2], [2, 4]] },
        { "(det(X) - 1)^2", [[1, 2], [2, 4]] },
        { "det(X) + norm(X)^2", [[1, 2, 3], [4, 5, 6], [7, 8, 9]] },
        { "(det(X) - 1)^2", [[1, 2, 3], [4, 5, 6], [7, 8, 9]] },
        { "det(X)^3 + sum(X)", [[0, 0, 1], [0, 2, 0], [0, 0, 3]] },
        { "det(X) + norm(X)^2", [[0, 0, 0], [0, 0, 0], [0, 0, 1]] },
        { "det(X) + norm(X)^2", [[0, 0], [0, 0]] },
        { "(det(X) - 1)^2", [[2, -1, 0.5, 3], [1, 4, -2, 0], [0.3, 0, 1, -1], [5, 1, 2, 2]] },
        { "det(X)^2 * sum(X)", [[2, -1, 0.5], [1, 4, -2], [0.3, 0, 1]] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_compiled_gradient_of_det_equals_the_evaluated_one_singular_or_not(string loss, double[][] x)
    {
        var values = new Dictionary<string, Value> { ["X"] = Value.FromRows(x) };
        var f = Read(loss, values);
        var gradient = MatrixGradient.Of(f, "X");

        foreach (var variables in new[] { null, new HashSet<string> { "X" } })
        {
            var program = CompiledProgram.Compile([f, gradient], values, variables);
            program.Run();

            var expected = MatrixEvaluator.Evaluate(gradient, values).Value.Matrix!.ToRowMajorArray();
            var actual = program.Output(1).ToArray();
            Assert.Equal(expected.Length, actual.Length);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= Math.Max(1e-12, 1e-10 * Math.Abs(expected[i])),
                    $"d/dX {loss} [{i}]: evaluated {expected[i]:R}, compiled {actual[i]:R}");
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void The_compiled_gradient_of_det_equals_the_evaluated_one_at_random_matrices_of_full_rank_and_of_rank_n_minus_1(int n)
    {
        var random = new Random(n);
        double[][] Random(int rows, int cols) => [.. Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, cols).Select(_ => Math.Round((random.NextDouble() * 2) - 1, 2)).ToArray())];
        var full = Random(n, n);
        var (b, c) = (MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(Random(n, n - 1)), MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowArrays(Random(n - 1, n)));
        var singular = (b * c).ToRowArrays();

        The_compiled_gradient_of_det_equals_the_evaluated_one_singular_or_not("det(X) + norm(X)^2", full);
        The_compiled_gradient_of_det_equals_the_evaluated_one_singular_or_not("det(X) + norm(X)^2", singular);
    }

    [Theory]
    [InlineData("det(X) + norm(X)^2")]
    [InlineData("(det(X) - 1)^2")]
    public void A_run_from_a_singular_matrix_takes_its_first_step(string loss)
    {
        var query = new OptimizationQuery(loss, null, null, new Dictionary<string, Value> { ["X"] = Value.FromRows([[1, 2], [2, 4]]) },
            new OptimizerSettings(OptimizerMethod.Gd, 0.01), MaxIterations: 50);

        var result = Calculus.Optimize(query, EngineLimits.Default).Value;

        Assert.NotEqual(StopReason.Diverged, result.StopReason);
        Assert.True(result.Iterations > 0);
        Assert.True(double.IsFinite(result.History[0].GradientNorm) && result.History[0].GradientNorm > 0);
    }

    [Fact]
    public void The_adjugate_allocates_nothing_per_run()
    {
        var values = new Dictionary<string, Value> { ["X"] = Value.FromRows([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) };
        var gradient = MatrixGradient.Of(Read("det(X) + norm(X)^2", values), "X");
        var program = CompiledProgram.Compile([gradient], values);
        program.Run();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            program.Input("X")[0] += 1e-6;
            program.Run();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static CalcApi.Domain.Expressions.Expr Read(string loss, Dictionary<string, Value> values) =>
        Calculus.Read(loss, EngineLimits.Default, values.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value))).Value.Expression;
}
