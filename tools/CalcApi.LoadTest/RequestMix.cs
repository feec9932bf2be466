using CalcApi.Api.Endpoints;

namespace CalcApi.LoadTest;

/// <summary>What a request should get back.</summary>
public enum Expectation
{
    /// <summary>200 with a JSON body.</summary>
    Json,

    /// <summary>200 with a Server-Sent Events stream that ends with a <c>summary</c> event.</summary>
    EventStream,

    /// <summary>A 4xx problem document (a deliberately bad request).</summary>
    Problem,

    /// <summary>A heavy request's refusal: 422 (a limit: maxResultNodes, maxWorkNodes, requestTimeout) or 503 (the queue for heavy calculations is full).</summary>
    Refusal,
}

/// <summary>
/// One request of the mix. <paramref name="MustContain"/> is a piece of text the body has to contain (a
/// field every right answer has), so a 200 with the wrong body still counts as an error.
/// </summary>
public sealed record RequestTemplate(string Name, HttpMethod Method, string Path, string? Body, int Weight, Expectation Expect, string? MustContain = null)
{
    /// <summary>What the per-endpoint table groups by, e.g. "POST /api/gradient".</summary>
    public string Endpoint => $"{Method.Method} {Path}";

    public static RequestTemplate Get(string name, string path, int weight, string? mustContain = null) =>
        new(name, HttpMethod.Get, path, null, weight, Expectation.Json, mustContain);

    public static RequestTemplate Post(string name, string path, int weight, string body, string? mustContain = null) =>
        new(name, HttpMethod.Post, path, body, weight, Expectation.Json, mustContain);

    public static RequestTemplate Stream(string name, string path, int weight, string body) =>
        new(name, HttpMethod.Post, path, body, weight, Expectation.EventStream, "event: summary");

    public static RequestTemplate Refused(string name, string path, int weight, string body) =>
        new(name, HttpMethod.Post, path, body, weight, Expectation.Refusal, "\"status\":");

    public static RequestTemplate Bad(string name, string path, int weight, string body) =>
        new(name, HttpMethod.Post, path, body, weight, Expectation.Problem, "\"status\":4");
}

/// <summary>
/// The default mix: every endpoint, with the lecture's examples (as in http-examples/*.http) and about one
/// request in six deliberately bad (malformed expressions, shape errors, bad JSON) whose right answer is
/// a 4xx problem document. Optimisation runs are kept short (at most 500 iterations, landscapes 20×20).
/// </summary>
public static class RequestMix
{
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("sin(", depth)) + "x" + new string(')', depth);

    private static string Product(int factors) => string.Join("*", Enumerable.Range(1, factors).Select(i => $"(x + {i})"));

    private static string Derivative(string expression) => $$"""{ "expression": "{{expression}}", "variable": "x", "order": 10 }""";

    /// <summary>
    /// The heavy mix of --heavy-connections: derivatives refused for their size before any work (nested sin,
    /// a product of 16 factors, by estimate) or stopped by the work limit after a second or two of work
    /// (sin nested 7), which under load runs to its time budget. Each answers 422, or 503 when the queue
    /// for heavy calculations is full.
    /// </summary>
    public static IReadOnlyList<RequestTemplate> Heavy { get; } =
    [
        RequestTemplate.Refused("size: sin nested 8, order 10", Routes.Differentiate, 2, Derivative(Nested(8))),
        RequestTemplate.Refused("size: sin nested 9, order 10", Routes.Differentiate, 1, Derivative(Nested(9))),
        RequestTemplate.Refused("size: 16 factors, order 10", Routes.Differentiate, 1, Derivative(Product(16))),
        RequestTemplate.Refused("work or budget: sin nested 7, order 10", Routes.Differentiate, 1, Derivative(Nested(7))),
    ];

    public static IReadOnlyList<RequestTemplate> Default { get; } =
    [
        RequestTemplate.Get("health", Routes.Health, 2, "\"status\""),
        RequestTemplate.Get("readiness (runs the engine)", Routes.HealthReady, 1, "\"ok\""),

        // Scalar derivatives.
        RequestTemplate.Post("chain rule", Routes.Differentiate, 4,
            """{ "expression": "exp(cos(x^2))", "variable": "x", "order": 1, "at": { "x": 0.5 } }""", "\"derivative\""),
        RequestTemplate.Post("second order", Routes.Differentiate, 2,
            """{ "expression": "exp(cos(x^2))", "variable": "x", "order": 2, "at": { "x": 0.5 } }""", "\"derivative\""),
        RequestTemplate.Post("product rule", Routes.Differentiate, 2,
            """{ "expression": "x^2*sin(x)", "variable": "x", "at": { "x": 1.2 } }""", "\"derivative\""),
        RequestTemplate.Post("quotient, LaTeX and MathML", Routes.Differentiate, 1,
            """{ "expression": "ln(x)/sqrt(1 + x^2)", "variable": "x" }""", "\"mathml\""),
        RequestTemplate.Post("d/dt det(I + tM)", Routes.Differentiate, 1,
            """{ "expression": "det(I + t*M)", "variable": "t", "at": { "t": 0, "M": [[1.28, 1.01, -0.53], [-0.07, 0.75, -0.56], [1.04, -1.21, 1.06]] } }""", "\"value\""),

        // Gradients.
        RequestTemplate.Post("grad x^2 y + sin y", Routes.Gradient, 3,
            """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1, "y": 2 } }""", "\"gradient\""),
        RequestTemplate.Post("w'Mw written out", Routes.Gradient, 1,
            """{ "expression": "w1^2*m11 + w1*w2*(m12 + m21) + w2^2*m22", "variables": ["w1", "w2"], "at": { "w1": 0.5, "w2": -1.5, "m11": 1, "m12": 2, "m21": 3, "m22": 4 } }""", "\"gradient\""),

        // Matrix gradients.
        RequestTemplate.Post("(a'Wb - c)^2 wrt W", Routes.MatrixGradient, 3,
            """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": ["W"], "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0]], "c": 2 } }""", "\"gradients\""),
        RequestTemplate.Post("logdet X", Routes.MatrixGradient, 1,
            """{ "expression": "logdet(X)", "at": { "X": [[2.77, -0.26, -0.56], [-0.55, 1.87, -0.96], [-0.22, 0.33, 3.75]] } }""", "\"gradients\""),
        RequestTemplate.Post("least squares", Routes.MatrixGradient, 1,
            """{ "expression": "norm(X*w - y)^2", "wrt": "w", "at": { "X": [[1, 2], [3, 4], [5, 6]], "w": [0.5, -0.5], "y": [1, 0, 1] } }""", "\"gradients\""),
        RequestTemplate.Post("logistic loss", Routes.MatrixGradient, 1,
            """{ "expression": "sum(log(1 + exp(-y .* (X*w))))", "wrt": "w", "at": { "X": [[1, 2], [0.5, -1], [-1, 0.3]], "w": [0.1, -0.2], "y": [1, -1, 1] } }""", "\"gradients\""),
        RequestTemplate.Post("tr(AXB), symbolic sizes", Routes.MatrixGradient, 1,
            """{ "expression": "tr(A*X*B)", "variables": { "A": { "kind": "matrix", "rows": "m", "cols": "n" }, "X": { "shape": ["n", "p"] }, "B": "matrix" }, "wrt": "X" }""", "\"gradients\""),
        RequestTemplate.Post("symmetric S", Routes.MatrixGradient, 1,
            """{ "expression": "x'*S*x", "variables": { "x": "vector", "S": { "kind": "matrix", "symmetric": true } }, "wrt": "S", "at": { "x": [1, 2], "S": [[2, 1], [1, 3]] } }""", "\"gradients\""),

        // Checking answers: one right (in another form than the engine's), one wrong (a counterexample and a
        // diagnosis), one unreadable (a 200 with verdict invalid: the answer is the learner's data).
        RequestTemplate.Post("check: right answer", Routes.Check, 2,
            """{ "task": "differentiate", "expression": "sin(x)^2", "variable": "x", "answer": "sin(2*x)" }""", "\"verdict\":\"equivalent\""),
        RequestTemplate.Post("check: wrong answer", Routes.Check, 2,
            """{ "task": "differentiate", "expression": "exp(cos(x^2))", "variable": "x", "answer": "-sin(x^2)*exp(cos(x^2))" }""", "\"verdict\":\"notEquivalent\""),
        RequestTemplate.Post("check: unreadable answer", Routes.Check, 1,
            """{ "task": "differentiate", "expression": "x^3", "variable": "x", "answer": "3x^" }""", "\"verdict\":\"invalid\""),

        // Optimisation runs, short.
        RequestTemplate.Post("optimize (a'Wb - c)^2, gd", Routes.Optimize, 2,
            """{ "loss": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "constants": { "a": [1, 2], "b": [3, 4, 5], "c": 2 }, "initial": { "W": [[0, 0, 0], [0, 0, 0]] }, "optimizer": { "method": "gd", "learningRate": 0.001 }, "maxIterations": 500, "tolerance": 1e-10 }""", "\"stopReason\""),
        RequestTemplate.Post("optimize quadratic, nesterov", Routes.Optimize, 1,
            """{ "loss": "x'*M*x + a'*x", "constants": { "M": [[3, 0.5], [0.5, 2]], "a": [1, -2] }, "initial": { "x": [0, 0] }, "optimizer": { "method": "nesterov", "learningRate": 0.05, "momentum": 0.9 }, "maxIterations": 300, "tolerance": 1e-12, "historyPoints": 50 }""", "\"stopReason\""),
        RequestTemplate.Post("optimize Rosenbrock, adam", Routes.Optimize, 1,
            """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "adam", "learningRate": 0.02 }, "maxIterations": 500, "tolerance": 1e-6 }""", "\"stopReason\""),
        RequestTemplate.Post("optimize Rosenbrock, newton", Routes.Optimize, 1,
            """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "newton" }, "tolerance": 1e-8 }""", "\"stopReason\""),
        RequestTemplate.Post("optimize least squares, armijo", Routes.Optimize, 1,
            """{ "loss": "norm(A*w - b)^2", "constants": { "A": [[1, 0.5], [0.2, 1], [1, 1], [0.3, -0.4], [2, 0.1]], "b": [1, 2, 2.5, -0.3, 2.1] }, "initial": { "w": [0, 0] }, "optimizer": { "method": "gd", "learningRate": 1, "lineSearch": "armijo" }, "maxIterations": 200 }""", "\"stopReason\""),
        RequestTemplate.Post("optimize, diverges (a 200)", Routes.Optimize, 1,
            """{ "loss": "x'*M*x + a'*x", "constants": { "M": [[3, 0.5], [0.5, 2]], "a": [1, -2] }, "initial": { "x": [0, 0] }, "optimizer": { "method": "gd", "learningRate": 2 }, "maxIterations": 200 }""", "\"diverged\""),
        RequestTemplate.Stream("stream Rosenbrock, adam", Routes.OptimizeStream, 2,
            """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "optimizer": { "method": "adam", "learningRate": 0.02 }, "maxIterations": 300, "historyPoints": 30 }"""),
        RequestTemplate.Post("landscape Rosenbrock 20×20", Routes.Landscape, 2,
            """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "xRange": [-2, 2], "yRange": [-1, 3], "resolution": 20 }""", "\"values\""),

        // Deliberately bad requests: the right answer is a 4xx problem document.
        RequestTemplate.Bad("bad: malformed expression (400)", Routes.Differentiate, 1,
            """{ "expression": "x^", "variable": "x" }"""),
        RequestTemplate.Bad("bad: unknown function (422)", Routes.Differentiate, 1,
            """{ "expression": "frobnicate(x)", "variable": "x" }"""),
        RequestTemplate.Bad("bad: not JSON (400)", Routes.Gradient, 1,
            """{ "expression": "x^2*y", "variables": ["x", """),
        RequestTemplate.Bad("bad: shape error a'*W (422)", Routes.MatrixGradient, 1,
            """{ "expression": "a'*W", "at": { "a": [1, 2], "W": [[1, 0, 0], [0, 1, 0], [0, 0, 1]] } }"""),
        RequestTemplate.Bad("bad: singular logdet (422)", Routes.MatrixGradient, 1,
            """{ "expression": "logdet(X)", "at": { "X": [[1, 2], [2, 4]] } }"""),
        RequestTemplate.Bad("bad: unknown method (422)", Routes.Optimize, 1,
            """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "method": "sgd" } }"""),
        RequestTemplate.Bad("bad: malformed loss, stream (400)", Routes.OptimizeStream, 1,
            """{ "loss": "x^", "initial": { "x": 1 } }"""),
        RequestTemplate.Bad("bad: check of a malformed task (400)", Routes.Check, 1,
            """{ "task": "differentiate", "expression": "x^", "variable": "x", "answer": "2*x" }"""),
        RequestTemplate.Bad("bad: landscape of 3 unknowns (422)", Routes.Landscape, 1,
            """{ "loss": "norm(w)^2", "initial": { "w": [1, 2, 3] }, "xRange": [-1, 1], "yRange": [-1, 1] }"""),
    ];
}
