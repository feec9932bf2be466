using CalcApi.Domain.Binding;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Tests.Checking;

/// <summary>Calculus.Check: the verdict, how it was decided, the counterexample and the diagnosis (contract section 7).</summary>
public class CheckTests
{
    private static CheckAnswer Derivative(string expression, string answer, string? variable = "x", int order = 1) =>
        Ok(Calculus.Check(new CheckQuery(CheckTask.Differentiate, new SubmittedAnswer(answer)) { Expression = expression, Variable = variable, Order = order }, EngineLimits.Default));

    private static CheckAnswer Equivalent(string expected, string answer, IReadOnlyDictionary<string, VariableDeclaration>? declarations = null) =>
        Ok(Calculus.Check(new CheckQuery(CheckTask.Equivalent, new SubmittedAnswer(answer)) { Expected = expected, Declarations = declarations }, EngineLimits.Default));

    private static CheckAnswer Ok(CalcApi.Domain.Errors.Outcome<CheckAnswer> outcome)
    {
        Assert.True(outcome.IsSuccess, outcome.Error?.Detail);
        return outcome.Value;
    }

    [Theory]
    [InlineData("x^3", "3*x^2")]
    [InlineData("x^3", "3x^2")]
    [InlineData("sin(x)*cos(x)", "cos(x)^2 - sin(x)^2")]
    [InlineData("sin(x)^2", "sin(2*x)")]
    [InlineData("exp(cos(x^2))", "-2*x*sin(x^2)*exp(cos(x^2))")]
    [InlineData("log(x)", "1/x")]
    [InlineData("sqrt(x)", "1/(2*sqrt(x))")]
    [InlineData("x/(1 + x)", "1/(1 + x)^2")]
    [InlineData("atan(x)", "1/(1 + x^2)")]
    [InlineData("abs(x)", "abs(x)/x")]
    [InlineData("x^2*exp(x)", "exp(x)*(x^2 + 2*x)")]
    [InlineData("(x^2 + 1)^3", "6*x*(x^2 + 1)^2")]
    public void A_right_derivative_is_equivalent(string f, string answer)
    {
        var check = Derivative(f, answer);

        Assert.True(check.Correct, $"{f}: {answer} judged {check.Verdict}, counterexample {check.FirstWrong?.Counterexample?.At.Count}");
        Assert.Equal(Verdict.Equivalent, check.Verdict);
        Assert.Null(check.Parts[0].Counterexample);
    }

    [Fact]
    public void The_engines_own_form_is_decided_symbolically_and_another_form_numerically()
    {
        Assert.Equal(DecidedBy.Symbolic, Derivative("x^3", "3*x^2").DecidedBy);
        Assert.Equal(DecidedBy.Numeric, Derivative("sin(x)^2", "sin(2*x)").DecidedBy);
    }

    [Fact]
    public void A_missing_inner_derivative_is_not_equivalent_with_a_counterexample_whose_values_differ()
    {
        var check = Derivative("exp(cos(x^2))", "-sin(x^2)*exp(cos(x^2))");

        Assert.False(check.Correct);
        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        Assert.Equal(DecidedBy.Numeric, check.DecidedBy);
        var counterexample = check.Parts[0].Counterexample!;
        var x = counterexample.At["x"].Scalar;
        var expected = -2 * x * Math.Sin(x * x) * Math.Exp(Math.Cos(x * x));
        var answer = -Math.Sin(x * x) * Math.Exp(Math.Cos(x * x));
        Assert.Equal(expected, counterexample.ExpectedValue!.Scalar, 1e-9 * Math.Max(1, Math.Abs(expected)));
        Assert.Equal(answer, counterexample.AnswerValue!.Scalar, 1e-9 * Math.Max(1, Math.Abs(answer)));
        Assert.NotEqual(counterexample.ExpectedValue.Scalar, counterexample.AnswerValue.Scalar);
    }

    [Fact]
    public void A_counterexample_is_a_round_point_where_one_is_near()
    {
        var at = Derivative("x^3", "3*x").Parts[0].Counterexample!.At["x"].Scalar;

        Assert.Equal(at, Math.Round(at, 3));
    }

    [Fact]
    public void The_same_request_meets_the_same_points()
    {
        var first = Derivative("x^3*sin(x)", "3*x^2*cos(x)").Parts[0].Counterexample!;
        var second = Derivative("x^3*sin(x)", "3*x^2*cos(x)").Parts[0].Counterexample!;

        Assert.Equal(first.At["x"].Scalar, second.At["x"].Scalar);
    }

    [Theory]
    [InlineData("x^2", "-2*x", "signError")]
    [InlineData("sin(x)", "-cos(x)", "signError")]
    [InlineData("x^2", "x", "constantFactor")]
    [InlineData("x^3", "9*x^2", "constantFactor")]
    [InlineData("sin(2*x)", "cos(2*x)", "constantFactor")]
    public void A_sign_or_constant_factor_is_named(string f, string answer, string code)
    {
        var check = Derivative(f, answer);

        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        Assert.Contains(check.Diagnosis, d => d.Code == code);
    }

    [Theory]
    [InlineData("x^2", "x", "half")]
    [InlineData("x^2", "4*x", "twice")]
    [InlineData("x^3", "9*x^2", "3 times")]
    public void The_constant_factor_says_which(string f, string answer, string phrase)
    {
        var finding = Assert.Single(Derivative(f, answer).Diagnosis, d => d.Code == "constantFactor");

        Assert.Contains(phrase, finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abs_x_over_x_and_x_over_abs_x_are_equivalent_where_both_are_defined()
    {
        Assert.True(Equivalent("abs(x)/x", "x/abs(x)").Correct);
    }

    [Fact]
    public void Sqrt_x_squared_and_x_differ_in_domain_with_a_point_where_only_one_is_defined()
    {
        var check = Equivalent("sqrt(x)^2", "x");

        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        Assert.Contains(check.Diagnosis, d => d.Code == "domainDiffers");
        var counterexample = check.Parts[0].Counterexample!;
        Assert.True(counterexample.At["x"].Scalar < 0, "sqrt(x)^2 is undefined only for x < 0");
        Assert.Null(counterexample.ExpectedValue);
        Assert.Equal(counterexample.At["x"].Scalar, counterexample.AnswerValue!.Scalar);
    }

    [Fact]
    public void A_removable_singularity_is_a_difference_of_domain_found_at_its_point()
    {
        var check = Equivalent("x", "x^2/x");

        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        Assert.Equal(0, check.Parts[0].Counterexample!.At["x"].Scalar);
        Assert.Null(check.Parts[0].Counterexample!.AnswerValue);
    }

    [Fact]
    public void A_derivative_may_be_defined_beyond_the_domain_of_its_function()
    {
        // 1/x is d/dx log(x) wherever log(x) is defined; that it is also defined at -1 is no mistake.
        var check = Derivative("log(x)", "1/x");

        Assert.True(check.Correct);
    }

    [Fact]
    public void An_answer_undefined_where_the_derivative_is_defined_differs_in_domain()
    {
        var check = Derivative("x^2", "2*x^2/x");

        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        Assert.Contains(check.Diagnosis, d => d.Code == "domainDiffers");
    }

    [Fact]
    public void A_tiny_constant_difference_is_not_equivalent()
    {
        Assert.Equal(Verdict.NotEquivalent, Equivalent("x", "x + 1e-13").Verdict);
    }

    [Fact]
    public void Cancellation_in_double_precision_does_not_fake_a_difference()
    {
        // (1 + x)^2 - 1 - 2x - x^2 is 0; at |x| ~ 1e8 double precision would leave thousands.
        Assert.True(Equivalent("(1 + 1e8*x)^2", "1 + 2e8*x + 1e16*x^2").Correct);
    }

    [Theory]
    [InlineData("exp(cos(x^2")]
    [InlineData("cosine(x)")]
    [InlineData("")]
    public void An_unreadable_answer_is_invalid_with_its_problem(string answer)
    {
        var check = Derivative("x^2", answer);

        Assert.Equal(Verdict.Invalid, check.Verdict);
        Assert.Null(check.DecidedBy);
        Assert.NotNull(check.Parts[0].Error);
        Assert.NotNull(check.Parts[0].Error!.Position);
    }

    [Fact]
    public void An_answer_too_deep_is_invalid_naming_the_limit()
    {
        var deep = new string('(', 500) + "x" + new string(')', 500);

        var check = Derivative("x^2", deep);

        Assert.Equal(Verdict.Invalid, check.Verdict);
        Assert.Contains("maxNestingDepth", check.Parts[0].Error!.Title + check.Parts[0].Error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_task_is_an_error_not_a_verdict()
    {
        var outcome = Calculus.Check(new CheckQuery(CheckTask.Differentiate, new SubmittedAnswer("2*x")) { Expression = "x^2 +", Variable = "x" }, EngineLimits.Default);

        Assert.False(outcome.IsSuccess);
        Assert.Equal("expression", outcome.Error!.Field);
        Assert.NotNull(outcome.Error.Position);
    }

    [Fact]
    public void Higher_orders_are_checked()
    {
        Assert.True(Derivative("x^4", "12*x^2", order: 2).Correct);
        Assert.False(Derivative("x^4", "4*x^3", order: 2).Correct);
    }

    [Fact]
    public void A_reserved_name_given_as_the_variable_is_a_variable_in_the_answer_too()
    {
        Assert.True(Derivative("e^2 + e", "2*e + 1", variable: "e").Correct);
    }

    [Fact]
    public void A_gradient_is_checked_component_by_component()
    {
        var query = new CheckQuery(CheckTask.Gradient, new SubmittedAnswer(null, [new("x", "2*x*y"), new("y", "-x^2 - cos(y)")])) { Expression = "x^2*y + sin(y)", Variables = ["x", "y"] };

        var check = Ok(Calculus.Check(query, EngineLimits.Default));

        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        Assert.Equal([Verdict.Equivalent, Verdict.NotEquivalent], check.Parts.Select(p => p.Verdict));
        Assert.Equal("y", check.FirstWrong!.Variable);
        Assert.Contains(check.Diagnosis, d => d.Code == "signError" && d.Variable == "y");
    }

    [Fact]
    public void A_gradient_without_a_component_is_invalid()
    {
        var query = new CheckQuery(CheckTask.Gradient, new SubmittedAnswer(null, [new("x", "2*x*y")])) { Expression = "x^2*y", Variables = ["x", "y"] };

        var check = Ok(Calculus.Check(query, EngineLimits.Default));

        Assert.Equal(Verdict.Invalid, check.Verdict);
        Assert.Contains(check.Diagnosis, d => d.Code == "wrongShape" && d.Variable == "y");
    }

    private static CheckAnswer MatrixGradient(string f, string answer, string wrt, params (string Name, VariableDeclaration Declaration)[] variables) =>
        Ok(Calculus.Check(new CheckQuery(CheckTask.MatrixGradient, new SubmittedAnswer(answer))
        {
            Expression = f,
            Wrt = wrt,
            Declarations = variables.ToDictionary(v => v.Name, v => v.Declaration),
        }, EngineLimits.Default));

    [Theory]
    [InlineData("(a'*W*b - c)^2", "2*(a'*W*b - c)*a*b'")]
    [InlineData("(a'*W*b - c)^2", "2*a*(b'*W'*a - c)*b'")]
    [InlineData("(a'*W*b - c)^2", "2*a*b'*(a'*W*b - c)")]
    public void A_right_matrix_gradient_with_symbolic_sizes_is_equivalent(string f, string answer)
    {
        var check = MatrixGradient(f, answer, "W", ("a", VariableDeclaration.Vector()), ("b", VariableDeclaration.Vector()), ("W", VariableDeclaration.Matrix()));

        Assert.True(check.Correct, $"{answer}: {check.Verdict}");
    }

    [Fact]
    public void A_wrong_matrix_gradient_is_compared_entry_by_entry()
    {
        var check = MatrixGradient("x'*A*x", "2*A*x", "x", ("x", VariableDeclaration.Vector()), ("A", VariableDeclaration.Matrix()));

        Assert.Equal(Verdict.NotEquivalent, check.Verdict);
        var counterexample = check.Parts[0].Counterexample!;
        Assert.NotNull(counterexample.At["A"].Matrix);
        Assert.NotNull(counterexample.ExpectedValue!.Matrix);
    }

    [Fact]
    public void The_symmetric_answer_is_right_for_a_symmetric_matrix()
    {
        var check = MatrixGradient("x'*A*x", "2*A*x", "x", ("x", VariableDeclaration.Vector()), ("A", VariableDeclaration.Matrix(symmetric: true)));

        Assert.True(check.Correct);
    }

    [Fact]
    public void An_answer_of_the_wrong_shape_is_invalid_with_wrong_shape()
    {
        var check = MatrixGradient("(a'*W*b - c)^2", "2*(a'*W*b - c)*b*a'", "W",
            ("a", VariableDeclaration.Vector(Dim.Of(2))), ("b", VariableDeclaration.Vector(Dim.Of(3))), ("W", VariableDeclaration.Matrix()));

        Assert.Equal(Verdict.Invalid, check.Verdict);
        Assert.Contains(check.Diagnosis, d => d.Code == "wrongShape");
    }

    [Fact]
    public void A_scalar_answer_for_a_vector_gradient_is_the_wrong_shape()
    {
        var check = MatrixGradient("x'*x", "2", "x", ("x", VariableDeclaration.Vector()));

        Assert.Equal(Verdict.Invalid, check.Verdict);
        Assert.Contains(check.Diagnosis, d => d.Code == "wrongShape");
    }

    [Fact]
    public void Logdet_is_checked_where_the_determinant_is_positive()
    {
        Assert.True(MatrixGradient("logdet(X)", "inv(X)'", "X", ("X", VariableDeclaration.Matrix())).Correct);
        Assert.False(MatrixGradient("logdet(X)", "inv(X)", "X", ("X", VariableDeclaration.Matrix())).Correct);
    }

    [Fact]
    public void Matrix_expressions_are_compared_for_equivalence_under_declarations()
    {
        var declarations = new Dictionary<string, VariableDeclaration> { ["A"] = VariableDeclaration.Matrix(), ["B"] = VariableDeclaration.Matrix() };

        Assert.True(Equivalent("(A*B)'", "B'*A'", declarations).Correct);
        Assert.False(Equivalent("(A*B)'", "A'*B'", declarations).Correct);
    }
}
