using CalcApi.Domain.Binding;
using CalcApi.Domain.Checking;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Syntax;
using CalcApi.Domain.Tests.Matrix;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Checking;

/// <summary>
/// The mistakes found by mutated rules: for each function, the answer a student making one mistake typically
/// writes (as text, the way they write it) must equal some mistake of the expected code, and a right answer
/// or an unrelated wrong one must equal none.
/// </summary>
public class MistakesTests
{
    public static TheoryData<string, string, int, string, string> ScalarRows { get; } = new()
    {
        // The chain rule without the inner derivative, at one site or all.
        { "sin(x^2)", "x", 1, "cos(x^2)", "missingInnerDerivative" },
        { "exp(cos(x^2))", "x", 1, "-sin(x^2)*exp(cos(x^2))", "missingInnerDerivative" },
        { "exp(cos(x^2))", "x", 1, "exp(cos(x^2))", "missingInnerDerivative" },
        { "(x^2 + 1)^3", "x", 1, "3*(x^2 + 1)^2", "missingInnerDerivative" },
        { "ln(x^2 + 1)", "x", 1, "1/(x^2 + 1)", "missingInnerDerivative" },
        { "sqrt(1 - x^2)", "x", 1, "1/(2*sqrt(1 - x^2))", "missingInnerDerivative" },
        { "2^(3*x)", "x", 1, "ln(2)*2^(3*x)", "missingInnerDerivative" },
        { "ln(sin(x))", "x", 1, "1/sin(x)", "missingInnerDerivative" },
        { "atan(2*x)", "x", 1, "1/(1 + 4*x^2)", "missingInnerDerivative" },
        { "sin(x^2)*cos(x^3)", "x", 1, "cos(x^2)*cos(x^3) - sin(x^2)*sin(x^3)", "missingInnerDerivative" },
        // The inside's derivative put inside.
        { "sin(x^2)", "x", 1, "cos(2*x)", "chainRuleArgument" },
        { "sin(x^2)", "x", 1, "2*x*cos(2*x)", "chainRuleArgument" },
        // The product rule as f'*g'.
        { "x*sin(x)", "x", 1, "cos(x)", "productOfDerivatives" },
        { "x^2*exp(x)", "x", 1, "2*x*exp(x)", "productOfDerivatives" },
        { "sin(x)*cos(x)", "x", 1, "-sin(x)*cos(x)", "productOfDerivatives" },
        { "x^2*ln(x)", "x", 1, "2", "productOfDerivatives" },
        { "3*x*e^x", "x", 1, "3*e^x", "productOfDerivatives" },
        // The quotient rule: sign swapped, derivatives divided, denominator not squared.
        { "sin(x)/x", "x", 1, "(sin(x) - x*cos(x))/x^2", "quotientRuleSign" },
        { "x/(x + 1)", "x", 1, "(x - (x + 1))/(x + 1)^2", "quotientRuleSign" },
        { "x^2/(x^2 + 1)", "x", 1, "(x^2*2*x - 2*x*(x^2 + 1))/(x^2 + 1)^2", "quotientRuleSign" },
        { "1/(x^2 + 1)", "x", 1, "2*x/(x^2 + 1)^2", "quotientRuleSign" },
        { "x + 1/x", "x", 1, "1 + 1/x^2", "quotientRuleSign" },
        { "sin(x)/x", "x", 1, "cos(x)", "quotientOfDerivatives" },
        { "x/(x + 1)", "x", 1, "((x + 1) - x)/(x + 1)", "quotientRuleDenominator" },
        // The power rule: the exponent not lowered, or not brought down.
        { "x^3", "x", 1, "3*x^3", "powerRuleExponent" },
        { "x^5 + x", "x", 1, "5*x^5 + 1", "powerRuleExponent" },
        { "(2*x + 1)^4", "x", 1, "8*(2*x + 1)^4", "powerRuleExponent" },
        { "1/x^2", "x", 1, "-2/x^2", "powerRuleExponent" },
        { "x^3", "x", 1, "x^2", "powerRuleCoefficient" },
        { "sqrt(x)", "x", 1, "1/sqrt(x)", "powerRuleCoefficient" },
        // Exponentials.
        { "e^x", "x", 1, "x*e^(x - 1)", "exponentialAsPower" },
        { "2^x", "x", 1, "x*2^(x - 1)", "exponentialAsPower" },
        { "exp(x)", "x", 1, "x*exp(x - 1)", "exponentialAsPower" },
        { "2^x", "x", 1, "2^x", "exponentialMissingLog" },
        { "3^(x^2)", "x", 1, "2*x*3^(x^2)", "exponentialMissingLog" },
        { "x^x", "x", 1, "x*x^(x - 1)", "variableExponent" },
        { "x^x", "x", 1, "ln(x)*x^x", "variableExponent" },
        // Signs of trigonometric and hyperbolic derivatives.
        { "sin(x)", "x", 1, "-cos(x)", "trigSign" },
        { "cos(x)", "x", 1, "sin(x)", "trigSign" },
        { "x + cos(x)", "x", 1, "1 + sin(x)", "trigSign" },
        { "cos(2*x)", "x", 1, "2*sin(2*x)", "trigSign" },
        { "cot(x)", "x", 1, "csc(x)^2", "trigSign" },
        { "acos(x)", "x", 1, "1/sqrt(1 - x^2)", "trigSign" },
        { "cosh(x)", "x", 1, "-sinh(x)", "hyperbolicSign" },
        // The wrong variable.
        { "x^2*y", "x", 1, "x^2", "wrongVariable" },
        { "x*y + sin(y)", "x", 1, "x + cos(y)", "wrongVariable" },
        // Higher orders: the mistake in the first differentiation, in the last, or in every one.
        { "sin(x^2)", "x", 2, "-2*x*sin(x^2)", "missingInnerDerivative" },
        { "sin(x^2)", "x", 2, "-sin(x^2)", "missingInnerDerivative" },
        { "x^3", "x", 2, "9*x^2", "powerRuleExponent" },
        { "x^3", "x", 2, "9*x^3", "powerRuleExponent" },
        { "x*sin(x)", "x", 2, "-sin(x)", "productOfDerivatives" },
        { "exp(x^2)", "x", 2, "4*x*exp(x^2)", "productOfDerivatives" },
        { "x^2*y^3", "x", 2, "6*x^2*y", "wrongVariable" },
    };

    [Theory]
    [MemberData(nameof(ScalarRows))]
    public void A_typical_wrong_answer_is_diagnosed_with_its_mistake(string f, string variable, int order, string answer, string code)
    {
        var expression = TestEngine.Read(f);
        var student = TestEngine.Read(answer);
        var truth = Differentiator.Differentiate(expression, variable, order);
        Assert.False(SameScalar(student, truth), $"the row is wrong: {answer} is the true derivative {truth}");

        var mistakes = Mistakes.Scalar(expression, variable, order);
        var matching = mistakes.Where(m => SameScalar(m.Derivative, student)).ToList();
        Assert.True(matching.Any(m => m.Code == code),
            $"no {code} equals {answer}; matching: [{string.Join(", ", matching.Select(m => m.Code))}]; found:\n{Show(mistakes)}");
    }

    public static TheoryData<string, string, int, string> RightOrUnrelatedAnswers { get; } = new()
    {
        { "sin(x^2)", "x", 1, "2*x*cos(x^2)" },
        { "exp(cos(x^2))", "x", 1, "-2*x*sin(x^2)*exp(cos(x^2))" },
        { "x*sin(x)", "x", 1, "sin(x) + x*cos(x)" },
        { "sin(x)/x", "x", 1, "(x*cos(x) - sin(x))/x^2" },
        { "x^3", "x", 1, "3*x^2" },
        { "2^x", "x", 1, "ln(2)*2^x" },
        { "x^x", "x", 1, "x^x*(ln(x) + 1)" },
        { "cos(x)", "x", 1, "-sin(x)" },
        { "x^2*y", "x", 1, "2*x*y" },
        { "sin(x^2)", "x", 2, "2*cos(x^2) - 4*x^2*sin(x^2)" },
        // Wrong, but by no rule: nothing to name.
        { "sin(x^2)", "x", 1, "17*x" },
        { "x*sin(x)", "x", 1, "x^2" },
    };

    [Theory]
    [MemberData(nameof(RightOrUnrelatedAnswers))]
    public void A_right_or_unrelated_answer_matches_no_mistake(string f, string variable, int order, string answer)
    {
        var mistakes = Mistakes.Scalar(TestEngine.Read(f), variable, order);
        var student = TestEngine.Read(answer);
        var matching = mistakes.Where(m => SameScalar(m.Derivative, student)).ToList();
        Assert.True(matching.Count == 0, $"{answer} matches {Show(matching)}");
    }

    [Theory]
    [MemberData(nameof(ScalarRows))]
    public void Every_mistake_differs_from_the_truth_once_per_code_and_is_bounded(string f, string variable, int order, string answer, string code)
    {
        _ = (answer, code);
        var expression = TestEngine.Read(f);
        var truth = Differentiator.Differentiate(expression, variable, order);
        var mistakes = Mistakes.Scalar(expression, variable, order);
        Assert.NotEmpty(mistakes);
        Assert.True(mistakes.Count <= Mistakes.MaxCandidates);
        Assert.All(mistakes, m => Assert.False(SameScalar(m.Derivative, truth), $"{m.Code} {m.Derivative} is the truth"));
        Assert.Equal(mistakes.Count, mistakes.Select(m => (m.Code, m.Derivative)).Distinct().Count());
        Assert.All(mistakes, m => Assert.False(string.IsNullOrWhiteSpace(m.Message)));
    }

    [Theory]
    [InlineData("sin(x^2)", "missingInnerDerivative", "cos(x^2)", "You differentiated the outer function of sin(x^2) but did not multiply by the derivative of its inside, x^2 (that is 2*x).")]
    [InlineData("x*sin(x)", "productOfDerivatives", "cos(x)", "The derivative of the product x*sin(x) is not the product of the derivatives: use the product rule, (f*g)' = f'*g + f*g'.")]
    [InlineData("x^3", "powerRuleExponent", "3*x^3", "In the power rule for x^3 the exponent goes down by one: d/dx u^n = n*u^(n-1)*u', so the derivative has x^2, not x^3.")]
    [InlineData("x^2*y", "wrongVariable", "x^2", "You differentiated with respect to y, but the question asks for the derivative with respect to x: treat y as a constant.")]
    public void A_message_names_where_the_rule_went_wrong(string f, string code, string answer, string message)
    {
        var mistakes = Mistakes.Scalar(TestEngine.Read(f), "x", 1);
        var student = TestEngine.Read(answer);
        var mistake = Assert.Single(mistakes, m => m.Code == code && SameScalar(m.Derivative, student));
        Assert.Equal(message, mistake.Message);
    }

    [Fact]
    public void A_higher_order_says_in_which_differentiation_the_mistake_was_made()
    {
        var mistakes = Mistakes.Scalar(TestEngine.Read("x^3"), "x", 2);
        Assert.StartsWith("In the first of the 2 differentiations: ", Assert.Single(mistakes, m => m.Code == "powerRuleExponent" && m.Derivative.Equals(TestEngine.Read("9*x^2"))).Message);
        Assert.StartsWith("In each of the 2 differentiations: ", Assert.Single(mistakes, m => m.Code == "powerRuleExponent" && m.Derivative.Equals(TestEngine.Read("9*x^3"))).Message);
    }

    /// <summary>
    /// Within a work budget the true fourth derivative fits in, with room to spare, the mistakes stay inside it too:
    /// forty mutated fourth derivatives of this f would need over 80,000 nodes, so without the bound on the work the
    /// request would fail on its diagnosis.
    /// </summary>
    [Fact]
    public void A_large_derivative_keeps_the_mistakes_within_the_work_budget()
    {
        var f = TestEngine.Read("sin(x)*cos(x^2)*exp(x)*ln(x)*tan(x)/(x^2 + 1)");
        using var budget = WorkBudget.Enter(EngineLimits.Default with { MaxWorkNodes = 40_000 }, CancellationToken.None);
        var truth = Differentiator.Differentiate(f, "x", 4);
        var mistakes = Mistakes.Scalar(f, "x", 4);
        Assert.True(mistakes.Count < Mistakes.MaxCandidates, $"{mistakes.Count} mistakes");
        Assert.All(mistakes, m => Assert.NotEqual(truth, m.Derivative));
    }

    [Fact]
    public void Nothing_is_a_mistake_where_there_is_nothing_to_differentiate()
    {
        Assert.Empty(Mistakes.Scalar(TestEngine.Read("x"), "x", 1));
        Assert.Empty(Mistakes.Scalar(TestEngine.Read("5"), "x", 1));
        Assert.Empty(Mistakes.Scalar(TestEngine.Read("x^2"), "x", 0));
    }

    public static TheoryData<string, string, string, string, string> MatrixRows { get; } = new()
    {
        // Quadratic forms: one occurrence, symmetric assumed, the transpose.
        { "w'*M*w", "w:3 M:3x3", "w", "M*w", "notSymmetrized" },
        { "w'*M*w", "w:3 M:3x3", "w", "M'*w", "notSymmetrized" },
        { "w'*M*w", "w:3 M:3x3", "w", "2*M*w", "assumedSymmetric" },
        { "w'*M*w", "w:3 M:3x3", "w", "w'*(M + M')", "transposed" },
        { "x'*A*x + b'*x", "x:3 A:3x3 b:3", "x", "A*x + b", "notSymmetrized" },
        { "tr(X'*A*X)", "X:3x2 A:3x3", "X", "A*X", "notSymmetrized" },
        { "tr(X'*A*X)", "X:3x2 A:3x3", "X", "2*A*X", "assumedSymmetric" },
        // Squares: the factor 2.
        { "x'*x", "x:3", "x", "x", "missingFactorTwo" },
        { "norm(A*x - b)^2", "A:4x3 x:3 b:4", "x", "A'*(A*x - b)", "missingFactorTwo" },
        { "(A*x - b)'*(A*x - b)", "A:4x3 x:3 b:4", "x", "A'*(A*x - b)", "missingFactorTwo" },
        { "(a'*W*b - c)^2", "a:2 W:2x3 b:3 c:s", "W", "(a'*W*b - c)*a*b'", "missingFactorTwo" },
        { "sum(x.^2)", "x:3", "x", "x", "missingFactorTwo" },
        { "x'*S*x", "x:3 S:3x3/sym", "x", "S*x", "missingFactorTwo" },
        // Transposes.
        { "(a'*W*b - c)^2", "a:2 W:2x3 b:3 c:s", "W", "2*(a'*W*b - c)*b*a'", "transposed" },
        { "a'*x", "a:3 x:3", "x", "a'", "transposed" },
        { "tr(A*X*B)", "A:3x3 X:3x3 B:3x3", "X", "B*A", "transposed" },
        { "tr(A*X*B)", "A:3x3 X:3x3 B:3x3", "X", "A*B", "tracePermutation" },
        { "tr(A'*X*B)", "A:3x3 X:3x3 B:3x3", "X", "A'*B", "tracePermutation" },
        // Inverses not transposed.
        { "logdet(X)", "X:3x3/dd", "X", "inv(X)", "inverseNotTransposed" },
        { "det(X)", "X:3x3/dd", "X", "det(X)*inv(X)", "inverseNotTransposed" },
        { "log(det(X)) + tr(X)", "X:3x3/dd", "X", "inv(X) + I", "inverseNotTransposed" },
        { "tr(inv(X))", "X:3x3/dd", "X", "-inv(X)*inv(X)", "inverseNotTransposed" },
    };

    [Theory]
    [MemberData(nameof(MatrixRows))]
    public void A_typical_wrong_gradient_is_diagnosed_with_its_mistake(string f, string variables, string wrt, string answer, string code)
    {
        var specs = VariableSpec.ParseAll(variables);
        var expression = ReadMatrix(f, specs);
        var student = ReadMatrix(answer, specs);
        var truth = MatrixGradient.Of(expression, wrt);
        Assert.False(SameMatrix(student, truth, specs), $"the row is wrong: {answer} is the true gradient {truth}");

        var mistakes = Mistakes.Matrix(expression, wrt);
        var matching = mistakes.Where(m => SameMatrix(m.Derivative, student, specs)).ToList();
        Assert.True(matching.Any(m => m.Code == code),
            $"no {code} equals {answer}; matching: [{string.Join(", ", matching.Select(m => m.Code))}]; found:\n{Show(mistakes)}");
        Assert.All(mistakes, m => Assert.False(SameMatrix(m.Derivative, truth, specs), $"{m.Code} {m.Derivative} is the truth"));
        Assert.Equal(mistakes.Count, mistakes.Select(m => (m.Code, m.Derivative)).Distinct().Count());
    }

    public static TheoryData<string, string, string, string> RightMatrixAnswers { get; } = new()
    {
        { "w'*M*w", "w:3 M:3x3", "w", "(M + M')*w" },
        { "w'*S*w", "w:3 S:3x3/sym", "w", "2*S*w" },
        { "x'*x", "x:3", "x", "2*x" },
        { "tr(A*X*B)", "A:3x3 X:3x3 B:3x3", "X", "A'*B'" },
        { "logdet(X)", "X:3x3/dd", "X", "inv(X)'" },
        { "logdet(S)", "S:3x3/sym", "S", "inv(S)" },
        { "(a'*W*b - c)^2", "a:2 W:2x3 b:3 c:s", "W", "2*(a'*W*b - c)*a*b'" },
    };

    [Theory]
    [MemberData(nameof(RightMatrixAnswers))]
    public void A_right_gradient_matches_no_mistake(string f, string variables, string wrt, string answer)
    {
        var specs = VariableSpec.ParseAll(variables);
        var mistakes = Mistakes.Matrix(ReadMatrix(f, specs), wrt);
        var student = ReadMatrix(answer, specs);
        var matching = mistakes.Where(m => SameMatrix(m.Derivative, student, specs)).ToList();
        Assert.True(matching.Count == 0, $"{answer} matches {Show(matching)}");
    }

    [Fact]
    public void A_matrix_message_cites_the_identity()
    {
        var specs = VariableSpec.ParseAll("A:3x3 X:3x3 B:3x3");
        var mistake = Assert.Single(Mistakes.Matrix(ReadMatrix("tr(A*X*B)", specs), "X"), m => m.Code == "tracePermutation");
        Assert.Contains("Matrix Cookbook (101)", mistake.Message, StringComparison.Ordinal);
        Assert.Equal(ReadMatrix("A*B", specs), mistake.Derivative);
    }

    [Fact]
    public void A_gradient_written_as_a_row_is_named_the_transpose_of_a_column()
    {
        var specs = VariableSpec.ParseAll("w:3 M:3x3");
        var mistake = Assert.Single(Mistakes.Matrix(ReadMatrix("w'*M*w", specs), "w"), m => m.Code == "transposed");
        Assert.Equal(ReadMatrix("w'*(M + M')", specs), mistake.Derivative);
        Assert.Equal("The gradient with respect to the column vector w is a column vector, shaped like w (denominator layout); you wrote its transpose, the row vector w'*(M + M') (numerator layout). The gradient is (M + M')*w.", mistake.Message);
    }

    [Fact]
    public void A_symmetric_variable_has_no_transposed_or_untransposed_inverse_mistake()
    {
        // Within symmetric matrices G' = G and inv(S)' = inv(S): those mistakes give the truth, so they are not mistakes.
        var specs = VariableSpec.ParseAll("S:3x3/sym w:3");
        var mistakes = Mistakes.Matrix(ReadMatrix("logdet(S) + w'*S*w", specs), "S");
        Assert.DoesNotContain(mistakes, m => m.Code is "transposed" or "inverseNotTransposed");
    }

    [Fact]
    public void A_scalar_function_of_matrices_is_differentiated_with_its_mistakes()
    {
        // d/dt det(I + t*M) passes through the matrix rules; the product t*sin(t) beside it is where the mistake is.
        var specs = VariableSpec.ParseAll("M:3x3 t:s");
        var f = ReadMatrix("det(I + t*M) + t*sin(t)", specs);
        var mistakes = Mistakes.Scalar(f, "t", 1);
        var truth = Differentiator.Differentiate(f, "t");
        var expected = Algebra.Add(Algebra.Sub(truth, ReadMatrix("sin(t) + t*cos(t)", specs)), ReadMatrix("cos(t)", specs));
        Assert.Contains(mistakes, m => m.Code == "productOfDerivatives" && m.Derivative.Equals(expected));
        Assert.DoesNotContain(mistakes, m => m.Derivative.Equals(truth));
    }

    private static string Show(IEnumerable<Mistake> mistakes) =>
        string.Join("\n", mistakes.Select(m => $"  {m.Code}: {m.Derivative}  ({m.Message})"));

    /// <summary>Equal as expressions, or at five points where both are defined (canonical forms of equal functions can differ).</summary>
    private static bool SameScalar(Expr a, Expr b)
    {
        if (a.Equals(b))
        {
            return true;
        }

        var names = a.FreeNames.Union(b.FreeNames).ToList();
        var random = new Random(MatrixTestKit.StableSeed(a.ToString() + "|" + b.ToString()));
        var compared = 0;
        for (var attempt = 0; attempt < 40 && compared < 5; attempt++)
        {
            var point = names.ToDictionary(n => n, _ => 0.2 + (2.5 * random.NextDouble()), StringComparer.Ordinal);
            if (!TestEngine.TryEval(a, point, out var va) || !TestEngine.TryEval(b, point, out var vb) || !double.IsFinite(va) || !double.IsFinite(vb))
            {
                continue;
            }

            compared++;
            if (Math.Abs(va - vb) > 1e-9 * Math.Max(1, Math.Abs(va)))
            {
                return false;
            }
        }

        return compared > 0;
    }

    private static Expr ReadMatrix(string text, IReadOnlyList<VariableSpec> specs)
    {
        var syntax = Parser.Parse(text);
        Assert.True(syntax.IsSuccess, syntax.Error?.Detail);
        var bound = Binder.Bind(syntax.Value, text, MatrixTestKit.Declarations(specs));
        Assert.True(bound.IsSuccess, bound.Error?.Detail);
        return bound.Value.Expression;
    }

    /// <summary>Equal as expressions, or entry by entry at three random points (of the same shape, or not equal).</summary>
    private static bool SameMatrix(Expr a, Expr b, IReadOnlyList<VariableSpec> specs)
    {
        if (a.Equals(b))
        {
            return true;
        }

        if (a.Shape != b.Shape)
        {
            return false;
        }

        for (var seed = 1; seed <= 3; seed++)
        {
            var point = MatrixTestKit.Point(specs, seed);
            var va = MatrixEvaluator.Evaluate(a, point);
            var vb = MatrixEvaluator.Evaluate(b, point);
            Assert.True(va.IsSuccess && vb.IsSuccess, $"cannot evaluate {a} or {b}: {va.Error?.Detail ?? vb.Error?.Detail}");
            if (MatrixTestKit.Mismatches(MatrixTestKit.AsMatrix(va.Value), MatrixTestKit.AsMatrix(vb.Value), 1e-9, 1e-12).Count > 0)
            {
                return false;
            }
        }

        return true;
    }
}
