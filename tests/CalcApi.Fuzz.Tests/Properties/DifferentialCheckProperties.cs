using CalcApi.Domain;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Fuzz.Tests.Generators;
using CalcApi.Fuzz.Tests.Support;
using CsCheck;
using Xunit.Abstractions;

namespace CalcApi.Fuzz.Tests.Properties;

/// <summary>
/// Answers in differential form to a matrix-gradient check (contract sections 1 and 7), over the typed generator: the
/// engine's own gradient G written as df = tr(G' d(X)) (g' d(x), g d(x)) is `equivalent`; df + sum(d(X)) is not, with a
/// counterexample that names the direction d(X).
/// </summary>
public class DifferentialCheckProperties(ITestOutputHelper output)
{
    private static int _judged;

    [Fact]
    public void The_engines_differential_is_equivalent_and_one_off_by_a_linear_form_is_not()
    {
        _judged = 0;
        Gen.Select(ExpressionGen.TypedTerms(2), Gen.Int[0, PointGen.TypedNames.Length - 1])
            .Sample((term, i) => Check(term.Text, PointGen.TypedNames[i]),
                writeLine: output.WriteLine, time: Harness.Seconds(5), threads: Harness.Threads,
                print: t => $"df of \"{t.Item1}\" along d({PointGen.TypedNames[t.Item2]})");
        output.WriteLine($"{_judged:N0} differential answers judged");
        Assert.True(_judged > 0, "no answer was judged");
    }

    private static readonly Dictionary<string, VariableDeclaration> Declarations = new()
    {
        ["a"] = VariableDeclaration.Vector(),
        ["b"] = VariableDeclaration.Vector(),
        ["W"] = VariableDeclaration.Matrix(),
        ["c"] = VariableDeclaration.Scalar,
        ["x"] = VariableDeclaration.Scalar,
    };

    private static void Check(string text, string wrt)
    {
        var read = Calculus.Read(text, Harness.Limits, Declarations);
        if (!read.IsSuccess || !read.Value.Expression.DependsOn(wrt))
        {
            return; // refused when read (a division by zero as written), or nothing to differentiate
        }

        var f = read.Value.Expression;
        var x = Walk.Distinct(f).First(n => n is MatrixSymbol { Name: var m } && m == wrt || n is Symbol { Name: var s } && s == wrt);
        var gradient = MatrixGradient.Of(f, wrt);
        if (IsZero(gradient))
        {
            return; // df = 0 holds no d(X): the answer is then read as a gradient, which has its own property
        }

        var right = TextPrinter.Print(Differentials.TraceForm(gradient, MatrixAlgebra.D(x)));
        if (right.Length > 4_000)
        {
            return; // about judging, not about size limits
        }

        var judged = Judge(text, wrt, right);
        if (judged is null)
        {
            return;
        }

        Interlocked.Increment(ref _judged);
        Assert.True(judged.Correct, $"the engine's own df = {right} is judged {judged.Verdict}: {judged.FirstWrong?.Error?.Detail}");
        // Off by sum(d(X)), a linear form no random direction makes 0: never equivalent, whatever df is (even where the
        // gradient is 0 wherever it is defined, as for det(W*ones(3,3)), which a scaled gradient would match).
        var wrong = Judge(text, wrt, $"{right} + sum(d({wrt}))");
        if (wrong is null)
        {
            return;
        }

        Assert.Equal(Verdict.NotEquivalent, wrong.Verdict);
        Assert.Contains($"d({wrt})", wrong.FirstWrong!.Counterexample!.At.Keys);
    }

    private static bool IsZero(Expr gradient) => CalcApi.Domain.Checking.Equivalence.IsZero(gradient) || gradient is Zeros;

    /// <summary>The verdict, or null where the check is refused (too few points inside the domain: 422 precision, a limit).</summary>
    private static CheckAnswer? Judge(string text, string wrt, string answer)
    {
        var outcome = Calculus.Check(new CheckQuery(CheckTask.MatrixGradient, new SubmittedAnswer(answer)) { Expression = text, Wrt = wrt, Declarations = Declarations }, Harness.Limits);
        if (!outcome.IsSuccess)
        {
            Assert.True(outcome.Error.Kind is ErrorKind.Precision or ErrorKind.LimitExceeded or ErrorKind.OutsideDomain, $"{outcome.Error.Kind}: {outcome.Error.Detail}");
            return null;
        }

        return outcome.Value;
    }
}
