using System.Text.RegularExpressions;

namespace CalcApi.Domain.Tests.Export;

/// <summary>
/// The exported NumPy code, run: for the lecture's and the Matrix Cookbook's gradients and for every node kind the
/// engine has, the program's own check (central differences at a random point) passes; a wrong gradient fails it;
/// and the code stays linear in size where the printed gradient is quadratic.
/// </summary>
public sealed partial class ExportNumPyTests
{
    /// <summary>f, its variables ("name:kind"), and wrt (comma-separated; empty: the default).</summary>
    public static TheoryData<string, string, string> Cases { get; } = new()
    {
        // The lecture's matrix results.
        { "(a'*W*b - c)^2", "a:vector b:vector W:matrix c:scalar", "W" },
        { "log(det(X))", "X:matrix", "X" },
        { "tr(A*X*B)", "A:matrix X:matrix B:matrix", "X" },
        // The Matrix Cookbook and machine-learning losses.
        { "x'*A*x", "x:vector A:matrix", "x,A" },
        { "norm(A*x - b)^2", "A:matrix x:vector b:vector", "x,A,b" },
        { "log(1 + exp(-y*w'*x))", "w:vector x:vector y:scalar", "w,y" },
        { "sum(softplus(-y .* (X*w)))", "X:matrix w:vector y:vector", "w" },
        { "det(X)", "X:matrix", "X" },
        { "logdet(X) - tr(S*X)", "X:matrix S:matrix", "X" },
        { "a'*inv(X)*b", "a:vector X:matrix b:vector", "X,a" },
        { "tr(inv(X)^2)", "X:matrix", "X" },
        { "x'*S*x", "x:vector S:symmetric", "S,x" },
        { "logdet(S)", "S:symmetric", "S" },
        { "a'*diag(x)*b", "a:vector x:vector b:vector", "x" },
        { "sum(diag(X) .* x) + sum(X)", "X:matrix x:vector", "X,x" },
        { "a'*(X + 2*I)*a + tr(I + X')", "a:vector X:matrix", "X,a" },
        { "norm(X)^3 + norm(x)", "X:matrix x:vector", "X,x" },
        { "pi*x'*x + e^(a'*x)", "x:vector a:vector", "x" },
        { "sum(x .^ 3 ./ (1 + x .^ 2)) + sum(x .* x')", "x:vector", "x" },
        { "sum(x .^ (1/3)) + sum(abs(x) .^ (2/3))", "x:vector", "x" },
        { "sum(W .^ 2) + sum(exp(W)) / sum(W .* W) + 2^tr(W)", "W:matrix", "W" },
        { "a'*x", "a:vector x:vector", "x" },
        // Names that are Python keywords or the code's own (lambda, np, t1, value), and a variable f does not use (its gradient is zero).
        { "lambda*x'*x + t1^2 + np*value", "x:vector lambda:scalar t1:scalar np:scalar value:scalar unused:vector", "x,lambda,t1,unused" },
        // Every scalar function, scalar and element-wise.
        { "sin(x) + cos(x) + tan(x) + sec(x) + csc(x) + cot(x)", "x:scalar", "x" },
        { "asin(x) + acos(x) + atan(x) + atanh(x/2)", "x:scalar", "x" },
        { "sinh(x) + cosh(x) + tanh(x) + asinh(x) + acosh(1 + x^2)", "x:scalar", "x" },
        { "exp(x) + log(x) + ln(x + 1) + log1p(x) + sqrt(x) + x^(1/3) + x^(-3/2) + abs(x) + erf(x)", "x:scalar", "x" },
        { "sigmoid(x) + softplus(x) + 1/x + x^2*y + sin(y)", "x:scalar y:scalar", "" },
        { "sum(sin(x) + cos(x) + tanh(x) + sigmoid(x) + softplus(x) + erf(x) + atan(x) + asinh(x))", "x:vector", "x" },
        { "sum(log1p(x .^ 2) + sqrt(1 + x .^ 2) + abs(x) + exp(-x) + asin(x / 2) + acos(x / 2) + sec(x) + cosh(x))", "x:vector", "x" },
        { "sum(log(X .^ 2 + 1)) + sum(tan(X / 4)) + sum(sinh(X))", "X:matrix", "X" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_exported_program_checks_its_gradients_and_passes(string expression, string variables, string wrt)
    {
        Assert.True(File.Exists(ExportedProgram.Python), $"{ExportedProgram.Python} is missing: install python3 and python3-numpy with apt-get (.ci/run does).");
        var code = ExportedProgram.Code(expression, "numpy", variables, Wrt(wrt));

        var run = ExportedProgram.RunPython(code);

        Assert.True(run.ExitCode == 0, $"{run}\n{code}");
        Assert.Equal("gradient check passed", run.Output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void A_wrong_gradient_fails_the_check_with_the_discrepancy()
    {
        var code = ExportedProgram.Code("(a'*W*b - c)^2", "numpy", "a:vector b:vector W:matrix c:scalar", "W");
        // The gradient doubled: the check must notice.
        var wrong = GradientLine().Replace(code, m => $"    {m.Groups[1].Value} = 2.0 * ({m.Groups[2].Value})", 1);
        Assert.NotEqual(code, wrong);

        var run = ExportedProgram.RunPython(wrong);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("gradient check failed: df/dW[", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_says_so_when_the_function_is_defined_nowhere()
    {
        var code = ExportedProgram.Code("sqrt(-1 - x^2)", "numpy", "x:scalar", "x");

        var run = ExportedProgram.RunPython(code);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("found no random point where f and its gradients are defined", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_takes_vectors_as_lists_and_returns_gradients_shaped_like_their_variables()
    {
        var code = ExportedProgram.Code("(a'*W*b - c)^2", "numpy", "a:vector b:vector W:matrix c:scalar", "W", "a", "c");

        var run = ExportedProgram.RunPythonWith(code, """
            import gradient
            value, g = gradient.value_and_gradients({"a": [1, 2], "b": [3, -1, 0.5], "W": [[1.4, 0.66, -0.21], [0.19, -0.93, -0.24]], "c": 1.5})
            print(repr(float(value)), g["W"].shape, g["a"].shape, float(g["c"]))
            """);

        Assert.True(run.ExitCode == 0, run.ToString());
        // a'Wb - c = 6.195 - 1.5 = 4.695 (the golden case): its square, then the shapes, then df/dc = -2*4.695.
        var parts = run.Output.Trim().Split(' ', 2);
        Assert.Equal(4.695 * 4.695, double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        Assert.StartsWith("(2, 3) (2,) -9.39", parts[1], StringComparison.Ordinal);
    }

    /// <summary>d/dx of sin(sin(...sin(x))) prints each inner chain again in every factor (quadratic); the code computes each once.</summary>
    [Fact]
    public void The_code_grows_linearly_where_the_printed_gradient_grows_quadratically()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("sin(", depth)) + "x" + new string(')', depth);
        var small = Calculus.MatrixGradient(new MatrixGradientQuery(Nested(20), Wrt: ["x"]), ExportedProgram.Limits).Value.Gradients[0].Gradient.Text.Length;
        var large = Calculus.MatrixGradient(new MatrixGradientQuery(Nested(80), Wrt: ["x"]), ExportedProgram.Limits).Value.Gradients[0].Gradient.Text.Length;

        var smallCode = FunctionBody(ExportedProgram.Code(Nested(20), "numpy", "x:scalar", "x")).Length;
        var largeCode = FunctionBody(ExportedProgram.Code(Nested(80), "numpy", "x:scalar", "x")).Length;

        Assert.True(large > 12 * small, $"the printed gradient: {small} then {large} characters (expected quadratic growth)");
        Assert.True(largeCode < 5 * smallCode, $"the code: {smallCode} then {largeCode} characters (expected linear growth, 4 times)");
        Assert.True(ExportedProgram.RunPython(ExportedProgram.Code(Nested(80), "numpy", "x:scalar", "x")).ExitCode == 0);
    }

    internal static string[] Wrt(string wrt) => wrt.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The body of value_and_gradients: the part that depends on the expression.</summary>
    internal static string FunctionBody(string code)
    {
        var start = code.IndexOf("def value_and_gradients", StringComparison.Ordinal);
        return code[start..code.IndexOf("\n\n\n", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex(@"^    (grad_W) = (.+)$", RegexOptions.Multiline)]
    private static partial Regex GradientLine();
}
