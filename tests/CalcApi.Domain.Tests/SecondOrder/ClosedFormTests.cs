using CalcApi.Domain.Binding;
using CalcApi.Domain.Engine;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Abstractions;

namespace CalcApi.Domain.Tests.SecondOrder;

/// <summary>
/// Closed-form Hessians and Jacobians with respect to a vector, as the Matrix Cookbook writes them; every one checked
/// at a random point against central differences (of the engine's gradient value for a Hessian, of the expression's value for a Jacobian).
/// </summary>
public class ClosedFormTests(ITestOutputHelper output)
{
    /// <summary>Hessian: f, declarations (name:kind:rows[:cols]), wrt, the form expected (or an equivalent the engine prints, asserted by value).</summary>
    public static TheoryData<string, string, string, string?> Hessians { get; } = new()
    {
        { "x'*A*x", "x:v:3,A:m:3:3", "x", "A + A'" },
        { "norm(A*x - b)^2", "x:v:3,A:m:4:3,b:v:4", "x", "2*A'*A" },
        { "sum(log(1 + exp(-y .* (X*w))))", "w:v:3,X:m:5:3,y:v:5", "w", "-X'*diag(-(1 - sigmoid(-X*w.*y)).*sigmoid(-X*w.*y).*y.^2)*X" },
        { "log(sum(exp(x)))", "x:v:4", "x", "diag(exp(x))/sum(exp(x)) - exp(x)*exp(x)'/sum(exp(x))^2" },
        { "sum(exp(x))", "x:v:3", "x", "diag(exp(x))" },
        { "a'*x + 3", "x:v:3,a:v:3", "x", "0" },
        { "(a'*x)^2", "x:v:3,a:v:3", "x", null },
        { "x'*S*x/2 - b'*x", "x:v:3,S:m:3:3,b:v:3", "x", null },
        { "exp(a'*x)*(b'*x)", "x:v:3,a:v:3,b:v:3", "x", null },
    };

    public static TheoryData<string, string, string, string?> Jacobians { get; } = new()
    {
        { "A*x", "x:v:3,A:m:2:3", "x", "A" },
        { "sigmoid(W*x)", "x:v:3,W:m:4:3", "x", "diag((1 - sigmoid(W*x)).*sigmoid(W*x))*W" },
        { "exp(x) .* a", "x:v:3,a:v:3", "x", null },
        { "2*x + b", "x:v:3,b:v:3", "x", null },
        { "tanh(A*x + b)", "x:v:2,A:m:3:2,b:v:3", "x", null },
        { "a*(b'*x) + x*(a'*x)", "x:v:3,a:v:3,b:v:3", "x", null },
    };

    [Theory]
    [MemberData(nameof(Hessians))]
    public void A_hessian_matches_central_differences_of_the_gradient(string f, string declared, string wrt, string? form)
    {
        var (variables, at) = Setup(declared, seed: f.Length);
        var answer = Answer(Calculus.VectorHessian(new ClosedFormQuery(f, variables, wrt, at), EngineLimits.Default));
        output.WriteLine($"∇²({f}) = {answer.Result.Text}");
        if (form is not null)
        {
            Assert.Equal(form, answer.Result.Text);
        }

        var n = at[wrt].Matrix!.RowCount;
        var h = answer.Value!.Matrix!;
        Assert.Equal((n, n), (h.RowCount, h.ColumnCount));
        Assert.Equal(h, h.Transpose());
        for (var j = 0; j < n; j++)
        {
            var difference = (Gradient(f, variables, wrt, Moved(at, wrt, j, 1e-5)) - Gradient(f, variables, wrt, Moved(at, wrt, j, -1e-5))) / 2e-5;
            for (var i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(h[i, j] - difference[i]) <= 1e-5 * (1 + Math.Abs(h[i, j])), $"H[{i},{j}] = {h[i, j]}, difference {difference[i]}; form {answer.Result.Text}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Jacobians))]
    public void A_jacobian_matches_central_differences_of_the_expression(string g, string declared, string wrt, string? form)
    {
        var (variables, at) = Setup(declared, seed: g.Length);
        var answer = Answer(Calculus.VectorJacobian(new ClosedFormQuery(g, variables, wrt, at), EngineLimits.Default));
        output.WriteLine($"J({g}) = {answer.Result.Text}");
        if (form is not null)
        {
            Assert.Equal(form, answer.Result.Text);
        }

        Assert.Equal(GradientLayout.Numerator, answer.Layout);
        AssertMatchesDifferences(g, variables, wrt, at, answer.Value!.Matrix!, answer.Result.Text);
    }

    /// <summary>The forms the engine gives in denominator layout: J' with its transposes pushed inward.</summary>
    private static readonly Dictionary<string, string> DenominatorForms = new()
    {
        ["A*x"] = "A'",
        ["sigmoid(W*x)"] = "W'*diag((1 - sigmoid(W*x)).*sigmoid(W*x))",
    };

    [Theory]
    [MemberData(nameof(Jacobians))]
    public void A_jacobian_in_denominator_layout_is_the_transpose_and_matches_central_differences(string g, string declared, string wrt, string? form)
    {
        _ = form;
        var (variables, at) = Setup(declared, seed: g.Length);
        var answer = Answer(Calculus.VectorJacobian(new ClosedFormQuery(g, variables, wrt, at) { Layout = GradientLayout.Denominator }, EngineLimits.Default));
        output.WriteLine($"J({g})' = {answer.Result.Text}");
        if (DenominatorForms.TryGetValue(g, out var expected))
        {
            Assert.Equal(expected, answer.Result.Text);
        }

        Assert.Equal(GradientLayout.Denominator, answer.Layout);
        var value = answer.Value!.Matrix!;
        Assert.Equal((answer.Shape.Rows.Size, answer.Shape.Cols.Size), (value.RowCount, value.ColumnCount));
        Assert.Equal(at[wrt].Matrix!.RowCount, value.RowCount);
        AssertMatchesDifferences(g, variables, wrt, at, value.Transpose(), answer.Result.Text);
    }

    /// <summary>Every entry of J (m×n, J[i][j] = ∂gᵢ/∂xⱼ) against central differences of g's value.</summary>
    private static void AssertMatchesDifferences(string g, Dictionary<string, VariableDeclaration> variables, string wrt, Dictionary<string, Value> at, Matrix<double> jacobian, string form)
    {
        var read = Calculus.Read(g, EngineLimits.Default, variables);
        Assert.True(read.IsSuccess);
        var n = at[wrt].Matrix!.RowCount;
        Assert.Equal(n, jacobian.ColumnCount);
        for (var j = 0; j < n; j++)
        {
            var up = ExactValues.Of(read.Value.Expression, Moved(at, wrt, j, 1e-5)).Value.Matrix!.Column(0);
            var down = ExactValues.Of(read.Value.Expression, Moved(at, wrt, j, -1e-5)).Value.Matrix!.Column(0);
            Assert.Equal(up.Count, jacobian.RowCount);
            for (var i = 0; i < up.Count; i++)
            {
                var difference = (up[i] - down[i]) / 2e-5;
                Assert.True(Math.Abs(jacobian[i, j] - difference) <= 1e-5 * (1 + Math.Abs(difference)), $"J[{i},{j}] = {jacobian[i, j]}, difference {difference}; form {form}");
            }
        }
    }

    [Fact]
    public void A_hessian_of_a_vector_and_a_jacobian_of_a_scalar_are_refused_naming_the_expression()
    {
        var variables = new Dictionary<string, VariableDeclaration> { ["x"] = VariableDeclaration.Vector(), ["A"] = new(VariableKind.Matrix) };

        var hessian = Calculus.VectorHessian(new ClosedFormQuery("A*x", variables, "x"), EngineLimits.Default);
        var jacobian = Calculus.VectorJacobian(new ClosedFormQuery("x'*A*x", variables, "x"), EngineLimits.Default);

        Assert.Equal(("expression", ErrorKind.Semantic), (hessian.Error!.Field, hessian.Error.Kind));
        Assert.Equal(("expression", ErrorKind.Semantic), (jacobian.Error!.Field, jacobian.Error.Kind));
    }

    [Fact]
    public void Wrt_a_matrix_is_refused_naming_wrt()
    {
        var variables = new Dictionary<string, VariableDeclaration> { ["x"] = VariableDeclaration.Vector(), ["A"] = new(VariableKind.Matrix) };

        var result = Calculus.VectorHessian(new ClosedFormQuery("x'*A*x", variables, "A"), EngineLimits.Default);

        Assert.Equal("wrt", result.Error!.Field);
    }

    [Fact]
    public void A_form_the_engine_cannot_read_as_a_linear_map_is_refused_as_unsupported()
    {
        // J'u of x .* x'*u has u inside a product with two vector factors of x: read off here; a matrix-valued g is not a vector.
        var variables = new Dictionary<string, VariableDeclaration> { ["x"] = VariableDeclaration.Vector(), ["A"] = new(VariableKind.Matrix) };

        var result = Calculus.VectorJacobian(new ClosedFormQuery("A*x*x'", variables, "x"), EngineLimits.Default);

        Assert.False(result.IsSuccess);
        Assert.Equal("expression", result.Error.Field);
    }

    private static ClosedFormAnswer Answer(Outcome<ClosedFormAnswer> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value;
    }

    private static Vector<double> Gradient(string f, Dictionary<string, VariableDeclaration> variables, string wrt, Dictionary<string, Value> at)
    {
        var result = Calculus.MatrixGradient(new MatrixGradientQuery(f, variables, [wrt], at), EngineLimits.Default);
        Assert.True(result.IsSuccess, result.Error?.Detail);
        return result.Value.Gradients[0].Value!.Matrix!.Column(0);
    }

    /// <summary>Declarations and a random point from "x:v:3,A:m:4:3" (y-like vectors of ±1 are fine as any values).</summary>
    private static (Dictionary<string, VariableDeclaration>, Dictionary<string, Value>) Setup(string declared, int seed)
    {
        var random = new Random(seed);
        var variables = new Dictionary<string, VariableDeclaration>();
        var at = new Dictionary<string, Value>();
        foreach (var part in declared.Split(','))
        {
            var p = part.Split(':');
            var rows = int.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture);
            var vector = p[1] == "v";
            var cols = vector ? 1 : int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture);
            variables[p[0]] = vector ? VariableDeclaration.Vector() : new VariableDeclaration(VariableKind.Matrix);
            var m = Matrix<double>.Build.Dense(rows, cols, (_, _) => Math.Round((random.NextDouble() * 2) - 1, 3));
            at[p[0]] = vector ? Value.Of(m, isVector: true).As(ValueForm.Vector) : Value.Of(m).As(ValueForm.Matrix);
        }

        return (variables, at);
    }

    private static Dictionary<string, Value> Moved(Dictionary<string, Value> at, string name, int index, double by)
    {
        var moved = new Dictionary<string, Value>(at);
        var m = at[name].Matrix!.Clone();
        m[index, 0] += by;
        moved[name] = Value.Of(m, isVector: true).As(ValueForm.Vector);
        return moved;
    }
}
