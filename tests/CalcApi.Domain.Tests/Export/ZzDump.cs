namespace CalcApi.Domain.Tests.Export;
public class ZzDump
{
    [Fact]
    public void Dump()
    {
        File.WriteAllText("/tmp/exp/lecture.py", ExportedProgram.Code("(a'*W*b - c)^2", "numpy", "a:vector b:vector W:matrix c:scalar", "W"));
        File.WriteAllText("/tmp/exp/lecture.cs", ExportedProgram.Code("(a'*W*b - c)^2", "csharp", "a:vector b:vector W:matrix c:scalar", "W"));
        File.WriteAllText("/tmp/exp/lecture_torch.py", ExportedProgram.Code("(a'*W*b - c)^2", "pytorch", "a:vector b:vector W:matrix c:scalar", "W"));
        File.WriteAllText("/tmp/exp/cover.cs", ExportedProgram.Code("sum(sigmoid(X*x)) + erf(a'*x) + log1p(x'*x) + tr(inv(X)) + norm(diag(x))^2 + sum(x.^(1/3)) + logdet(X) + sum(softplus(x)) + a'*diag(X) + sum(sec(x)+csc(x)+cot(x)+asin(x/2)+acosh(2+x.^2)+atanh(x/2)) + sum(X.^(-1))", "csharp", "x:vector a:vector X:matrix", "x", "X"));
        File.WriteAllText("/tmp/exp/sin.py", ExportedProgram.Code("sin(sin(sin(sin(sin(sin(x))))))", "numpy", "x:scalar", "x"));
    }
}
