using CalcApi.Api.Endpoints;

namespace CalcApi.Api.Configuration;

/// <summary>One request the warm-up sends through the pipeline, and the status it must answer.</summary>
public sealed record WarmupRequest(string Path, string Body, int ExpectedStatus = StatusCodes.Status200OK);

/// <summary>
/// What the warm-up sends: every calculation endpoint on small but representative inputs (scalar and
/// matrix calculus, each optimiser family, a landscape, a check that finds a mistake), plus a parse error
/// and a refused field, so the problem+json path is compiled too. Deliberately not the inputs of
/// scripts/cold-start.sh, which would then measure a rehearsed request rather than a first one.
/// </summary>
public static class WarmupRequests
{
    public static IReadOnlyList<WarmupRequest> All { get; } =
    [
        new(Routes.Differentiate, """{"expression":"sin(x)*exp(x^2)/(1 + x^2)","variable":"x","order":2,"at":{"x":0.3}}"""),
        new(Routes.Differentiate, """{"expression":"log(x)^3 - sqrt(x)*tan(x)","variable":"x"}"""),
        new(Routes.Differentiate, """{"expression":"sin(x","variable":"x"}""", StatusCodes.Status400BadRequest),
        new(Routes.Gradient, """{"expression":"x*y^2 + cos(x*y) - exp(z)","at":{"x":0.5,"y":1.5,"z":0}}"""),
        new(Routes.MatrixGradient, """{"expression":"norm(A*w - b)^2 + lambda*norm(w)^2","wrt":"w","at":{"A":[[1,0],[2,1],[0,3]],"w":[1,1],"b":[1,2,3],"lambda":0.5}}"""),
        new(Routes.MatrixGradient, """{"expression":"tr(X'*A*X)","variables":{"X":"matrix","A":"matrix"},"wrt":"X"}"""),
        new(Routes.MatrixGradient, """{"expression":"tr(X)","at":{"X":[[2,1],[1,3]]}}"""),
        new(Routes.Check, """{"task":"differentiate","expression":"cos(x)","variable":"x","answer":"sin(x)"}"""),
        new(Routes.Check, """{"task":"differentiate","expression":"x^3","answer":"3x^2"}"""),
        new(Routes.Optimize, """{"loss":"(1 - x)^2 + 100*(y - x^2)^2","initial":{"x":0,"y":0},"optimizer":{"method":"adam","learningRate":0.05},"maxIterations":200}"""),
        new(Routes.Optimize, """{"loss":"norm(A*w - b)^2","constants":{"A":[[1,0.5],[0.2,1],[1,1]],"b":[1,2,2.5]},"initial":{"w":[0,0]},"optimizer":{"method":"gd","learningRate":1,"lineSearch":"armijo"},"maxIterations":100}"""),
        new(Routes.Optimize, """{"loss":"x'*M*x","constants":{"M":[[2,0],[0,1]]},"initial":{"x":[1,1]},"optimizer":{"method":"nesterov","learningRate":0.1,"momentum":0.5},"maxIterations":100}"""),
        new(Routes.Optimize, """{"loss":"x^2","initial":{"x":1},"optimizer":{"method":"gd","learningRate":-1}}""", StatusCodes.Status422UnprocessableEntity),
        new(Routes.OptimizeStream, """{"loss":"(x - 1)^2 + 3*(y + 2)^2","initial":{"x":0,"y":0},"optimizer":{"method":"gd","learningRate":0.1},"maxIterations":200,"historyPoints":10}"""),
        // Long enough for the compiled program to unroll itself (CompiledProgram.UnrollAfterRuns): the first unrolling
        // in a process compiles the expression compiler itself, 15 ms that no client's run should pay.
        new(Routes.Optimize, """{"loss":"(x - 1)^2 + 2*(y + 0.5)^2","initial":{"x":0,"y":0},"optimizer":{"method":"gd","learningRate":1e-6},"maxIterations":25000,"tolerance":0}"""),
        new(Routes.Landscape, """{"loss":"x^2 + sin(3*y)","initial":{"x":1,"y":1},"xRange":[-2,2],"yRange":[-2,2],"resolution":12}"""),
        new(Routes.Export, """{"expression":"log(det(X)) + tr(A*X)","variables":{"X":"matrix","A":"matrix"},"wrt":["X"],"language":"numpy"}"""),
    ];
}
