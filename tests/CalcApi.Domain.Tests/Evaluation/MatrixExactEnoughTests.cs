using System.Diagnostics;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Numbers;
using CalcApi.Domain.Tests.Matrix;
using CalcApi.Domain.Tests.Support;
using Xunit.Abstractions;
using static CalcApi.Domain.Tests.Evaluation.ExactReference;
using Mat = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Domain.Tests.Evaluation;

/// <summary>
/// Contract section 5 for values with vectors and matrices in them: the evaluator's own numbers where a bound
/// proves them, the exact value where double precision is wrong (compared with exact rational references),
/// and a precision refusal where no value can be promised.
/// </summary>
public class MatrixExactEnoughTests(ITestOutputHelper output)
{
    /// <summary>The lecture's point, and a few well-conditioned matrices.</summary>
    private static Dictionary<string, Value> LecturePoint() => new(StringComparer.Ordinal)
    {
        ["a"] = Value.Vector([1, 2]),
        ["b"] = Value.Vector([3, 4, 5]),
        ["W"] = Value.FromRows([[1, 0, 0], [0, 1, 0]]),
        ["c"] = 2,
        ["X"] = Value.FromRows([[4, 1, 0.5], [2, 3, 1], [0.25, 1, 5]]),
        ["A"] = Value.FromRows([[1, 2, 3], [0, 1, 4], [5, 6, 0]]),
        ["w"] = Value.Vector([0.5, -1, 2.5]),
    };

    [Theory]
    [InlineData("2*(a'*W*b - c)*a*b'")]
    [InlineData("(a'*W*b - c)^2")]
    [InlineData("inv(X)'")]
    [InlineData("det(X)*inv(X)'")]
    [InlineData("logdet(X)")]
    [InlineData("-inv(X)'*A'*inv(X)'")]
    [InlineData("(A + A')*w")]
    [InlineData("sigmoid(X*w) .* exp(-w)")]
    [InlineData("tr(inv(X)*A) + norm(A)^2 + sum(X)")]
    [InlineData("det(X)*tr(inv(X)*A)")]
    public void The_common_case_answers_the_evaluators_own_numbers_proved_by_the_bound(string expression)
    {
        var at = LecturePoint();
        var e = Read(expression, at);
        var plain = MatrixEvaluator.Evaluate(e, at);
        Assert.True(plain.IsSuccess, plain.Error?.Detail);

        var exact = ExactValues.Of(e, at);

        Assert.True(exact.IsSuccess, exact.Error?.Detail);
        Assert.Equal(AsMatrix(plain.Value).ToColumnMajorArray(), AsMatrix(exact.Value).ToColumnMajorArray());
        Assert.Equal(plain.Value.Form, exact.Value.Form);
        // ...and by the double path: every entry's bound is within ExactEnough's tolerances.
        var bounded = BoundedMatrixEvaluator.Evaluate(e, at);
        Assert.NotNull(bounded);
        for (var i = 0; i < bounded.Count; i++)
        {
            Assert.True(bounded.Error[i] <= Math.Max(1e-11 * Math.Abs(bounded.Value[i]), 1e-14), $"entry {i}: {bounded.Value[i]:R} ± {bounded.Error[i]:G3}");
        }
    }

    public static TheoryData<string> Bounded { get; } =
    [
        "inv(X)", "det(X)", "logdet(X)", "X*A*w", "exp(X) .* A", "sqrt(X .* X)", "inv(X + 3*I)*A'", "det(X)*inv(X)'",
        "sum(log(X .* X + 1))", "norm(X*w)", "(w'*X*w - 3)^3", "tr(A*inv(X)*A')", "inv(A)",
    ];

    [Theory]
    [MemberData(nameof(Bounded))]
    public void Every_bound_holds_against_a_384_bit_evaluation(string expression)
    {
        var random = new Random(MatrixTestKit.StableSeed(expression));
        for (var trial = 0; trial < 20; trial++)
        {
            var at = new Dictionary<string, Value>(StringComparer.Ordinal)
            {
                ["X"] = Value.Of(Mat.Build.Dense(3, 3, (_, _) => random.NextDouble() * 4) + (4 * Mat.Build.DenseIdentity(3))),
                ["A"] = Value.Of(Mat.Build.Dense(3, 3, (_, _) => (random.NextDouble() * 2) - 1)),
                ["w"] = Value.Of(Mat.Build.Dense(3, 1, (_, _) => (random.NextDouble() * 2) - 1), isVector: true),
            };
            var e = Read(expression, at);
            var bounded = BoundedMatrixEvaluator.Evaluate(e, at);
            var precise = PreciseMatrixEvaluator.Evaluate(e, at, 384);
            Assert.True(precise.IsSuccess, precise.Error?.Detail);
            Assert.NotNull(bounded);
            var exact = precise.Value;
            for (var i = 0; i < exact.Rows; i++)
            {
                for (var j = 0; j < exact.Cols; j++)
                {
                    var k = (j * exact.Rows) + i; // the bounded value is column-major
                    var distance = BigFloat.Abs(BigFloat.Subtract(BigFloat.FromDouble(bounded.Value[k]), exact[i, j], 384)).ToDouble();
                    Assert.True(distance <= bounded.Error[k], $"{expression}, trial {trial}, entry ({i}, {j}): off by {distance:G3}, bound {bounded.Error[k]:G3}");
                }
            }
        }
    }

    [Fact]
    public void The_inverse_of_an_ill_conditioned_matrix_is_the_exact_one_where_double_precision_is_wrong()
    {
        var h = Hilbert(8); // condition number 1.5e10: MatrixEvaluator inverts it, to about 6 digits
        var at = new Dictionary<string, Value> { ["H"] = Value.Of(h) };
        var (reference, _) = InverseAndDeterminant(h);
        var e = Read("inv(H)", at);

        var plain = MatrixEvaluator.Evaluate(e, at).Value;
        var watch = Stopwatch.StartNew();
        var exact = ExactValues.Of(e, at);
        output.WriteLine($"double: worst relative error {WorstRelativeError(plain.Matrix!, reference):G3}; exact path {watch.Elapsed.TotalMilliseconds:F1} ms");

        Assert.True(WorstRelativeError(plain.Matrix!, reference) > 1e-9, "the double inverse was expected to be wrong here");
        Assert.True(exact.IsSuccess, exact.Error?.Detail);
        Assert.True(WorstRelativeError(exact.Value.Matrix!, reference) <= 1e-15, $"worst relative error {WorstRelativeError(exact.Value.Matrix!, reference):G3}");
    }

    [Fact]
    public void The_determinant_and_logdet_of_an_ill_conditioned_matrix_are_exact()
    {
        var h = Hilbert(9);
        var at = new Dictionary<string, Value> { ["H"] = Value.Of(h) };
        var (_, det) = InverseAndDeterminant(h);

        var plainDet = MatrixEvaluator.Evaluate(Read("det(H)", at), at).Value.Scalar;
        var exactDet = ExactValues.Scalar(Read("det(H)", at), at);
        var exactLogDet = ExactValues.Scalar(Read("logdet(H)", at), at);
        output.WriteLine($"det: double {plainDet:R}, relative error {RelativeError(plainDet, det):G3}");

        Assert.True(RelativeError(plainDet, det) > 1e-9, "the double determinant was expected to be wrong here");
        Assert.True(exactDet.IsSuccess, exactDet.Error?.Detail);
        Assert.True(RelativeError(exactDet.Value, det) <= 1e-15);
        var logDet = BigFloatMath.Log(BigFloat.FromRational(det, 256), 256).ToDouble();
        Assert.True(exactLogDet.IsSuccess, exactLogDet.Error?.Detail);
        TestEngine.AssertClose(logDet, exactLogDet.Value, relative: 1e-13, absolute: 0);
    }

    [Fact]
    public void A_matrix_too_close_to_singular_for_double_precision_is_answered_exactly_not_refused_as_singular()
    {
        // Hilbert(12): condition number 1.7e16, past the 1e14 at which double precision calls a matrix singular.
        // It is invertible (its entries as given, rounded to doubles, are a regular matrix): the exact inverse,
        // determinant and logdet are the answer, where the double path alone refused it as outside the domain.
        var h = Hilbert(12);
        var at = new Dictionary<string, Value> { ["H"] = Value.Of(h) };
        var (inverse, det) = InverseAndDeterminant(h);
        Assert.Equal(ErrorKind.OutsideDomain, MatrixEvaluator.Evaluate(Read("inv(H)", at), at).Error?.Kind);

        var exactInverse = ExactValues.Of(Read("inv(H)", at), at);
        var exactLogDet = ExactValues.Scalar(Read("logdet(H)", at), at);

        Assert.True(exactInverse.IsSuccess, exactInverse.Error?.Detail);
        Assert.True(WorstRelativeError(exactInverse.Value.Matrix!, inverse) <= 1e-15, $"worst relative error {WorstRelativeError(exactInverse.Value.Matrix!, inverse):G3}");
        Assert.True(exactLogDet.IsSuccess, exactLogDet.Error?.Detail);
        TestEngine.AssertClose(BigFloatMath.Log(BigFloat.FromRational(det, 256), 256).ToDouble(), exactLogDet.Value, relative: 1e-13, absolute: 0);
    }

    [Theory]
    [InlineData("inv(X)", new[] { 1.0, 1, 1, 1.000000000000001 }, true)] // det = 2^-50 exactly: invertible, cond 4e15
    [InlineData("logdet(X)", new[] { 1.0, 1, 1, 1.000000000000001 }, true)]
    [InlineData("logdet(X)", new[] { 1.0, 1, 1, 0.999999999999999 }, false)] // det < 0 in exact arithmetic: outside
    [InlineData("inv(X)", new[] { 1.0, 2, 2, 4 }, false)] // singular: outside, in double and in exact arithmetic
    [InlineData("logdet(X')", new[] { 1.0, 3, 1, 3 }, false)]
    public void A_near_singular_variable_is_answered_or_refused_as_outside_on_exact_grounds(string expression, double[] x, bool defined)
    {
        var at = new Dictionary<string, Value> { ["X"] = Value.Of(Mat.Build.Dense(2, 2, (i, j) => x[(i * 2) + j])) };
        var e = Read(expression, at);

        var value = ExactValues.Of(e, at);

        if (defined)
        {
            Assert.True(value.IsSuccess, value.Error?.Detail);
            var (inverse, det) = InverseAndDeterminant(AsMatrix(at["X"]));
            if (value.Value.IsScalar)
            {
                TestEngine.AssertClose(BigFloatMath.Log(BigFloat.FromRational(det, 256), 256).ToDouble(), value.Value.Scalar, relative: 1e-13, absolute: 0);
            }
            else
            {
                Assert.True(WorstRelativeError(value.Value.Matrix!, inverse) <= 1e-15);
            }
        }
        else
        {
            Assert.False(value.IsSuccess);
            Assert.Equal(ErrorKind.OutsideDomain, value.Error.Kind);
        }
    }

    [Fact]
    public void A_matrix_too_badly_scaled_for_double_precision_linear_algebra_is_not_called_outside_the_domain()
    {
        // The SVD behind the condition number does not converge on entries of 1e300 and 1e-300: that says nothing
        // about the matrix's domain (it is invertible: det = 1e300 - 1e300·1e-300 ≈ 1e300), so the double path's
        // refusal is a precision one, and the value path answers it exactly.
        var at = new Dictionary<string, Value> { ["X"] = Value.FromRows([[1e300, 1e300], [1e-300, 1]]) };
        var e = Read("inv(X)", at);

        var plain = MatrixEvaluator.Evaluate(e, at);
        var exact = ExactValues.Of(e, at);

        Assert.False(plain.IsSuccess);
        Assert.Equal(ErrorKind.Precision, plain.Error.Kind);
        Assert.True(exact.IsSuccess || exact.Error.Kind == ErrorKind.Precision, exact.Error?.Detail);
    }

    [Fact]
    public void A_computed_matrix_found_singular_only_in_arbitrary_precision_is_a_precision_refusal()
    {
        // X*X' for X = [1, 1; 1, 1 + 2^-52·k]: the product's entries are rounded in double precision, so its exact
        // singularity (or not) at a finite precision is not a proof about the true product: refused for precision
        // or answered, never "outside the domain" on rounded grounds.
        var at = new Dictionary<string, Value> { ["X"] = Value.FromRows([[1, 1], [1, 1.0000000000000002]]) };
        var value = ExactValues.Of(Read("inv(X*X')", at), at);

        Assert.True(value.IsSuccess || value.Error.Kind == ErrorKind.Precision, value.Error?.Detail);
    }

    [Theory]
    [InlineData("sum(a)", 1)] // 1e16 + 1 is 1e16 in double: the sum is 0
    [InlineData("a'*v", 1)]
    [InlineData("sum(a .* v) - 1", 0)] // and 0 is exact: nothing to promise near zero but 0
    public void A_sum_that_cancels_in_double_precision_is_exact(string expression, double expected)
    {
        var at = new Dictionary<string, Value> { ["a"] = Value.Vector([1e16, 1, -1e16]), ["v"] = Value.Vector([1, 1, 1]) };
        var e = Read(expression, at);
        Assert.NotEqual(expected, MatrixEvaluator.Evaluate(e, at).Value.Scalar);

        var value = ExactValues.Scalar(e, at);

        Assert.True(value.IsSuccess, value.Error?.Detail);
        Assert.Equal(expected, value.Value);
    }

    [Fact]
    public void A_matrix_gradient_that_cancels_is_exact_entry_by_entry()
    {
        // ∂/∂W of (a'*W*b)^2 = 2(a'Wb)·a b', and a'Wb cancels: 1e16 + 1 − 1e16 = 1, which double precision finds to be 0.
        var at = new Dictionary<string, Value>
        {
            ["a"] = Value.Vector([1, 1, 1]),
            ["W"] = Value.FromRows([[1e16, 0], [1, 0], [-1e16, 0]]),
            ["b"] = Value.Vector([1, 0]),
        };
        var e = Read("2*(a'*W*b)*a*b'", at);
        Assert.Equal(0, MatrixEvaluator.Evaluate(e, at).Value.Matrix![0, 0]);

        var value = ExactValues.Of(e, at);

        Assert.True(value.IsSuccess, value.Error?.Detail);
        Assert.Equal(Mat.Build.DenseOfArray(new double[,] { { 2, 0 }, { 2, 0 }, { 2, 0 } }), value.Value.Matrix);
    }

    [Theory]
    [InlineData("det(X)*inv(X)'", new[] { 1.0, 2, 2, 4 }, new[] { 4.0, -2, -2, 1 })] // singular: det's gradient is the adjugate, still
    [InlineData("det(X)*tr(inv(X)*A)", new[] { 1.0, 2, 2, 4 }, new[] { 5.0 })] // d det along A = tr(adj(X)·A) = tr(adj(X)) = 4 + 1 for A = I
    public void The_gradient_of_det_at_a_singular_matrix_is_found_through_the_adjugate(string expression, double[] x, double[] expected)
    {
        var at = new Dictionary<string, Value>
        {
            ["X"] = Value.Of(Mat.Build.Dense(2, 2, (i, j) => x[(i * 2) + j])),
            ["A"] = Value.FromRows([[1, 0], [0, 1]]),
        };
        var e = Read(expression, at);

        var value = ExactValues.Of(e, at);

        Assert.True(value.IsSuccess, value.Error?.Detail);
        Assert.Equal(expected, AsMatrix(value.Value).ToRowMajorArray());
    }

    [Fact]
    public void A_value_whose_truth_is_a_pole_is_refused_for_precision()
    {
        // sin(pi) is 1.2e-16 in double precision and 0 in truth: the double sum(a)/sin(pi) is 2.4e16 of nothing.
        var at = new Dictionary<string, Value> { ["a"] = Value.Vector([1, 2]) };
        var e = Read("sum(a)/sin(pi)", at);
        Assert.True(MatrixEvaluator.Evaluate(e, at).IsSuccess);

        var value = ExactValues.Scalar(e, at);

        Assert.False(value.IsSuccess);
        Assert.Equal(ErrorKind.Precision, value.Error.Kind);
    }

    [Fact]
    public void An_ill_conditioned_matrix_too_large_for_the_precise_path_is_refused_at_once()
    {
        // I + 1e9·ones(60, 60): condition number 6e10, within what MatrixEvaluator inverts, but the double inverse keeps 5 digits.
        var x = Mat.Build.DenseIdentity(60) + Mat.Build.Dense(60, 60, 1e9);
        var at = new Dictionary<string, Value> { ["X"] = Value.Of(x) };
        var e = Read("inv(X)", at);
        Assert.True(MatrixEvaluator.Evaluate(e, at).IsSuccess);

        var watch = Stopwatch.StartNew();
        var value = ExactValues.Of(e, at);
        output.WriteLine($"{watch.Elapsed.TotalMilliseconds:F0} ms: {value.Error?.Detail}");

        Assert.False(value.IsSuccess);
        Assert.Equal(ErrorKind.Precision, value.Error.Kind);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void The_precise_path_stops_with_the_request()
    {
        var h = Hilbert(8);
        var at = new Dictionary<string, Value> { ["H"] = Value.Of(h) };
        var e = Read("inv(H)*H*inv(H)", at);
        var candidate = MatrixEvaluator.Evaluate(e, at).Value;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        using var budget = WorkBudget.Enter(EngineLimits.Default, cancelled.Token);

        var value = MatrixExactEnough.Confirm(e, at, candidate);

        Assert.False(value.IsSuccess);
        Assert.Equal("requestTimeout", value.Error.Limit);
    }
}
