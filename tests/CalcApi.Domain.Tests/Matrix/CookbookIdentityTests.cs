using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;
using Xunit.Abstractions;
using Mat = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Domain.Tests.Matrix;

/// <summary>A row of the identity table: f, its variables (see <see cref="VariableSpec"/>), wrt, and the closed form.</summary>
/// <param name="Cookbook">The closed form from The Matrix Cookbook (or the textbook form), one per wrt variable, for the reader.</param>
/// <param name="Printed">The engine's printed text per wrt variable, pinned only where checked; null: only re-reading is asserted.</param>
public sealed record CookbookIdentity(string Id, string Expression, string Variables, string Wrt, string[] Cookbook, string?[] Printed)
{
    internal IReadOnlyList<VariableSpec> Specs => VariableSpec.ParseAll(Variables);

    internal string[] WrtNames => Wrt.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"{Id}: {Expression}";
}

/// <summary>
/// Identities from The Matrix Cookbook's derivative sections and common machine-learning losses, with
/// non-square sizes wherever the identity allows. For every wrt variable: the answer succeeds, its value
/// has the variable's shape, it matches central finite differences entry by entry, and the printed
/// gradient reads back to the same expression (and, where checked, is the textbook form).
/// </summary>
public class CookbookIdentityTests(ITestOutputHelper output)
{
    private static CookbookIdentity Row(string id, string expression, string variables, string wrt, string cookbook, params string?[] printed) =>
        new(id, expression, variables, wrt, cookbook.Split(" | "), printed);

    public static readonly IReadOnlyList<CookbookIdentity> Identities =
    [
        // ---- linear forms (Cookbook 2.4.1) --------------------------------------------------------------
        Row("lin-aTx", "a'*x", "a:3 x:3", "x", "a", "a"),
        Row("lin-xTa", "x'*a", "a:3 x:3", "x", "a", "a"),
        Row("lin-aTXb", "a'*X*b", "a:3 X:3x4 b:4", "X", "a*b'", "a*b'"),
        Row("lin-aTXTb", "a'*X'*b", "a:4 X:3x4 b:3", "X", "b*a'", "b*a'"),
        Row("lin-aTXTb-caret-T", "a'*X^T*b", "a:4 X:3x4 b:3", "X", "b*a'", "b*a'"),
        Row("lin-aTtransposeXb", "a'*transpose(X)*b", "a:4 X:3x4 b:3", "X", "b*a'", "b*a'"),
        Row("lin-aTXa", "a'*X*a", "a:3 X:3x3", "X", "a*a'", "a*a'"),
        Row("lin-aTXb-vectors", "a'*X*b", "a:3 X:3x4 b:4", "a, b", "X*b | X'*a", "X*b", "X'*a"),
        Row("lin-sumAx", "sum(A*x)", "A:2x3 x:3", "x", "A'*1", "A'*ones(2, 1)"),

        // ---- quadratic and cubic forms (Cookbook 2.4.2) --------------------------------------------------
        Row("quad-xTAx-x", "x'*A*x", "x:3 A:3x3", "x", "(A + A')*x", "(A + A')*x"),
        Row("quad-xTAx-A", "x'*A*x", "x:3 A:3x3", "A", "x*x'", "x*x'"),
        Row("quad-xTx", "x'*x", "x:4", "x", "2*x", "2*x"),
        Row("quad-bTXTXc", "b'*X'*X*c", "X:3x4 b:4 c:4", "X", "X*(b*c' + c*b')", "X*(b*c' + c*b')"),
        Row("quad-aTXTXa", "a'*X'*X*a", "X:3x4 a:4", "X", "2*X*a*a'", "2*X*a*a'"),
        Row("quad-bTXTDXc", "b'*X'*D*X*c", "X:3x4 D:3x3 b:4 c:4", "X", "D'*X*b*c' + D*X*c*b'", "D*X*c*b' + D'*X*b*c'"),
        Row("quad-XbcTDXbc", "(X*b + c)'*D*(X*b + c)", "X:3x4 b:4 c:3 D:3x3", "X", "(D + D')*(X*b + c)*b'", "(D + D')*(X*b + c)*b'"),
        Row("quad-affine", "(A*x + b)'*C*(D*x + e)", "x:2 A:3x2 b:3 C:3x4 D:4x2 e:4", "x", "A'*C*(D*x + e) + D'*C'*(A*x + b)", "A'*C*(D*x + e) + D'*C'*(A*x + b)"),
        Row("quad-residual", "(A*x - b)'*(A*x - b)", "A:4x3 x:3 b:4", "x", "2*A'*(A*x - b)", "2*A'*(A*x - b)"),
        Row("quad-aTX2b", "a'*X^2*b", "a:3 X:3x3 b:3", "X", "X'*a*b' + a*b'*X'", "a*b'*X' + X'*a*b'"),
        // Prints X'*X'*a*b' + (a*b'*X' + X'*a*b')*X': half factored; not pinned.
        Row("quad-aTX3b", "a'*X^3*b", "a:3 X:3x3 b:3", "X", "(X^2)'*a*b' + X'*a*b'*X' + a*b'*(X^2)'"),
        Row("quad-xTATAx", "x'*A'*A*x", "x:3 A:4x3", "x", "2*A'*A*x", "2*A'*A*x"),

        // ---- traces (Cookbook 2.5) -----------------------------------------------------------------------
        Row("tr-X", "tr(X)", "X:3x3", "X", "I", "I"),
        Row("tr-AX", "tr(A*X)", "A:4x3 X:3x4", "X", "A'", "A'"),
        Row("tr-XA", "tr(X*A)", "X:3x4 A:4x3", "X", "A'", "A'"),
        Row("tr-AXB", "tr(A*X*B)", "A:2x3 X:3x4 B:4x2", "X", "A'*B'", "A'*B'"),
        Row("tr-AXTB", "tr(A*X'*B)", "A:2x4 X:3x4 B:3x2", "X", "B*A", "B*A"),
        Row("tr-XTA", "tr(X'*A)", "X:3x4 A:3x4", "X", "A", "A"),
        Row("tr-AXT", "tr(A*X')", "A:3x4 X:3x4", "X", "A", "A"),
        Row("tr-X2", "tr(X^2)", "X:3x3", "X", "2*X'", "2*X'"),
        Row("tr-X3", "tr(X^3)", "X:3x3", "X", "3*(X^2)'", "3*X'*X'"),
        Row("tr-XTX", "tr(X'*X)", "X:3x4", "X", "2*X", "2*X"),
        Row("tr-XXT", "tr(X*X')", "X:3x4", "X", "2*X", "2*X"),
        Row("tr-X2B", "tr(X^2*B)", "X:3x3 B:3x3", "X", "(X*B + B*X)'", "B'*X' + X'*B'"),
        Row("tr-AXXT", "tr(A*X*X')", "A:3x3 X:3x4", "X", "(A + A')*X", "(A + A')*X"),
        Row("tr-XTAX", "tr(X'*A*X)", "X:3x4 A:3x3", "X", "(A + A')*X", "(A + A')*X"),
        Row("tr-XAXT", "tr(X*A*X')", "X:3x4 A:4x4", "X", "X*(A + A')", "X*(A + A')"),
        Row("tr-AXBX", "tr(A*X*B*X)", "A:4x3 X:3x4 B:4x3", "X", "A'*X'*B' + B'*X'*A'", "A'*X'*B' + B'*X'*A'"),
        Row("tr-XTBXC", "tr(X'*B*X*C)", "X:3x4 B:3x3 C:4x4", "X", "B*X*C + B'*X*C'", "B*X*C + B'*X*C'"),
        Row("tr-invXA", "tr(inv(X)*A)", "X:3x3/dd A:3x3", "X", "-(inv(X)*A*inv(X))'", "-inv(X)'*A'*inv(X)'"),
        Row("tr-Xm1A", "tr(X^-1*A)", "X:3x3/dd A:3x3", "X", "-(inv(X)*A*inv(X))'", "-inv(X)'*A'*inv(X)'"),
        Row("tr-AinvXB", "tr(A*inv(X)*B)", "A:2x3 X:3x3/dd B:3x2", "X", "-(inv(X)*B*A*inv(X))'", "-inv(X)'*A'*B'*inv(X)'"),
        Row("tr-invX", "tr(inv(X))", "X:3x3/dd", "X", "-(inv(X)^2)'", "-inv(X)'*inv(X)'"),
        Row("tr-invXTCXA", "tr(inv(X'*C*X)*A)", "X:4x3 C:4x4/spd A:3x3", "X",
            "-C*X*inv(X'*C*X)*A*inv(X'*C*X) - C'*X*inv(X'*C*X)'*A'*inv(X'*C*X)'  (C symmetric: -C*X*inv(X'*C*X)*(A + A')*inv(X'*C*X))",
            "-C*X*inv(X'*C*X)*A*inv(X'*C*X) - C'*X*inv(X'*C*X)'*A'*inv(X'*C*X)'"),

        // ---- determinants (Cookbook 2.1.2, 2.2) -----------------------------------------------------------
        Row("det-X", "det(X)", "X:3x3/dd", "X", "det(X)*inv(X)'", "det(X)*inv(X)'"),
        Row("det-logdetX", "log(det(X))", "X:3x3/dd", "X", "inv(X)'", "inv(X)'"),
        Row("det-logdet-fn", "logdet(X)", "X:3x3/dd", "X", "inv(X)'", "inv(X)'"),
        // Prints det(X)^2*inv(X)'./abs(det(X))^2: not simplified to inv(X)'; not pinned.
        Row("det-log-abs-det", "log(abs(det(X)))", "X:3x3/dd", "X", "inv(X)'"),
        Row("det-AXB", "det(A*X*B)", "A:2x3 X:3x4 B:4x2", "X", "det(A*X*B)*A'*inv(A*X*B)'*B'", "det(A*X*B)*A'*inv(A*X*B)'*B'"),
        // Print X*(det(X'*X)*inv(X'*X) + det(X'*X)*inv(X'*X)') and X*(inv(X'*X) + inv(X'*X)'): X'*X is not
        // known to be symmetric, so inv(X'*X)' stays; not pinned.
        Row("det-XTX", "det(X'*X)", "X:4x3", "X", "2*det(X'*X)*X*inv(X'*X)"),
        Row("det-logdetXTX", "logdet(X'*X)", "X:4x3", "X", "2*X*inv(X'*X)"),
        Row("det-logdetXTAX", "logdet(X'*A*X)", "X:4x3 A:4x4/spd", "X", "A*X*inv(X'*A*X) + A'*X*inv(X'*A'*X)", "A*X*inv(X'*A*X) + A'*X*inv(X'*A*X)'"),
        Row("det-X2", "det(X^2)", "X:3x3/dd", "X", "2*det(X^2)*inv(X)'", "2*det(X)^2*inv(X)'"),
        Row("det-invX", "det(inv(X))", "X:3x3/dd", "X", "-det(inv(X))*inv(X)'", "-inv(X)'/det(X)"),

        // ---- inverses (Cookbook 2.3) ----------------------------------------------------------------------
        Row("inv-aTinvXb", "a'*inv(X)*b", "a:3 X:3x3/dd b:3", "X", "-inv(X)'*a*b'*inv(X)'", "-inv(X)'*a*b'*inv(X)'"),
        Row("inv-aTXm1b", "a'*X^-1*b", "a:3 X:3x3/dd b:3", "X", "-inv(X)'*a*b'*inv(X)'", "-inv(X)'*a*b'*inv(X)'"),
        Row("inv-sum", "sum(inv(X))", "X:3x3/dd", "X", "-inv(X)'*1*1'*inv(X)'", "-inv(X)'*ones(3, 3)*inv(X)'"),
        Row("inv-xTinvAx", "x'*inv(A)*x", "x:3 A:3x3/dd", "x, A", "(inv(A) + inv(A)')*x | -inv(A)'*x*x'*inv(A)'", "(inv(A) + inv(A)')*x", "-inv(A)'*x*x'*inv(A)'"),
        Row("inv-aTinvXplusAb", "a'*inv(X + A)*b", "a:3 X:3x3/dd A:3x3/dd b:3", "X", "-inv(X + A)'*a*b'*inv(X + A)'", "-inv(A + X)'*a*b'*inv(A + X)'"),

        // ---- norms (Cookbook 2.6) -------------------------------------------------------------------------
        Row("norm-x", "norm(x)", "x:4", "x", "x/norm(x)", "x/norm(x)"),
        Row("norm-X", "norm(X)", "X:3x4", "X", "X/norm(X)", "X/norm(X)"),
        Row("norm-x2", "norm(x)^2", "x:4", "x", "2*x", "2*x"),
        Row("norm-Axb2", "norm(A*x - b)^2", "A:4x3 x:3 b:4", "x", "2*A'*(A*x - b)", "2*A'*(A*x - b)"),
        Row("norm-Axb", "norm(A*x - b)", "A:4x3 x:3 b:4", "x", "A'*(A*x - b)/norm(A*x - b)", "A'*(A*x - b)/norm(A*x - b)"),
        Row("norm-AXB2", "norm(A*X*B)^2", "A:2x3 X:3x4 B:4x2", "X", "2*A'*A*X*B*B'", "2*A'*A*X*B*B'"),
        Row("norm-xa2", "norm(x - a)^2", "x:3 a:3", "x, a", "2*(x - a) | -2*(x - a)", "2*(x - a)", "-2*(x - a)"),

        // ---- element-wise ---------------------------------------------------------------------------------
        Row("ew-XX", "sum(X .* X)", "X:3x4", "X", "2*X", "2*X"),
        Row("ew-exp", "sum(exp(x))", "x:4", "x", "exp(x)", "exp(x)"),
        Row("ew-log", "sum(log(x))", "x:4/pos", "x", "1./x", "1./x"),
        Row("ew-cube", "sum(x.^3)", "x:4", "x", "3*x.^2", "3*x.^2"),
        Row("ew-AX", "sum(A .* X)", "A:3x4 X:3x4", "X", "A", "A"),
        Row("ew-sumX", "sum(X)", "X:3x4", "X", "ones(3, 4)", "ones(3, 4)"),
        Row("ew-sinXA", "sum(sin(X) .* A)", "X:3x4 A:3x4", "X", "A .* cos(X)", "cos(X).*A"),
        // Prints 1/2./x.^(1/2); not pinned.
        Row("ew-sqrt", "sum(sqrt(x))", "x:4/pos", "x", "1./(2*sqrt(x))"),
        Row("ew-div", "sum(x ./ y)", "x:4 y:4/pos", "x, y", "1./y | -x./y.^2", "1./y", "-x./y.^2"),
        Row("ew-aTdiagX", "a'*diag(X)", "a:3 X:3x3", "X", "diag(a)", "diag(a)"),
        Row("ew-xTdiagax", "x'*diag(a)*x", "x:3 a:3", "x", "2*a .* x", "2*diag(a)*x"),
        Row("ew-aTxx", "a'*(x .* x)", "a:3 x:3", "x", "2*a .* x", "2*a.*x"),

        // ---- machine-learning losses ----------------------------------------------------------------------
        Row("ml-least-squares", "norm(X*w - y)^2", "X:5x3 w:3 y:5", "w", "2*X'*(X*w - y)", "2*X'*(X*w - y)"),
        Row("ml-least-squares-X", "norm(X*w - y)^2", "X:5x3 w:3 y:5", "X", "2*(X*w - y)*w'", "2*(X*w - y)*w'"),
        Row("ml-least-squares-quadratic", "(X*w - y)'*(X*w - y)", "X:5x3 w:3 y:5", "w", "2*X'*(X*w - y)", "2*X'*(X*w - y)"),
        Row("ml-ridge", "norm(X*w - y)^2 + lambda*norm(w)^2", "X:5x3 w:3 y:5 lambda:s/pos", "w, lambda", "2*X'*(X*w - y) + 2*lambda*w | norm(w)^2", "2*X'*(X*w - y) + 2*lambda*w", "norm(w)^2"),
        // The standard forms (Simplification/StandardForms): exp(v)/(exp(v) + 1) is sigmoid(v), printed in canonical order.
        Row("ml-logistic", "sum(log(1 + exp(-y .* (X*w))))", "X:5x3 w:3 y:5/pm", "w", "-X'*(y .* sigmoid(-y .* (X*w)))", "-X'*(sigmoid(-X*w.*y).*y)"),
        Row("ml-logistic-log1p", "sum(log1p(exp(-y .* (X*w))))", "X:5x3 w:3 y:5/pm", "w", "-X'*(y .* sigmoid(-y .* (X*w)))", "-X'*(sigmoid(-X*w.*y).*y)"),
        Row("ml-softplus", "sum(softplus(X*w))", "X:5x3 w:3", "w", "X'*sigmoid(X*w)", "X'*sigmoid(X*w)"),
        Row("ml-cross-entropy", "-sum(y .* log(sigmoid(X*w)) + (1 - y) .* log(1 - sigmoid(X*w)))", "X:5x3 w:3 y:5/prob", "w", "X'*(sigmoid(X*w) - y)", "X'*(sigmoid(X*w) - y)"),
        Row("ml-sigmoid-mse", "sum((sigmoid(X*w) - y).^2)", "X:5x3 w:3 y:5/prob", "w", "2*X'*((sigmoid(X*w) - y) .* sigmoid(X*w) .* (1 - sigmoid(X*w)))", "2*X'*((sigmoid(X*w) - y).*(1 - sigmoid(X*w)).*sigmoid(X*w))"),
        Row("ml-tanh-layer", "sum((tanh(W*x) - y).^2)", "W:4x3 x:3 y:4", "W", "2*((tanh(W*x) - y) .* (1 - tanh(W*x).^2))*x'", "2*((tanh(W*x) - y).*(1 - tanh(W*x).^2))*x'"),
        Row("ml-two-layer", "sum((V*tanh(W*x) - y).^2)", "V:2x4 W:4x3 x:3 y:2", "W, V",
            "2*((V'*(V*tanh(W*x) - y)) .* (1 - tanh(W*x).^2))*x' | 2*(V*tanh(W*x) - y)*tanh(W*x)'",
            "2*((1 - tanh(W*x).^2).*(V'*(V*tanh(W*x) - y)))*x'", null), // d/dV prints tanh(W*x)' as tanh(x'*W'): not pinned
        Row("ml-matrix-factorisation", "norm(X - U*V')^2", "X:4x3 U:4x2 V:3x2", "U, V", "-2*(X - U*V')*V | -2*(X - U*V')'*U", "-2*(X - U*V')*V", "-2*(X' - V*U')*U"),
        Row("ml-log-sum-exp", "log(sum(exp(X*w)))", "X:5x3 w:3", "w", "X'*exp(X*w)/sum(exp(X*w))", "X'*exp(X*w)/sum(exp(X*w))"),
        Row("ml-bias", "sum((X*w + b - y).^2)", "X:5x3 w:3 b:s y:5", "w, b", "2*X'*(X*w + b - y) | 2*sum(X*w + b - y)", "2*X'*(b + X*w - y)", "2*sum(b + X*w - y)"),
        Row("ml-weight-decay", "norm(W*x - y)^2 + lambda*sum(W .* W)", "W:4x3 x:3 y:4 lambda:s/pos", "W", "2*(W*x - y)*x' + 2*lambda*W", "2*(W*x - y)*x' + 2*lambda*W"),
        Row("ml-gaussian-nll", "logdet(S) + x'*inv(S)*x", "S:3x3/spd x:3", "S, x", "inv(S)' - inv(S)'*x*x'*inv(S)' | (inv(S) + inv(S)')*x", "inv(S)' - inv(S)'*x*x'*inv(S)'", "(inv(S) + inv(S)')*x"),
    ];

    // ---- symmetric matrix variables: the gradient within symmetric matrices is (G + G')/2 ----------------
    public static readonly IReadOnlyList<CookbookIdentity> SymmetricIdentities =
    [
        Row("sym-xTSx", "x'*S*x", "x:3 S:3x3/sym", "S", "x*x'", "x*x'"),
        Row("sym-aTSb", "a'*S*b", "a:3 S:3x3/sym b:3", "S", "(a*b' + b*a')/2", "(a*b' + b*a')/2"),
        Row("sym-trAS", "tr(A*S)", "A:3x3 S:3x3/sym", "S", "(A + A')/2", "(A + A')/2"),
        // inv(S)' of a symmetric S is not simplified to inv(S) (S' = S is): these print (inv(S) + inv(S)')/2,
        // (det(S)*inv(S) + det(S)*inv(S)')/2, (-inv(S)*b*a'*inv(S) - inv(S)'*a*b'*inv(S)')/2 and
        // (inv(S) - inv(S)*x*x'*inv(S) - inv(S)'*x*x'*inv(S)' + inv(S)')/2; not pinned.
        Row("sym-logdetS", "logdet(S)", "S:3x3/sym", "S", "inv(S)"),
        Row("sym-detS", "det(S)", "S:3x3/sym", "S", "det(S)*inv(S)"),
        Row("sym-aTinvSb", "a'*inv(S)*b", "a:3 S:3x3/sym b:3", "S", "-(inv(S)*a*b'*inv(S) + inv(S)*b*a'*inv(S))/2"),
        Row("sym-trSAS", "tr(S*A*S)", "A:3x3 S:3x3/sym", "S", "(A*S + S*A + S*A' + A'*S)/2", "(S*A + S*A' + (A + A')*S)/2"),
        Row("sym-gaussian-nll", "logdet(S) + x'*inv(S)*x", "x:3 S:3x3/sym", "S", "inv(S) - inv(S)*x*x'*inv(S)"),
        Row("sym-xTSSx-vector", "x'*S*S*x", "x:3 S:3x3/sym", "x", "2*S*S*x", "2*S*S*x"),
    ];

    public static TheoryData<string> SymmetricIds => [.. SymmetricIdentities.Select(i => i.Id)];

    public static TheoryData<string> Ids => [.. Identities.Select(i => i.Id)];

    private static CookbookIdentity Get(string id) => Identities.Single(i => i.Id == id);

    [Fact]
    public void Table_has_at_least_sixty_distinct_identities()
    {
        Assert.True(Identities.Count >= 60, $"{Identities.Count} identities");
        Assert.Equal(Identities.Count, Identities.Select(i => i.Id).Distinct().Count());
        foreach (var identity in Identities)
        {
            Assert.Equal(identity.WrtNames.Length, identity.Cookbook.Length);
            Assert.True(identity.Printed.Length == 0 || identity.Printed.Length == identity.WrtNames.Length, identity.Id);
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Gradient_has_the_variables_shape_and_matches_central_differences(string id)
    {
        var identity = Get(id);
        var specs = identity.Specs;
        var declarations = MatrixTestKit.Declarations(specs);
        var at = MatrixTestKit.Point(specs, MatrixTestKit.StableSeed(id));

        var answer = Calculus.MatrixGradient(new MatrixGradientQuery(identity.Expression, declarations, identity.WrtNames, at), EngineLimits.Default);
        Assert.True(answer.IsSuccess, $"{identity}: {answer.Error?.Detail}");

        var f = Calculus.Read(identity.Expression, EngineLimits.Default, declarations);
        Assert.True(f.IsSuccess, f.Error?.Detail);
        Assert.NotNull(answer.Value.Value);
        Assert.Equal(MatrixTestKit.EvaluateScalar(f.Value.Expression, at), answer.Value.Value!.Value, 12);

        Assert.Equal(identity.WrtNames, answer.Value.Gradients.Select(g => g.Variable));
        foreach (var component in answer.Value.Gradients)
        {
            var spec = specs.Single(s => s.Name == component.Variable);
            Assert.NotNull(component.Value);
            var value = component.Value!;
            if (spec.Kind == VariableKind.Scalar)
            {
                Assert.True(value.IsScalar, $"{identity}: the gradient with respect to scalar {spec.Name} is {value.Matrix?.RowCount}×{value.Matrix?.ColumnCount}");
            }
            else
            {
                Assert.False(value.IsScalar, $"{identity}: the gradient with respect to {spec.Name} ({spec.Size}) is a number");
                Assert.Equal([spec.Rows, spec.Cols], value.Dimensions);
            }

            Assert.Equal(new Shapes.Shape(Shapes.Dim.Of(spec.Rows), Shapes.Dim.Of(spec.Cols)), component.Shape);
            Assert.False(component.Symmetric);

            var reference = MatrixTestKit.CentralDifferences(f.Value.Expression, at, spec.Name);
            var engine = MatrixTestKit.AsMatrix(value);
            var bad = MatrixTestKit.Mismatches(engine, reference);
            Assert.True(bad.Count == 0,
                $"{identity}, ∂/∂{spec.Name} = {component.Gradient.Text}:{Environment.NewLine}  engine {MatrixTestKit.Show(engine)}{Environment.NewLine}  FD     {MatrixTestKit.Show(reference)}{Environment.NewLine}  {string.Join("; ", bad)}");
        }

        // Kinds left out: the point alone decides them, and nothing changes. A reserved name used as a variable
        // (e in quad-affine) is still declared: a value alone does not make e a variable (contract section 5).
        var reserved = declarations.Where(p => p.Key is "e" or "pi" or "I").ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var fromPoint = Calculus.MatrixGradient(new MatrixGradientQuery(identity.Expression, reserved.Count == 0 ? null : reserved, identity.WrtNames, at), EngineLimits.Default);
        Assert.True(fromPoint.IsSuccess, $"{identity} without declarations: {fromPoint.Error?.Detail}");
        for (var k = 0; k < identity.WrtNames.Length; k++)
        {
            var declared = answer.Value.Gradients[k];
            var inferred = fromPoint.Value.Gradients[k];
            Assert.Equal(declared.Gradient.Text, inferred.Gradient.Text);
            Assert.Equal(declared.Shape, inferred.Shape);
            var bad = MatrixTestKit.Mismatches(MatrixTestKit.AsMatrix(inferred.Value!), MatrixTestKit.AsMatrix(declared.Value!), relative: 1e-12, floor: 1e-14);
            Assert.True(bad.Count == 0, $"{identity} without declarations, ∂/∂{declared.Variable}: {string.Join("; ", bad)}");
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Printed_gradient_reads_back_and_is_the_textbook_form_where_checked(string id)
    {
        var identity = Get(id);
        var specs = identity.Specs;
        var declarations = MatrixTestKit.Declarations(specs);
        var answer = Calculus.MatrixGradient(new MatrixGradientQuery(identity.Expression, declarations, identity.WrtNames), EngineLimits.Default);
        Assert.True(answer.IsSuccess, $"{identity}: {answer.Error?.Detail}");
        var f = Calculus.Read(identity.Expression, EngineLimits.Default, declarations).Value.Expression;

        for (var k = 0; k < identity.WrtNames.Length; k++)
        {
            var component = answer.Value.Gradients[k];
            var text = component.Gradient.Text;
            output.WriteLine($"{identity.Id} d/d{component.Variable}: {text}    (Cookbook: {identity.Cookbook[k]})");
            if (identity.Printed.Length > 0 && identity.Printed[k] is { } expected)
            {
                Assert.Equal(expected, text);
            }

            var gradient = CalcApi.Domain.Simplification.StandardForms.Recognise(CalcApi.Domain.Differentiation.MatrixGradient.Of(f, component.Variable));
            var reread = Calculus.Read(text, EngineLimits.Default, declarations, component.Shape);
            Assert.True(reread.IsSuccess, $"{identity}: the printed gradient '{text}' does not read back: {reread.Error?.Detail}");
            Assert.True(gradient.Equals(reread.Value.Expression),
                $"{identity}: '{text}' reads back as '{CalcApi.Domain.Printing.TextPrinter.Print(reread.Value.Expression)}', a different expression");
            Assert.False(string.IsNullOrWhiteSpace(component.Gradient.Latex));
            Assert.False(string.IsNullOrWhiteSpace(component.Gradient.MathML));
        }
    }

    [Theory]
    [MemberData(nameof(SymmetricIds))]
    public void Symmetric_declaration_gives_G_plus_G_transposed_over_two(string id)
    {
        var identity = SymmetricIdentities.Single(i => i.Id == id);
        var specs = identity.Specs;
        var declarations = MatrixTestKit.Declarations(specs);
        var general = MatrixTestKit.Declarations(specs.Select(s => s.Symmetric ? s with { Fill = "spd" } : s));
        var at = MatrixTestKit.Point(specs, MatrixTestKit.StableSeed(id));

        var symmetric = Calculus.MatrixGradient(new MatrixGradientQuery(identity.Expression, declarations, identity.WrtNames, at), EngineLimits.Default);
        var unconstrained = Calculus.MatrixGradient(new MatrixGradientQuery(identity.Expression, general, identity.WrtNames, at), EngineLimits.Default);
        Assert.True(symmetric.IsSuccess, $"{identity}: {symmetric.Error?.Detail}");
        Assert.True(unconstrained.IsSuccess, $"{identity}: {unconstrained.Error?.Detail}");
        var f = Calculus.Read(identity.Expression, EngineLimits.Default, declarations).Value.Expression;

        for (var k = 0; k < identity.WrtNames.Length; k++)
        {
            var component = symmetric.Value.Gradients[k];
            var spec = specs.Single(s => s.Name == component.Variable);
            output.WriteLine($"{identity.Id} d/d{component.Variable}: {component.Gradient.Text}    (unconstrained: {unconstrained.Value.Gradients[k].Gradient.Text}; textbook: {identity.Cookbook[k]})");
            Assert.Equal(spec.Symmetric, component.Symmetric);
            if (identity.Printed.Length > 0 && identity.Printed[k] is { } printed)
            {
                Assert.Equal(printed, component.Gradient.Text);
            }

            var engine = MatrixTestKit.AsMatrix(component.Value!);
            Assert.Equal(spec.Rows, engine.RowCount);
            Assert.Equal(spec.Cols, engine.ColumnCount);

            if (spec.Symmetric)
            {
                var g = MatrixTestKit.AsMatrix(unconstrained.Value.Gradients[k].Value!);
                var bad = MatrixTestKit.Mismatches(engine, (g + g.Transpose()) / 2, relative: 1e-12, floor: 1e-12);
                Assert.True(bad.Count == 0, $"{identity}: symmetric {MatrixTestKit.Show(engine)} is not (G + G')/2 of G = {MatrixTestKit.Show(g)}: {string.Join("; ", bad)}");
            }

            // Entry (i, j) is the derivative along the symmetric direction (E_ij + E_ji)/2.
            var reference = MatrixTestKit.CentralDifferences(f, at, spec.Name, symmetric: spec.Symmetric);
            var mismatches = MatrixTestKit.Mismatches(engine, reference);
            Assert.True(mismatches.Count == 0,
                $"{identity}, ∂/∂{spec.Name} = {component.Gradient.Text}: engine {MatrixTestKit.Show(engine)}, FD {MatrixTestKit.Show(reference)}: {string.Join("; ", mismatches)}");

            var expected = CalcApi.Domain.Simplification.StandardForms.Recognise(CalcApi.Domain.Differentiation.MatrixGradient.Of(f, spec.Name));
            if (spec.Symmetric)
            {
                expected = CalcApi.Domain.Differentiation.MatrixGradient.Symmetrised(expected);
            }

            var reread = Calculus.Read(component.Gradient.Text, EngineLimits.Default, declarations, component.Shape);
            Assert.True(reread.IsSuccess, $"{identity}: '{component.Gradient.Text}' does not read back: {reread.Error?.Detail}");
            Assert.True(expected.Equals(reread.Value.Expression), $"{identity}: '{component.Gradient.Text}' reads back as a different expression");
        }
    }

    [Fact]
    public void A_value_that_is_not_symmetric_for_a_symmetric_declaration_is_refused()
    {
        var declarations = new Dictionary<string, VariableDeclaration> { ["S"] = VariableDeclaration.Matrix(symmetric: true), ["x"] = VariableDeclaration.Vector() };
        var at = new Dictionary<string, Value> { ["S"] = Value.FromRows([[2.0, 1.0], [0.0, 2.0]]), ["x"] = Value.Vector([1.0, 2.0]) };
        var answer = Calculus.MatrixGradient(new MatrixGradientQuery("x'*S*x", declarations, ["S"], at), EngineLimits.Default);
        Assert.False(answer.IsSuccess);
        Assert.Contains("S", answer.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("symmetric", answer.Error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symmetric_declaration_of_a_non_square_matrix_is_refused()
    {
        var declarations = new Dictionary<string, VariableDeclaration>
        {
            ["S"] = VariableDeclaration.Matrix(Shapes.Dim.Of(2), Shapes.Dim.Of(3), symmetric: true),
            ["a"] = VariableDeclaration.Vector(),
            ["b"] = VariableDeclaration.Vector(),
        };
        var answer = Calculus.MatrixGradient(new MatrixGradientQuery("a'*S*b", declarations, ["S"]), EngineLimits.Default);
        Assert.False(answer.IsSuccess);
        Assert.Contains("S", answer.Error.Detail, StringComparison.Ordinal);
        Assert.Contains("2×3", answer.Error.Detail, StringComparison.Ordinal);
    }

    // ---- shape errors: a failed Outcome that names both operands and their sizes ---------------------------
    public static TheoryData<string, string, string[]> ShapeErrors => new()
    {
        { "a'*W", "a:3 W:4x2", ["a'", "W", "1×3", "4×2"] },
        { "a'*W*b", "a:2 W:2x3 b:4", ["a'*W", "b", "1×3", "4×1"] },
        { "sum(A*x)", "A:2x3 x:4", ["A", "x", "2×3", "4×1"] },
        { "tr(A*X*B)", "A:2x3 X:3x4 B:3x2", ["A*X", "B", "2×4", "3×2"] },
        { "sum(X + A)", "X:3x4 A:4x3", ["X", "A", "3×4", "4×3"] },
        { "sum(x .* y)", "x:3 y:4", ["x", "y", "3×1", "4×1"] },
        { "norm(X*w - y)^2", "X:5x3 w:4 y:5", ["X", "w", "5×3", "4×1"] },
        { "norm(X*w - y)^2", "X:5x3 w:3 y:4", ["X*w", "y", "5×1", "4×1"] },
    };

    [Theory]
    [MemberData(nameof(ShapeErrors))]
    public void Non_conformable_shapes_give_an_error_naming_both_operands_and_sizes(string expression, string variables, string[] mentioned)
    {
        var specs = VariableSpec.ParseAll(variables);
        var at = MatrixTestKit.Point(specs, MatrixTestKit.StableSeed(expression + variables));

        // Sizes declared, no point; then kinds and sizes taken from the point alone.
        foreach (var query in new[]
                 {
                     new MatrixGradientQuery(expression, MatrixTestKit.Declarations(specs)),
                     new MatrixGradientQuery(expression, null, null, at),
                 })
        {
            var answer = Calculus.MatrixGradient(query, EngineLimits.Default);
            Assert.False(answer.IsSuccess, $"{expression} with {variables} succeeded: {(answer.IsSuccess ? answer.Value.Gradients[0].Gradient.Text : "")}");
            output.WriteLine($"{expression} ({variables}): {answer.Error.Detail}");
            foreach (var text in mentioned)
            {
                Assert.Contains(text, answer.Error.Detail, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_shape_error_in_a_difference_quotes_the_difference_as_written()
    {
        var declarations = MatrixTestKit.Declarations(VariableSpec.ParseAll("X:5x3 w:3 y:4"));
        var answer = Calculus.MatrixGradient(new MatrixGradientQuery("norm(X*w - y)^2", declarations), EngineLimits.Default);
        Assert.False(answer.IsSuccess);
        Assert.Contains("X*w - y", answer.Error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("X*w + y", answer.Error.Detail, StringComparison.Ordinal);
    }

    // ---- singular matrices -------------------------------------------------------------------------------
    private static readonly double[][] Singular = [[1, 2, 3], [2, 4, 6], [1, 0, 1]];
    private static readonly double[][] NegativeDeterminant = [[1, 0.5, 0], [0.5, 1, 0], [0, 0, -2]];

    public static TheoryData<string, string> SingularCases => new()
    {
        { "a'*inv(X)*b", "singular" },
        { "a'*X^-1*b", "singular" },
        { "tr(inv(X))", "singular" },
        { "tr(A*inv(X)*B)", "singular" },
        { "logdet(X)", "singular" },
        { "log(det(X))", "singular" },
        { "logdet(X)", "negative" },
    };

    [Theory]
    [MemberData(nameof(SingularCases))]
    public void Inverse_and_log_determinant_of_a_singular_matrix_give_an_error(string expression, string which)
    {
        var at = new Dictionary<string, Value>
        {
            ["X"] = Value.FromRows(which == "singular" ? Singular : NegativeDeterminant),
            ["a"] = Value.Vector([1.0, 2.0, 3.0]),
            ["b"] = Value.Vector([0.5, -1.0, 2.0]),
            ["A"] = Value.FromRows([[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]]),
            ["B"] = Value.FromRows([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]),
        };
        var used = Calculus.Read(expression, EngineLimits.Default, at.ToDictionary(p => p.Key, p => VariableDeclaration.FromValue(p.Value))).Value.FreeNames;
        var point = at.Where(p => used.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);

        var answer = Calculus.MatrixGradient(new MatrixGradientQuery(expression, null, ["X"], point), EngineLimits.Default);
        Assert.False(answer.IsSuccess, $"{expression} at a {which} X succeeded: {(answer.IsSuccess ? answer.Value.Gradients[0].Value : "")}");
        output.WriteLine($"{expression} ({which}): {answer.Error.Kind}: {answer.Error.Detail}");
        Assert.False(string.IsNullOrWhiteSpace(answer.Error.Detail));
    }

    /// <summary>
    /// det is differentiable everywhere: ∂det(X)/∂X = adj(X)' (Cookbook eq. 49 writes det(X)·inv(X)' for
    /// invertible X). At a singular X of rank n − 1 the gradient is the non-zero adj(X)', and the gradient
    /// of det(X)^2 is 0, so neither should be refused because inv(X) does not exist.
    /// </summary>
    [Theory]
    [InlineData("det(X)")]
    [InlineData("det(X)^2")]
    public void The_determinant_has_a_gradient_at_a_singular_matrix(string expression)
    {
        var x = Mat.Build.DenseOfRowArrays([1.0, 2, 3], [2, 4, 6], [1, 0, 1]);
        var at = new Dictionary<string, Value> { ["X"] = Value.Of(x) };
        var answer = Calculus.MatrixGradient(new MatrixGradientQuery(expression, null, ["X"], at), EngineLimits.Default);
        Assert.True(answer.IsSuccess, $"{expression} at a singular X: {answer.Error?.Detail}");

        var f = Calculus.Read(expression, EngineLimits.Default, new Dictionary<string, VariableDeclaration> { ["X"] = VariableDeclaration.FromValue(at["X"]) }).Value.Expression;
        var reference = MatrixTestKit.CentralDifferences(f, at, "X");
        var engine = MatrixTestKit.AsMatrix(answer.Value.Gradients[0].Value!);
        var bad = MatrixTestKit.Mismatches(engine, reference);
        Assert.True(bad.Count == 0, $"{expression}: engine {MatrixTestKit.Show(engine)}, FD {MatrixTestKit.Show(reference)}");
    }
}
