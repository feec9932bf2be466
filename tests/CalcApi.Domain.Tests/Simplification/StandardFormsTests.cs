using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Simplification;
using CalcApi.Domain.Tests.Matrix;
using static CalcApi.Domain.Tests.Support.TestEngine;

namespace CalcApi.Domain.Tests.Simplification;

/// <summary>
/// The standard forms (sigmoid, softplus) recognised in answers: each rule as a table row, the two textbook gradients of
/// machine learning exactly as printed, and the property that matters most, that a recognised answer has the value of
/// the one it replaces at every point and keeps its real domain.
/// </summary>
public class StandardFormsTests
{
    // ---- the rules, one row each: the expression as the engine builds it, and as it reads recognised ----------------
    public static TheoryData<string, string> Rules => new()
    {
        { "exp(x)/(exp(x) + 1)", "sigmoid(x)" },
        { "exp(x)*(exp(x) + 1)^-1", "sigmoid(x)" },
        { "1/(1 + exp(-x))", "sigmoid(x)" },
        { "1/(1 + exp(x))", "sigmoid(-x)" },
        { "exp(-x)/(1 + exp(-x))^2", "(1 - sigmoid(x))*sigmoid(x)" },
        { "exp(x)^2/(1 + exp(x))^2", "sigmoid(x)^2" },
        { "exp(x)^3/(1 + exp(x))^2", "exp(x)*sigmoid(x)^2" },
        { "exp(u - v)/(exp(u - v) + 1)", "sigmoid(u - v)" },
        { "y*exp(-x*y)/(exp(-x*y) + 1)", "y*sigmoid(-x*y)" },
        { "exp(x)/(exp(x) + 1) - exp(x)^2/(exp(x) + 1)^2", "(1 - sigmoid(x))*sigmoid(x)" },
        { "2*y*exp(x)/(exp(x) + 1) - 2*y*exp(x)^2/(exp(x) + 1)^2", "2*y*(1 - sigmoid(x))*sigmoid(x)" },
        { "log(1 + exp(x))", "softplus(x)" },
        { "log(exp(-x) + 1)", "softplus(-x)" },
        { "log1p(exp(2*x))", "softplus(2*x)" },
        { "sigmoid(-x)*sigmoid(x)*exp(x)", "sigmoid(x)^2" },
        // sigmoid(-v) = 1 - sigmoid(v) where multiplying out then cancels: the cross-entropy gradient's two spellings.
        { "-y*sigmoid(-x) + (1 - y)*sigmoid(x)", "sigmoid(x) - y" },
        { "(1 - sigmoid(x))*((1 - y)/(1 - sigmoid(x)) - y/sigmoid(x))*sigmoid(x)", "sigmoid(x) - y" },
        { "(1 - sigmoid(x))*((1 - y)/(1 - sigmoid(x)) - (exp(-x) + 1)*y)*sigmoid(x)", "sigmoid(x) - y" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_standard_form_is_recognised(string written, string recognised)
    {
        var e = Read(written);
        var result = StandardForms.Recognise(e);
        Assert.Equal(recognised, TextPrinter.Print(result));
        AssertSameValues(e, result, written);
    }

    // ---- forms that are already the textbook's, or where a rewrite would not be shorter: left alone -----------------
    [Theory]
    [InlineData("(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("2*(sigmoid(x) - y)*(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("exp(x) + 1")]
    [InlineData("log(exp(x) + 2)")]
    [InlineData("exp(x)/(exp(x) + 2)")]
    [InlineData("exp(y)/(exp(x) + 1)")]
    [InlineData("sigmoid(-x)*sigmoid(x)")]
    [InlineData("x^2*sin(x)")]
    public void A_form_without_a_shorter_standard_form_is_left_as_it_is(string written)
    {
        var e = Read(written);
        Assert.Same(e, StandardForms.Recognise(e));
    }

    [Fact]
    public void Multiplying_out_never_cancels_a_quotient_that_can_vanish()
    {
        // sigmoid(x)*y*(1/y - 1/sigmoid(x)) would multiply out to sigmoid(x) - y, dropping y != 0: refused.
        var e = Read("sigmoid(x)*y*(1/y - 1/sigmoid(x))");
        var result = StandardForms.Recognise(e);
        Assert.Contains(Condition.NonZero(Read("y")), DomainConditions.Within(result));
        AssertSameValues(e, result, "sigmoid(x)*y*(1/y - 1/sigmoid(x))");
    }

    // ---- the property: Recognise(e) = e at random points, over a table of exp/log functions and their derivatives ---
    public static TheoryData<string> ExpLogFunctions => new()
    {
        "1/(1 + exp(-x))",
        "exp(x)/(1 + exp(x))",
        "log(1 + exp(x))",
        "log(1 + exp(-x*y))",
        "log1p(exp(3*x - y))",
        "y*log(1/(1 + exp(-x))) + (1 - y)*log(1 - 1/(1 + exp(-x)))",
        "-y*log(sigmoid(x)) - (1 - y)*log(1 - sigmoid(x))",
        "y*softplus(-x) + (1 - y)*softplus(x)",
        "x*log(1 + exp(-x)) + (1 - x)*log(1 + exp(x))",
        "(sigmoid(x*y) - y)^2",
        "exp(x)/(1 + exp(x))^2",
        "exp(3*x)/(1 + exp(x))^2",
        "exp(x)*log(1 + exp(x))",
        "sin(x)/(1 + exp(sin(x)))",
        "log(1 + exp(x^2)) - log(1 + exp(-x^2))",
        "sigmoid(-x)*sigmoid(x)*exp(y)",
        "1/(1 + exp(-x))^3 + exp(x)",
        "x/(1 + exp(x))",
        "sigmoid(2*x)^2*exp(-2*x)",
        "sigmoid(x)*exp(2*x)",
    };

    [Theory]
    [MemberData(nameof(ExpLogFunctions))]
    public void Recognising_the_derivatives_of_exp_and_log_functions_keeps_every_value(string function)
    {
        var f = Read(function);
        foreach (var derivative in new[] { f, Differentiator.Differentiate(f, "x"), Differentiator.Differentiate(f, "x", 2), Differentiator.Differentiate(f, "y") })
        {
            var recognised = StandardForms.Recognise(derivative);
            AssertSameValues(derivative, recognised, $"{function}: {derivative}");
            Assert.True(StandardFormsOperations(recognised) <= StandardFormsOperations(derivative),
                $"{function}: '{TextPrinter.Print(recognised)}' is longer than '{TextPrinter.Print(derivative)}'");
        }
    }

    /// <summary>
    /// Random compositions of the exp/log spellings of sigmoid and softplus (and sigmoid itself, either sign) around random
    /// arguments from the general generator, combined by +, -, * and /: recognised, each and its derivative has the same
    /// value wherever it had one (and is defined exactly where it was), and is never longer.
    /// </summary>
    [Fact]
    public void Recognising_random_compositions_of_sigmoid_spellings_keeps_every_value()
    {
        var random = new Random(20261129);
        var arguments = new Support.ExpressionGenerator(20261129);
        string[] spellings = ["exp(V)/(exp(V) + 1)", "1/(1 + exp(-(V)))", "1/(1 + exp(V))", "log(1 + exp(V))", "log1p(exp(V))", "sigmoid(V)", "sigmoid(-(V))", "exp(V)", "y"];
        string Composite(int depth) => depth == 0 || random.NextDouble() < 0.3
            ? spellings[random.Next(spellings.Length)].Replace("V", random.Next(3) == 0 ? arguments.Next(2) : "x*y", StringComparison.Ordinal)
            : $"({Composite(depth - 1)}){"+-*/"[random.Next(4)]}({Composite(depth - 1)})";

        var (checkedCount, rewritten) = (0, 0);
        for (var i = 0; i < 150; i++)
        {
            var text = Composite(3);
            if (!TryRead(text, out var f))
            {
                continue;
            }

            foreach (var e in new[] { f, Differentiator.Differentiate(f, "x") })
            {
                var recognised = StandardForms.Recognise(e);
                rewritten += ReferenceEquals(recognised, e) ? 0 : 1;
                Assert.True(StandardFormsOperations(recognised) <= StandardFormsOperations(e), $"{text}: '{TextPrinter.Print(recognised)}' is longer than '{TextPrinter.Print(e)}'");
                AssertSameValues(e, recognised, text, minimumDefined: 0);
            }

            checkedCount++;
        }

        Assert.True(checkedCount >= 100, $"only {checkedCount} of 150 compositions read");
        Assert.True(rewritten >= checkedCount, $"only {rewritten} of {2 * checkedCount} expressions were rewritten: the property hardly tests the pass");
    }

    // ---- the textbook gradients, through the front door -------------------------------------------------------------
    [Theory]
    [InlineData("sum(log(1 + exp(-y .* (X*w))))", "-X'*(sigmoid(-X*w.*y).*y)")]
    [InlineData("sum(log1p(exp(-y .* (X*w))))", "-X'*(sigmoid(-X*w.*y).*y)")]
    [InlineData("sum(softplus(-y .* (X*w)))", "-X'*(sigmoid(-X*w.*y).*y)")]
    public void The_logistic_loss_gradient_reads_as_the_textbook_writes_it(string loss, string expected) =>
        AssertTextbookGradient(loss, "X:5x3 w:3 y:5/pm", expected);

    [Theory]
    [InlineData("sum(-y.*log(sigmoid(X*w)) - (1 - y).*log(1 - sigmoid(X*w)))")]
    [InlineData("-sum(y .* log(sigmoid(X*w)) + (1 - y) .* log(1 - sigmoid(X*w)))")]
    [InlineData("sum(-y.*log(1 ./(1 + exp(-X*w))) - (1 - y).*log(1 - 1 ./(1 + exp(-X*w))))")]
    [InlineData("sum(y.*softplus(-X*w) + (1 - y).*softplus(X*w))")]
    [InlineData("sum(y.*log(1 + exp(-X*w)) + (1 - y).*log(1 + exp(X*w)))")]
    [InlineData("sum(log(1 + exp(X*w)) - y.*(X*w))")]
    public void The_cross_entropy_gradient_reads_as_the_textbook_writes_it(string loss) =>
        AssertTextbookGradient(loss, "X:5x3 w:3 y:5/prob", "X'*(sigmoid(X*w) - y)");

    [Fact]
    public void The_logistic_gradient_in_steps_ends_with_a_simplify_line_at_the_answer()
    {
        var specs = VariableSpec.ParseAll("X:5x3 w:3 y:5/pm");
        var answer = Calculus.MatrixGradient(
            new MatrixGradientQuery("sum(log(1 + exp(-y .* (X*w))))", MatrixTestKit.Declarations(specs), ["w"]) { Steps = CalcApi.Domain.Steps.StepDetail.Full },
            EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        var steps = answer.Value.Gradients[0].Steps!;
        Assert.Equal("identify", steps[^2].Rule);
        Assert.Contains("exp(", steps[^2].Expression.Text, StringComparison.Ordinal);
        Assert.Equal("simplify", steps[^1].Rule);
        Assert.Equal("gradient", steps[^1].Form);
        Assert.Equal(answer.Value.Gradients[0].Gradient.Text, steps[^1].Expression.Text);
    }

    // ---- scalar answers ---------------------------------------------------------------------------------------------
    [Theory]
    [InlineData("1/(1 + exp(-x))", "(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("log(1 + exp(x))", "sigmoid(x)")]
    [InlineData("log(1 + exp(-x))", "-sigmoid(-x)")]
    [InlineData("x*log(sigmoid(x)) + (1 - x)*log(1 - sigmoid(x))", "x - sigmoid(x) + log(sigmoid(x)) - log(1 - sigmoid(x))")]
    [InlineData("sigmoid(x)", "(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("exp(x)/(1 + exp(x))", "(1 - sigmoid(x))*sigmoid(x)")]
    public void A_scalar_derivative_reads_with_its_standard_forms(string function, string expected)
    {
        var answer = Calculus.Differentiate(new DerivativeQuery(function, "x", At: Point(0.7)) { Steps = CalcApi.Domain.Steps.StepDetail.Full }, EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        Assert.Equal(expected, answer.Value.Derivative.Text);
        Assert.Equal(expected, answer.Value.Steps![^1].Expression.Text);
        Assert.Equal(Eval(D(function, "x"), new Dictionary<string, double> { ["x"] = 0.7 }), answer.Value.Value!.Value, 12);

        var gradient = Calculus.Gradient(new GradientQuery(function, ["x"], Point(0.7)) { Steps = CalcApi.Domain.Steps.StepDetail.Full }, EngineLimits.Default);
        Assert.True(gradient.IsSuccess, gradient.Error?.Detail);
        Assert.Equal(expected, gradient.Value.Components[0].Derivative.Text);
        Assert.Equal(expected, gradient.Value.Components[0].Steps![^1].Expression.Text);
    }

    [Fact]
    public void Far_out_the_sigmoid_form_gives_the_value_the_exp_form_overflows_on()
    {
        // exp(x)/(exp(x) + 1) at 800 is inf/inf in doubles; sigmoid(800) is 1 (contract section 5: right or refused).
        var answer = Calculus.Differentiate(new DerivativeQuery("log(1 + exp(x))", "x", At: Point(800)), EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        Assert.Equal(1.0, answer.Value.Value!.Value, 12);
    }

    // ---- bounded: never a refusal -------------------------------------------------------------------------------------
    [Fact]
    public void Out_of_its_allowance_the_pass_answers_the_expression_unchanged_and_leaves_the_budget_alone()
    {
        var e = Differentiator.Differentiate(Read("log(1 + exp(sin(x)))*exp(x)/(1 + exp(x))"), "x", 3);
        using var budget = WorkBudget.Enter(EngineLimits.Default with { MaxWorkNodes = 50 }, CancellationToken.None);
        Assert.Same(e, StandardForms.Recognise(e));
        // The pass's nodes were charged to its own allowance: the request's 50 are all still there.
        for (var i = 0; i < 40; i++)
        {
            _ = Algebra.Variable($"v{i}");
        }
    }

    // ---- polynomials in sigmoid(v) ------------------------------------------------------------------------------------
    [Theory]
    [InlineData(2, "(1 - 2*sigmoid(x))*(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData(3, "(1 - sigmoid(x))*(6*sigmoid(x)^2 - 6*sigmoid(x) + 1)*sigmoid(x)")]
    [InlineData(4, "(1 - sigmoid(x))*(36*sigmoid(x)^2 - 24*sigmoid(x)^3 - 14*sigmoid(x) + 1)*sigmoid(x)")]
    [InlineData(6, "(1 - sigmoid(x))*(1800*sigmoid(x)^4 - 720*sigmoid(x)^5 - 1560*sigmoid(x)^3 + 540*sigmoid(x)^2 - 62*sigmoid(x) + 1)*sigmoid(x)")]
    public void The_logistic_functions_higher_derivatives_are_polynomials_in_the_sigmoid(int order, string expected)
    {
        var answer = Calculus.Differentiate(new DerivativeQuery("1/(1 + exp(-x))", "x", order), EngineLimits.Default);
        Assert.True(answer.IsSuccess, answer.Error?.Detail);
        Assert.Equal(expected, answer.Value.Derivative.Text);
        var canonical = Differentiator.Differentiate(Read("1/(1 + exp(-x))"), "x", order);
        AssertSameValues(canonical, Read(expected), $"order {order}");
        Assert.True(Operations.Of(Read(expected)) < Operations.Of(CalcApi.Domain.Simplification.Forms.Simplest(Cancel.Of(canonical).Result)), "the sigmoid form is the shorter one");
    }

    [Theory]
    [InlineData("(exp(-x) - 1)*(1 - sigmoid(x))*sigmoid(x)^2", "(1 - 2*sigmoid(x))*(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("-(1 - sigmoid(-x))*sigmoid(-x)", "-(1 - sigmoid(x))*sigmoid(x)")]
    [InlineData("y*exp(-x)*sigmoid(x)^2 + y*sigmoid(x)^2", "y*sigmoid(x)")]
    [InlineData("sigmoid(-3*x)*sigmoid(3*x)^2*(exp(3*x) + 2)", "(2 - sigmoid(3*x))*sigmoid(3*x)^2")]
    public void A_function_of_one_sigmoid_and_its_exponentials_is_written_in_the_sigmoid(string input, string expected)
    {
        var e = Read(input);
        var written = SigmoidPolynomials.Of(e);
        Assert.Equal(expected, TextPrinter.Print(written));
        AssertSameValues(e, written, input);
    }

    [Theory]
    [InlineData("sigmoid(x)*exp(2*x) + exp(-x)")]
    [InlineData("(exp(-x) - 1)*(1 - sigmoid(x))*sigmoid(x)^2/(x - 1)")]
    [InlineData("(exp(-x) - 1)*(1 - sigmoid(x))*sigmoid(x)^2*sqrt(x)")]
    [InlineData("sigmoid(x)*y*(1/y - 1/sigmoid(x))")]
    [InlineData("(exp(-x) - 1)*(1 - sigmoid(x))*sigmoid(x)^2*sigmoid(y)")]
    [InlineData("(exp(-exp(x)) - 1)*(1 - sigmoid(exp(x)))*sigmoid(exp(x))^2")]
    [InlineData("(1 - sigmoid(x))*sigmoid(x)")]
    public void Other_arguments_other_denominators_and_shortest_forms_are_left_alone(string input)
    {
        var e = Read(input);
        Assert.Same(e, SigmoidPolynomials.Of(e));
    }

    [Fact]
    public void A_high_order_derivative_is_recognised_quickly()
    {
        var f = Read("log(1 + exp(x))");
        var d = Differentiator.Differentiate(f, "x", 8);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var recognised = StandardForms.Recognise(d);
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 2_000, $"{watch.ElapsedMilliseconds} ms");
        Assert.True(StandardFormsOperations(recognised) < StandardFormsOperations(d));
        AssertSameValues(d, recognised, "d^8/dx^8 log(1 + exp(x))");
    }

    private static Dictionary<string, Value> Point(double x) => new() { ["x"] = Value.Of(x) };

    private static long StandardFormsOperations(Expr e) => Operations.Of(e);

    private static void AssertTextbookGradient(string loss, string variables, string expected)
    {
        var specs = VariableSpec.ParseAll(variables);
        var declarations = MatrixTestKit.Declarations(specs);
        var f = Calculus.Read(loss, EngineLimits.Default, declarations).Value.Expression;
        var unrecognised = MatrixGradient.Of(f, "w");
        for (var seed = 0; seed < 5; seed++)
        {
            var at = MatrixTestKit.Point(specs, MatrixTestKit.StableSeed(loss) + seed);
            var answer = Calculus.MatrixGradient(new MatrixGradientQuery(loss, declarations, ["w"], at), EngineLimits.Default);
            Assert.True(answer.IsSuccess, answer.Error?.Detail);
            Assert.Equal(expected, answer.Value.Gradients[0].Gradient.Text);

            var before = MatrixEvaluator.Evaluate(unrecognised, at);
            Assert.True(before.IsSuccess, before.Error?.Detail);
            var bad = MatrixTestKit.Mismatches(MatrixTestKit.AsMatrix(answer.Value.Gradients[0].Value!), MatrixTestKit.AsMatrix(before.Value), relative: 1e-12, floor: 1e-14);
            Assert.True(bad.Count == 0, $"{loss}: {string.Join("; ", bad)}");
        }
    }

    /// <summary>
    /// Both sides outside the real domain at the same random points, and elsewhere equal: in doubles to 1e-11 relative,
    /// or, where doubles lose digits or overflow in either form (softplus(v) - sigmoid(v) far out, exp(757)), both computed
    /// to the contract's precision (1e-9 relative, 1e-12 absolute near zero).
    /// </summary>
    private static void AssertSameValues(Expr before, Expr after, string what, int minimumDefined = 30)
    {
        var random = new Random(MatrixTestKit.StableSeed(what));
        var compared = 0;
        for (var i = 0; i < 40; i++)
        {
            var point = new Dictionary<string, double>
            {
                ["x"] = (6 * random.NextDouble()) - 3,
                ["y"] = (6 * random.NextDouble()) - 3,
                ["u"] = (6 * random.NextDouble()) - 3,
                ["v"] = (6 * random.NextDouble()) - 3,
            };
            var where = $"at x = {point["x"]}, y = {point["y"]}";
            var definedBefore = TryEval(before, point, out var a);
            var definedAfter = TryEval(after, point, out var b);
            if (definedBefore && definedAfter && Math.Abs(a - b) <= 1e-11 * Math.Max(1, Math.Abs(a)))
            {
                compared++;
                continue;
            }

            var at = point.ToDictionary(p => p.Key, p => Value.Of(p.Value), StringComparer.Ordinal);
            var (exactBefore, exactAfter) = (ExactValues.Scalar(before, at), ExactValues.Scalar(after, at));
            Assert.True(Outside(exactBefore) == Outside(exactAfter),
                $"{what}: {(Outside(exactBefore) ? "outside" : "inside")} the domain before, {(Outside(exactAfter) ? "outside" : "inside")} after ('{TextPrinter.Print(after)}') {where}");
            if (exactBefore.IsSuccess && exactAfter.IsSuccess)
            {
                Assert.True(Math.Abs(exactBefore.Value - exactAfter.Value) <= (2e-9 * Math.Abs(exactBefore.Value)) + 2e-12,
                    $"{what}: {exactBefore.Value} before, {exactAfter.Value} after ('{TextPrinter.Print(after)}') {where}");
                compared++;
            }
        }

        Assert.True(compared >= minimumDefined, $"{what}: only {compared} of 40 points defined");

        static bool Outside(CalcApi.Domain.Errors.Outcome<double> value) => !value.IsSuccess && value.Error.Kind == CalcApi.Domain.Errors.ErrorKind.OutsideDomain;
    }
}
