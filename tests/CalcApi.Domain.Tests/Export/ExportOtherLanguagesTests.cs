using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Tests.Export;

/// <summary>
/// The C# and PyTorch files, and the coverage of the node kinds: every scalar and matrix function of the catalogs has
/// code in every language (and a NumPy case that runs it), the C# file passes its own check under <c>dotnet run</c>,
/// and the PyTorch file is valid Python everywhere and passes its check where PyTorch is installed.
/// </summary>
public sealed class ExportOtherLanguagesTests
{
    /// <summary>Every scalar function, element-wise, and every matrix function, in one f.</summary>
    private const string EveryFunction =
        "sum(sigmoid(X*x)) + erf(a'*x) + log1p(x'*x) + tr(inv(X)) + norm(diag(x))^2 + sum(x .^ (1/3)) + logdet(X) + det(X) + sum(softplus(x)) + a'*diag(X) " +
        "+ sum(sec(x) + csc(x) + cot(x) + asin(x/2) + acos(x/2) + atan(x) + acosh(2 + x .^ 2) + atanh(x/2) + sinh(x) + cosh(x) + tanh(x) + asinh(x)) " +
        "+ sum(X .^ (-1)) + sum(exp(x) + log(1 + x .^ 2) + abs(x) + sqrt(2 + x) + sin(x) + cos(x) + tan(x/4)) + pi*e";

    private const string EveryFunctionVariables = "x:vector a:vector X:matrix";

    public static TheoryData<string> Languages { get; } = new(["numpy", "pytorch", "csharp"]);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_function_of_the_catalogs_has_code_in_every_language(string language)
    {
        foreach (var function in FunctionCatalog.All)
        {
            Assert.Equal($"{language}: sum({function.Name}(x))", Export($"sum({function.Name}(x))", "x:vector", language));
            Assert.Equal($"{language}: {function.Name}(y)", Export($"{function.Name}(y)", "y:scalar", language));
        }

        foreach (var expression in new[] { "tr(X)", "det(X)", "logdet(X)", "sum(inv(X))", "sum(X)", "norm(X)", "sum(diag(x))", "sum(diag(X))", "sum(X' + I)", "sum(ones(2, 2) .* Z)" })
        {
            Assert.Equal($"{language}: {expression}", Export(expression, "X:matrix x:vector Z:2x2", language));
        }
    }

    [Fact]
    public void The_numpy_cases_run_every_function_of_the_catalogs()
    {
        var expressions = ExportNumPyTests.Cases.Select(row => (string)row[0]).ToList();

        foreach (var name in FunctionCatalog.All.Select(f => f.Name).Concat(MatrixFunctionCatalog.Names))
        {
            Assert.Contains(expressions, e => e.Contains(name + "(", StringComparison.Ordinal));
        }
    }

    /// <summary>A new file is built before it runs: 3-5 s here with a warm SDK, 15-20 s cold.</summary>
    [Theory]
    [InlineData(EveryFunction, EveryFunctionVariables, "x,X,a")]
    [InlineData("x'*S*x + logdet(S) + tr(A*S*B)", "x:vector S:symmetric A:matrix B:matrix", "S,x,A")]
    [InlineData("int*x'*x + t1^2 + Math*value + sum(Add) + _^3", "x:vector int:scalar t1:scalar Math:scalar value:scalar Add:matrix unused:vector _:scalar", "x,int,t1,Add,unused,_")]
    public void The_csharp_program_checks_its_gradients_and_passes(string expression, string variables, string wrt)
    {
        var code = ExportedProgram.Code(expression, "csharp", variables, ExportNumPyTests.Wrt(wrt));

        var run = ExportedProgram.RunCSharp(code);

        Assert.True(run.ExitCode == 0, $"{run}\n{code}");
        Assert.Equal("gradient check passed", run.Output.TrimEnd().Split('\n')[^1]);
    }

    [Fact]
    public void A_wrong_gradient_fails_the_csharp_check_with_the_discrepancy()
    {
        var code = ExportedProgram.Code("(a'*W*b - c)^2", "csharp", "a:vector b:vector W:matrix c:scalar", "W");
        var wrong = code.Replace("var grad_W = ", "var grad_W = Mul(1.5, ", StringComparison.Ordinal).Replace("Transpose(b)));", "Transpose(b))));", StringComparison.Ordinal);
        Assert.NotEqual(code, wrong);

        var run = ExportedProgram.RunCSharp(wrong);

        Assert.True(run.ExitCode == 1, $"{run}\n{wrong}");
        Assert.StartsWith("gradient check failed: df/dW[", run.Output.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
    }

    [Fact]
    public void The_numpy_program_passes_on_every_function_at_once()
    {
        var run = ExportedProgram.RunPython(ExportedProgram.Code(EveryFunction, "numpy", EveryFunctionVariables, "x", "X", "a"));

        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public void The_pytorch_file_is_valid_python()
    {
        var code = ExportedProgram.Code(EveryFunction, "pytorch", EveryFunctionVariables, "x", "X", "a");

        var run = ExportedProgram.RunPythonWith(code, "import ast; ast.parse(open('gradient.py').read()); print('parsed')");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("np.", code, StringComparison.Ordinal);
        Assert.DoesNotContain("requires_grad", code, StringComparison.Ordinal);
    }

    /// <summary>PyTorch is not installed on the machine this was written on; the test runs wherever it is.</summary>
    [SkippableTheory]
    [InlineData("(a'*W*b - c)^2", "a:vector b:vector W:matrix c:scalar", "W")]
    [InlineData("log(det(X))", "X:matrix", "X")]
    [InlineData("log(1 + exp(-y*w'*x))", "w:vector x:vector y:scalar", "w")]
    [InlineData(EveryFunction, EveryFunctionVariables, "x,X,a")]
    public void The_pytorch_program_checks_its_gradients_and_passes(string expression, string variables, string wrt)
    {
        Skip.IfNot(ExportedProgram.PythonHas("torch"), $"PyTorch is not installed: `{ExportedProgram.Python} -c \"import torch\"` fails.");
        var code = ExportedProgram.Code(expression, "pytorch", variables, ExportNumPyTests.Wrt(wrt));

        var run = ExportedProgram.RunPython(code);

        Assert.True(run.ExitCode == 0, $"{run}\n{code}");
        Assert.Equal("gradient check passed", run.Output.TrimEnd().Split('\n')[^1]);
    }

    /// <summary>"language: expression" when it exports, else the error: so that a failure names both.</summary>
    private static string Export(string expression, string variables, string language)
    {
        var answer = Calculus.Export(new ExportQuery(expression, ExportedProgram.Declarations(variables), null, language), ExportedProgram.Limits);
        return answer.IsSuccess ? $"{language}: {expression}" : $"{language}: {expression} failed: {answer.Error.Detail}";
    }
}
