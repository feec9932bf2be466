using System.Text.Json;
using CalcApi.Api.Contracts;
using CalcApi.Api.Endpoints;

namespace CalcApi.Api.OpenApi;

/// <summary>A request body and what the API answers to it.</summary>
public sealed record Exchange(string Request, string Response);

/// <summary>
/// An operation's worked examples: the request body that "Try it out" starts from, and one exchange per
/// documented status. The API tests post every request and check that the answers are the documented ones.
/// </summary>
public sealed record OperationExample(string Route, IReadOnlyDictionary<string, Exchange> ByStatus)
{
    public string Request => ByStatus["200"].Request;

    /// <summary>Further worked examples that answer 200, by name (an operation with several cases worth showing, such as a check's verdicts).</summary>
    public IReadOnlyDictionary<string, Exchange> Cases { get; init; } = new Dictionary<string, Exchange>();
}

/// <summary>The lecture's worked examples, as the Swagger UI shows them.</summary>
public static class OperationExamples
{
    /// <summary>
    /// Operations that answer an event stream (text/event-stream): the request, and the events it answers with as a
    /// JSON array of <c>{"event": name, "data": payload}</c>, one item per Server-Sent Event. OpenApiStreamTests posts the
    /// request and compares the events.
    /// </summary>
    public static IReadOnlyDictionary<string, Exchange> Streams { get; } = new Dictionary<string, Exchange>
    {
        [OptimizationEndpoints.OptimizeStreamName] = new(
            """{ "loss": "(1 - x)^2", "initial": { "x": -1.2 }, "maxIterations": 3, "historyPoints": 2 }""",
            """
            [
              { "event": "iteration", "data": { "iteration": 0, "loss": 4.840000000000001, "gradientNorm": 4.4, "stepSize": 0.044000000000000004 } },
              { "event": "iteration", "data": { "iteration": 1, "loss": 4.648335999999999, "gradientNorm": 4.311999999999999, "stepSize": 0.04311999999999999 } },
              { "event": "iteration", "data": { "iteration": 2, "loss": 4.464261894399998, "gradientNorm": 4.225759999999999, "stepSize": 0.04225759999999999 } },
              { "event": "iteration", "data": { "iteration": 3, "loss": 4.28747712338176, "gradientNorm": 4.1412448, "stepSize": 0 } },
              {
                "event": "summary",
                "data": {
                  "method": "gd",
                  "converged": false,
                  "iterations": 3,
                  "loss": 4.28747712338176,
                  "gradientNorm": 4.1412448,
                  "stopReason": "maxIterations",
                  "solution": { "x": -1.0706224 },
                  "gradient": { "x": "-2*(1 - x)" },
                  "gradientLatex": { "x": "-2 \\left(1 - x\\right)" },
                  "gradientMathml": { "x": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mn>1</mn><mo>&#x2212;</mo><mi>x</mi></mrow><mo>)</mo></mrow></mrow></mrow></math>" },
                  "lossExpression": "(1 - x)^2",
                  "lossLatex": "\\left(1 - x\\right)^{2}",
                  "lossMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mrow><mo>(</mo><mrow><mn>1</mn><mo>&#x2212;</mo><mi>x</mi></mrow><mo>)</mo></mrow><mn>2</mn></msup></math>",
                  "history": [
                    { "iteration": 0, "loss": 4.840000000000001, "gradientNorm": 4.4, "stepSize": 0.044000000000000004 },
                    { "iteration": 3, "loss": 4.28747712338176, "gradientNorm": 4.1412448, "stepSize": 0 }
                  ],
                  "elapsedMilliseconds": 3.3,
                  "diagnostics": {
                    "lipschitz": 2,
                    "strongConvexity": 2,
                    "conditionNumber": 1,
                    "stableStepBound": 1,
                    "estimated": false,
                    "predictedRate": 0.98,
                    "observedRate": 0.98,
                    "notes": [
                      "Learning rate 0.01 is below 2/L = 1: fixed-step gradient descent is stable on a quadratic with this curvature; the fastest fixed step there is 2/(L + μ) = 0.5.",
                      "The loss is quadratic, so this curvature holds everywhere: fixed-step gd shrinks the error by max(|1 − ηL|, |1 − ημ|) = 0.98 per iteration.",
                      "Observed: the gradient's norm changed by a factor of 0.98 per iteration over the second half of the run (predicted 0.98)."
                    ]
                  }
                }
              }
            ]
            """),
    };

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>
    {
        [CalculusEndpoints.DifferentiateName] = new("/api/differentiate", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "expression": "exp(cos(x^2))", "variable": "x", "order": 1, "at": { "x": 0.5 } }""",
                """
                {
                  "expression": "exp(cos(x^2))",
                  "input": "exp(cos(x^2))",
                  "expressionLatex": "e^{\\cos\\left(x^{2}\\right)}",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup></math>",
                  "variable": "x",
                  "order": 1,
                  "derivative": "-2*x*sin(x^2)*exp(cos(x^2))",
                  "latex": "-2 x \\sin\\left(x^{2}\\right) e^{\\cos\\left(x^{2}\\right)}",
                  "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow><mo>&#x2062;</mo><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup></mrow></mrow></math>",
                  "conditions": [],
                  "value": -0.6519284945618772
                }
                """),
            ["400"] = new(
                """{ "expression": "exp(cos(x^2)", "variable": "x" }""",
                """
                {
                  "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                  "title": "Malformed expression",
                  "status": 400,
                  "detail": "Expected ',' or ')' to close the call of exp opened at 0 at position 12, but found the end of the expression.",
                  "kind": "syntax",
                  "position": 12,
                  "expression": "exp(cos(x^2)"
                }
                """),
            ["422"] = new(
                """{ "expression": "exp(cosine(x^2))", "variable": "x" }""",
                """
                {
                  "type": "https://tools.ietf.org/html/rfc4918#section-11.2",
                  "title": "Unknown function",
                  "status": 422,
                  "detail": "Unknown function 'cosine' at position 4. Known functions: abs, acos, asin, atan, cos, cosh, exp, log, ln, log1p, sigmoid, sin, sinh, softplus, tan, tanh, sqrt, tr, det, logdet, inv, sum, norm, diag, transpose.",
                  "kind": "semantic",
                  "position": 4,
                  "expression": "exp(cosine(x^2))"
                }
                """),
        })
        {
            Cases = new Dictionary<string, Exchange>
            {
                // `variable` as a list: differentiate by x, then the result by y (∂²f/∂y∂x); `order` is the list's length.
                ["mixed partial"] = new(
                """{ "expression": "x^2*y^3 + sin(x*y)", "variable": ["x", "y"], "at": { "x": 1, "y": 2 } }""",
                """
                {
                  "expression": "x^2*y^3 + sin(x*y)",
                  "input": "x^2*y^3 + sin(x*y)",
                  "expressionLatex": "x^{2} y^{3} + \\sin\\left(x y\\right)",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>&#x2062;</mo><msup><mi>y</mi><mn>3</mn></msup></mrow><mo>+</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow><mo>)</mo></mrow></mrow></mrow></math>",
                  "variable": ["x", "y"],
                  "order": 2,
                  "derivative": "6*x*y^2 - x*y*sin(x*y) + cos(x*y)",
                  "latex": "6 x y^{2} - x y \\sin\\left(x y\\right) + \\cos\\left(x y\\right)",
                  "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><mn>6</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><msup><mi>y</mi><mn>2</mn></msup></mrow><mo>&#x2212;</mo><mrow><mi>x</mi><mo>&#x2062;</mo><mi>y</mi><mo>&#x2062;</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow><mo>)</mo></mrow></mrow></mrow><mo>+</mo><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow><mo>)</mo></mrow></mrow></mrow></math>",
                  "conditions": [],
                  "value": 21.765258309801496
                }
                """),
                // `steps`: the derivation from diff(f, x), one rule per line, each line equal to the derivative.
                ["steps"] = new(
                """{"expression": "exp(cos(x^2))", "variable": "x", "steps": true}""",
                """
                {
                  "expression": "exp(cos(x^2))",
                  "input": "exp(cos(x^2))",
                  "expressionLatex": "e^{\\cos\\left(x^{2}\\right)}",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup></math>",
                  "variable": "x",
                  "order": 1,
                  "derivative": "-2*x*sin(x^2)*exp(cos(x^2))",
                  "latex": "-2 x \\sin\\left(x^{2}\\right) e^{\\cos\\left(x^{2}\\right)}",
                  "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow><mo>&#x2062;</mo><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup></mrow></mrow></math>",
                  "conditions": [],
                  "steps": [
                    {
                      "rule": "start",
                      "explanation": "The derivative to find: d/dx of exp(cos(x^2)).",
                      "expression": "diff(exp(cos(x^2)), x)",
                      "latex": "\\frac{d}{dx}\\left(e^{\\cos\\left(x^{2}\\right)}\\right)",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mfrac><mi>d</mi><mrow><mi>d</mi><mi>x</mi></mrow></mfrac><mrow><mo>(</mo><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup><mo>)</mo></mrow></mrow></math>",
                      "order": 1
                    },
                    {
                      "rule": "chain",
                      "explanation": "Chain rule: the derivative of exp(u) is exp(u) times the derivative of u, with u = cos(x^2).",
                      "expression": "exp(cos(x^2))*diff(cos(x^2), x)",
                      "latex": "e^{\\cos\\left(x^{2}\\right)} \\frac{d}{dx}\\left(\\cos\\left(x^{2}\\right)\\right)",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup><mo>&#x2062;</mo><mrow><mfrac><mi>d</mi><mrow><mi>d</mi><mi>x</mi></mrow></mfrac><mrow><mo>(</mo><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow><mo>)</mo></mrow></mrow></mrow></math>",
                      "order": 1
                    },
                    {
                      "rule": "chain",
                      "explanation": "Chain rule: the derivative of cos(u) is -sin(u) times the derivative of u, with u = x^2.",
                      "expression": "-sin(x^2)*exp(cos(x^2))*diff(x^2, x)",
                      "latex": "-\\sin\\left(x^{2}\\right) e^{\\cos\\left(x^{2}\\right)} \\frac{d}{dx}\\left(x^{2}\\right)",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><mrow><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow><mo>&#x2062;</mo><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup><mo>&#x2062;</mo><mrow><mfrac><mi>d</mi><mrow><mi>d</mi><mi>x</mi></mrow></mfrac><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></mrow></mrow></math>",
                      "order": 1
                    },
                    {
                      "rule": "power",
                      "explanation": "Power rule: the derivative of x^n is n·x^(n − 1), here with n = 2.",
                      "expression": "-2*x*sin(x^2)*exp(cos(x^2))",
                      "latex": "-2 x \\sin\\left(x^{2}\\right) e^{\\cos\\left(x^{2}\\right)}",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow><mo>&#x2062;</mo><msup><mi>e</mi><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><msup><mi>x</mi><mn>2</mn></msup><mo>)</mo></mrow></mrow></msup></mrow></mrow></math>",
                      "order": 1
                    }
                  ]
                }
                """),
                // A higher derivative in its answer form: the root's square read as its radicand, so one power of the root
                // stands under a polynomial (issue 10).
                ["higher order in lowest terms"] = new(
                """{ "expression": "sqrt(1 + x^2)", "variable": "x", "order": 4, "at": { "x": 1 } }""",
                """
                {
                  "expression": "sqrt(x^2 + 1)",
                  "input": "sqrt(1 + x^2)",
                  "expressionLatex": "\\sqrt{x^{2} + 1}",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msqrt><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow></msqrt></math>",
                  "variable": "x",
                  "order": 4,
                  "derivative": "(12*x^2 - 3)/(x^2 + 1)^(7/2)",
                  "latex": "\\frac{12 x^{2} - 3}{\\left(x^{2} + 1\\right)^{\\frac{7}{2}}}",
                  "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mfrac><mrow><mrow><mn>12</mn><mo>&#x2062;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow><mo>&#x2212;</mo><mn>3</mn></mrow><msup><mrow><mo>(</mo><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></mrow><mo>)</mo></mrow><mfrac><mn>7</mn><mn>2</mn></mfrac></msup></mfrac></math>",
                  "conditions": [],
                  "value": 0.7954951288348662
                }
                """),
            },
        },
        [CalculusEndpoints.GradientName] = new("/api/gradient", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1, "y": 2 } }""",
                """
                {
                  "expression": "x^2*y + sin(y)",
                  "input": "x^2*y + sin(y)",
                  "expressionLatex": "x^{2} y + \\sin\\left(y\\right)",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>&#x2062;</mo><mi>y</mi></mrow><mo>+</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></mrow></mrow></math>",
                  "variables": ["x", "y"],
                  "gradient": {
                    "x": {
                      "expression": "2*x*y",
                      "latex": "2 x y",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow></math>",
                      "conditions": [],
                      "value": 4
                    },
                    "y": {
                      "expression": "x^2 + cos(y)",
                      "latex": "x^{2} + \\cos\\left(y\\right)",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></mrow></mrow></math>",
                      "conditions": [],
                      "value": 0.5838531634528576
                    }
                  }
                }
                """),
            ["400"] = new(
                """{ "expression": "x^2*y + sin(y", "variables": ["x", "y"] }""",
                """
                {
                  "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                  "title": "Malformed expression",
                  "status": 400,
                  "detail": "Expected ',' or ')' to close the call of sin opened at 8 at position 13, but found the end of the expression.",
                  "kind": "syntax",
                  "position": 13,
                  "expression": "x^2*y + sin(y"
                }
                """),
            ["422"] = new(
                """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1 } }""",
                """
                {
                  "type": "https://tools.ietf.org/html/rfc4918#section-11.2",
                  "title": "Missing value",
                  "status": 422,
                  "detail": "`at` gives no value for 'y', which the expression needs.",
                  "kind": "invalidArgument",
                  "expression": "x^2*y + sin(y)"
                }
                """),
        }),
        [CalculusEndpoints.MatrixGradientName] = new("/api/matrix-gradient", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": ["W"], "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0]], "c": 2 } }""",
                """
                {
                  "expression": "(a'*W*b - c)^2",
                  "input": "(a'*W*b - c)^2",
                  "expressionLatex": "\\left(a^\\top W b - c\\right)^{2}",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mn>2</mn></msup></math>",
                  "value": 81,
                  "wrt": ["W"],
                  "gradients": {
                    "W": {
                      "expression": "2*(a'*W*b - c)*a*b'",
                      "latex": "2 \\left(a^\\top W b - c\\right) a b^\\top",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>a</mi><mo>&#x2062;</mo><msup><mi>b</mi><mi mathvariant=\"normal\">T</mi></msup></mrow></mrow></math>",
                      "shape": [2, 3],
                      "kind": "matrix",
                      "conditions": [],
                      "value": [[54, 72, 90], [108, 144, 180]]
                    }
                  },
                  "layout": "denominator",
                  "layoutNote": "Denominator layout (the lecture's and the Matrix Cookbook's): each gradient has the shape of its variable X. Numerator layout (\"layout\": \"numerator\") gives the transpose, with the shape of X'."
                }
                """),
            ["400"] = new(
                """{ "expression": "(a'*W*b - c^2", "variables": { "a": "vector", "b": "vector", "W": "matrix" } }""",
                """
                {
                  "title": "Malformed expression",
                  "status": 400,
                  "detail": "Expected ')' to close the '(' opened at 0 at position 13, but found the end of the expression.",
                  "kind": "syntax",
                  "position": 13,
                  "expression": "(a'*W*b - c^2"
                }
                """),
            ["422"] = new(
                """{ "expression": "a'*W*b", "at": { "a": [1, 2], "b": [3, 4, 5], "W": [[1, 0, 0], [0, 1, 0], [0, 0, 1]] } }""",
                """
                {
                  "title": "Shapes do not conform",
                  "status": 422,
                  "detail": "a'*W: a' is 1×2 but W is 3×3; inner sizes 2 and 3 differ.",
                  "kind": "semantic",
                  "position": 2,
                  "expression": "a'*W*b"
                }
                """),
        })
        {
            Cases = new Dictionary<string, Exchange>
            {
                // `steps`: the lecture's method of differentials, d(f) down to d(W), then df = tr(G' d(W)) and ∂f/∂W = G.
                ["steps"] = new(
                """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": "W", "steps": true }""",
                """
                {
                  "expression": "(a'*W*b - c)^2",
                  "input": "(a'*W*b - c)^2",
                  "expressionLatex": "\\left(a^\\top W b - c\\right)^{2}",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mn>2</mn></msup></math>",
                  "wrt": [
                    "W"
                  ],
                  "gradients": {
                    "W": {
                      "expression": "2*(a'*W*b - c)*a*b'",
                      "latex": "2 \\left(a^\\top W b - c\\right) a b^\\top",
                      "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>a</mi><mo>&#x2062;</mo><msup><mi>b</mi><mi mathvariant=\"normal\">T</mi></msup></mrow></mrow></math>",
                      "shape": [
                        "rows(W)",
                        "len(b)"
                      ],
                      "kind": "matrix",
                      "conditions": [],
                      "steps": [
                        {
                          "rule": "start",
                          "explanation": "The differential to find: d of (a'*W*b - c)^2, to be written in terms of d(W).",
                          "expression": "d((a'*W*b - c)^2)",
                          "latex": "\\mathrm{d}\\left(\\left(a^\\top W b - c\\right)^{2}\\right)",
                          "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mi>d</mi><mrow><mo>(</mo><msup><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mn>2</mn></msup><mo>)</mo></mrow></mrow></math>",
                          "order": 1,
                          "form": "differential"
                        },
                        {
                          "rule": "chain",
                          "explanation": "Chain rule: d(u^n) = n u^(n − 1) d(u), with u = a'*W*b - c and n = 2.",
                          "expression": "2*(a'*W*b - c)*d(a'*W*b - c)",
                          "latex": "2 \\left(a^\\top W b - c\\right) \\mathrm{d}\\left(a^\\top W b - c\\right)",
                          "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>d</mi><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow></mrow></mrow></math>",
                          "order": 1,
                          "form": "differential"
                        },
                        {
                          "rule": "linearity",
                          "explanation": "Linearity: the differential of a sum is the sum of the differentials; constant terms drop out and constant factors stay.",
                          "expression": "2*(a'*W*b - c)*a'*d(W)*b",
                          "latex": "2 \\left(a^\\top W b - c\\right) a^\\top \\mathrm{d}W b",
                          "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mrow><mi>d</mi><mi>W</mi></mrow><mo>&#x2062;</mo><mi>b</mi></mrow></mrow></math>",
                          "order": 1,
                          "form": "differential"
                        },
                        {
                          "rule": "traceCyclic",
                          "explanation": "Collect the terms into the form tr(G' d(W)): a scalar is its own trace, and tr(A B) = tr(B A) moves d(W) to the end; here G = 2*(a'*W*b - c)*a*b'.",
                          "expression": "2*(a'*W*b - c)*tr(b*a'*d(W))",
                          "latex": "2 \\left(a^\\top W b - c\\right) \\operatorname{tr}\\left(b a^\\top \\mathrm{d}W\\right)",
                          "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>tr</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mi>b</mi><mo>&#x2062;</mo><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mrow><mi>d</mi><mi>W</mi></mrow></mrow><mo>)</mo></mrow></mrow></mrow></math>",
                          "order": 1,
                          "form": "differential"
                        },
                        {
                          "rule": "identify",
                          "explanation": "Read the gradient off df = tr(G' d(W)): ∂f/∂W = G.",
                          "expression": "2*(a'*W*b - c)*a*b'",
                          "latex": "2 \\left(a^\\top W b - c\\right) a b^\\top",
                          "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>a</mi><mo>&#x2062;</mo><msup><mi>b</mi><mi mathvariant=\"normal\">T</mi></msup></mrow></mrow></math>",
                          "order": 1,
                          "form": "gradient"
                        }
                      ]
                    }
                  },
                  "layout": "denominator",
                  "layoutNote": "Denominator layout (the lecture's and the Matrix Cookbook's): each gradient has the shape of its variable X. Numerator layout (\"layout\": \"numerator\") gives the transpose, with the shape of X'."
                }
                """),
            },
        },
        [CheckEndpoints.CheckName] = new("/api/check", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "task": "differentiate", "expression": "sin(x)^2", "variable": "x", "answer": "sin(2*x)" }""",
                """
                {
                  "correct": true,
                  "verdict": "equivalent",
                  "decidedBy": "numeric",
                  "expected": {
                    "expression": "2*cos(x)*sin(x)",
                    "latex": "2 \\cos\\left(x\\right) \\sin\\left(x\\right)",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow><mo>&#x2062;</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow></mrow></math>"
                  },
                  "answer": {
                    "expression": "sin(2*x)",
                    "latex": "\\sin\\left(2 x\\right)",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></mrow><mo>)</mo></mrow></mrow></math>"
                  },
                  "diagnosis": []
                }
                """),
            ["400"] = new(
                """{ "task": "differentiate", "expression": "exp(cos(x^2)", "variable": "x", "answer": "0" }""",
                """
                {
                  "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
                  "title": "Malformed expression",
                  "status": 400,
                  "detail": "Expected ',' or ')' to close the call of exp opened at 0 at position 12, but found the end of the expression.",
                  "kind": "syntax",
                  "position": 12,
                  "expression": "exp(cos(x^2)",
                  "field": "expression"
                }
                """),
            ["422"] = new(
                """{ "task": "differentiate", "expression": "exp(cosine(x^2))", "variable": "x", "answer": "0" }""",
                """
                {
                  "type": "https://tools.ietf.org/html/rfc4918#section-11.2",
                  "title": "Unknown function",
                  "status": 422,
                  "detail": "Unknown function 'cosine' at position 4. Known functions: abs, acos, acosh, asin, asinh, atan, atanh, cos, cosh, cot, csc, erf, exp, ln, log, log1p, sec, sigmoid, sin, sinh, softplus, tan, tanh, sqrt, tr, det, logdet, inv, sum, norm, diag, transpose, ones, zeros, diff.",
                  "kind": "semantic",
                  "position": 4,
                  "expression": "exp(cosine(x^2))",
                  "field": "expression"
                }
                """),
        })
        {
            Cases = new Dictionary<string, Exchange>
            {
                ["wrong"] = new(
                """{ "task": "differentiate", "expression": "x^3 - 2*x", "variable": "x", "answer": "-3*x^2 + 2" }""",
                """
                {
                  "correct": false,
                  "verdict": "notEquivalent",
                  "decidedBy": "numeric",
                  "expected": {
                    "expression": "3*x^2 - 2",
                    "latex": "3 x^{2} - 2",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><mn>3</mn><mo>&#x2062;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow><mo>&#x2212;</mo><mn>2</mn></mrow></math>"
                  },
                  "answer": {
                    "expression": "2 - 3*x^2",
                    "latex": "2 - 3 x^{2}",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2212;</mo><mrow><mn>3</mn><mo>&#x2062;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow></mrow></math>"
                  },
                  "counterexample": {
                    "at": {
                      "x": 0.8
                    },
                    "expectedValue": -0.07999999999999963,
                    "answerValue": 0.07999999999999963
                  },
                  "diagnosis": [
                    {
                      "code": "signError",
                      "message": "Your answer is the negative of the derivative: a sign is wrong."
                    }
                  ]
                }
                """),
                ["invalid"] = new(
                """{ "task": "differentiate", "expression": "x^2", "variable": "x", "answer": "2*x +" }""",
                """
                {
                  "correct": false,
                  "verdict": "invalid",
                  "expected": {
                    "expression": "2*x",
                    "latex": "2 x",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></mrow></math>"
                  },
                  "diagnosis": [],
                  "error": {
                    "title": "Malformed expression",
                    "detail": "Expected a number, a name or '(' at position 5, but found the end of the expression.",
                    "position": 5
                  }
                }
                """),
                ["gradient"] = new(
                """{ "task": "gradient", "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "answer": { "x": "2*x*y", "y": "-x^2 - cos(y)" } }""",
                """
                {
                  "correct": false,
                  "verdict": "notEquivalent",
                  "decidedBy": "numeric",
                  "variables": [
                    "x",
                    "y"
                  ],
                  "gradient": {
                    "x": {
                      "verdict": "equivalent",
                      "decidedBy": "symbolic",
                      "expected": {
                        "expression": "2*x*y",
                        "latex": "2 x y",
                        "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow></math>"
                      },
                      "answer": {
                        "expression": "2*x*y",
                        "latex": "2 x y",
                        "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mi>y</mi></mrow></math>"
                      }
                    },
                    "y": {
                      "verdict": "notEquivalent",
                      "decidedBy": "numeric",
                      "expected": {
                        "expression": "x^2 + cos(y)",
                        "latex": "x^{2} + \\cos\\left(y\\right)",
                        "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></mrow></mrow></math>"
                      },
                      "answer": {
                        "expression": "-x^2 - cos(y)",
                        "latex": "-x^{2} - \\cos\\left(y\\right)",
                        "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><msup><mi>x</mi><mn>2</mn></msup><mo>&#x2212;</mo><mrow><mi>cos</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></mrow></mrow></math>"
                      }
                    }
                  },
                  "counterexample": {
                    "variable": "y",
                    "at": {
                      "x": 0.8,
                      "y": 1
                    },
                    "expectedValue": 1.18030230586814,
                    "answerValue": -1.18030230586814
                  },
                  "diagnosis": [
                    {
                      "code": "signError",
                      "message": "Your answer is the negative of the partial derivative with respect to y: a sign is wrong.",
                      "variable": "y"
                    }
                  ]
                }
                """),
                ["matrix-gradient"] = new(
                """{ "task": "matrix-gradient", "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": "W", "answer": "2*a*(b'*W'*a - c)*b'" }""",
                """
                {
                  "correct": true,
                  "verdict": "equivalent",
                  "decidedBy": "symbolic",
                  "expected": {
                    "expression": "2*(a'*W*b - c)*a*b'",
                    "latex": "2 \\left(a^\\top W b - c\\right) a b^\\top",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>a</mi><mo>&#x2062;</mo><msup><mi>b</mi><mi mathvariant=\"normal\">T</mi></msup></mrow></mrow></math>"
                  },
                  "answer": {
                    "expression": "2*(a'*W*b - c)*a*b'",
                    "latex": "2 \\left(a^\\top W b - c\\right) a b^\\top",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>a</mi><mo>&#x2062;</mo><msup><mi>b</mi><mi mathvariant=\"normal\">T</mi></msup></mrow></mrow></math>"
                  },
                  "diagnosis": []
                }
                """),
                ["differential"] = new(
                """{ "task": "matrix-gradient", "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": "W", "answer": "2*(a'*W*b - c)*a'*d(W)*b" }""",
                """
                {
                  "correct": true,
                  "verdict": "equivalent",
                  "decidedBy": "symbolic",
                  "expected": {
                    "expression": "2*(a'*W*b - c)*tr(b*a'*d(W))",
                    "latex": "2 \\left(a^\\top W b - c\\right) \\operatorname{tr}\\left(b a^\\top \\mathrm{d}W\\right)",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>tr</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mrow><mi>b</mi><mo>&#x2062;</mo><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mrow><mi>d</mi><mi>W</mi></mrow></mrow><mo>)</mo></mrow></mrow></mrow></math>"
                  },
                  "answer": {
                    "expression": "2*(a'*W*b - c)*a'*d(W)*b",
                    "latex": "2 \\left(a^\\top W b - c\\right) a^\\top \\mathrm{d}W b",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mrow><mi>d</mi><mi>W</mi></mrow><mo>&#x2062;</mo><mi>b</mi></mrow></mrow></math>"
                  },
                  "diagnosis": []
                }
                """),
                ["domain"] = new(
                """{ "task": "equivalent", "expected": "sqrt(x)^2", "answer": "x" }""",
                """
                {
                  "correct": false,
                  "verdict": "notEquivalent",
                  "decidedBy": "numeric",
                  "expected": {
                    "expression": "x",
                    "latex": "x",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>"
                  },
                  "answer": {
                    "expression": "x",
                    "latex": "x",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>"
                  },
                  "counterexample": {
                    "at": {
                      "x": -1
                    },
                    "expectedValue": null,
                    "answerValue": -1
                  },
                  "diagnosis": [
                    {
                      "code": "domainDiffers",
                      "message": "Your answer is defined at x = -1, where the expected expression is not: the two differ in domain."
                    }
                  ]
                }
                """),
            },
        },
        [OptimizationEndpoints.OptimizeName] = new("/api/optimize", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "loss": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "constants": { "a": [1, 2], "b": [3, 4, 5], "c": 2 }, "initial": { "W": [[0, 0, 0], [0, 0, 0]] }, "optimizer": { "method": "gd", "learningRate": 0.001 }, "maxIterations": 1000, "tolerance": 1e-10, "historyPoints": 3 }""",
                """
                {
                  "method": "gd",
                  "converged": true,
                  "iterations": 40,
                  "loss": 3.308722450212111e-24,
                  "stopReason": "tolerance",
                  "solution": { "W": [[0.024, 0.032, 0.04], [0.048, 0.064, 0.08]] },
                  "gradient": { "W": "2*(a'*W*b - c)*a*b'" },
                  "gradientLatex": { "W": "2 \\left(a^\\top W b - c\\right) a b^\\top" },
                  "gradientMathml": { "W": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mrow><mi>a</mi><mo>&#x2062;</mo><msup><mi>b</mi><mi mathvariant=\"normal\">T</mi></msup></mrow></mrow></math>" },
                  "lossExpression": "(a'*W*b - c)^2",
                  "lossLatex": "\\left(a^\\top W b - c\\right)^{2}",
                  "lossMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mrow><mo>(</mo><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>W</mi><mo>&#x2062;</mo><mi>b</mi></mrow><mo>&#x2212;</mo><mi>c</mi></mrow><mo>)</mo></mrow><mn>2</mn></msup></math>",
                  "history": [
                    { "iteration": 0, "loss": 4, "gradientNorm": 63.245553203367585, "stepSize": 0.06324555320336758 },
                    { "iteration": 32, "loss": 2.1684022770199705e-19, "gradientNorm": 1.4725495838918195e-08 },
                    { "iteration": 40, "loss": 3.308722450212111e-24, "gradientNorm": 5.752149554916067e-11, "stepSize": 0 }
                  ],
                  "elapsedMilliseconds": 32.3,
                  "diagnostics": {
                    "lipschitz": 500,
                    "strongConvexity": 0,
                    "stableStepBound": 0.004,
                    "estimated": false,
                    "notes": [
                      "μ = 0 here: the loss is flat along some direction at the initial point (convex, not strongly), so the minimiser need not be unique and conditionNumber is null.",
                      "Learning rate 0.001 is below 2/L = 0.004: fixed-step gradient descent is stable on a quadratic with this curvature."
                    ]
                  }
                }
                """),
            ["422"] = new(
                """{ "loss": "x^2", "initial": { "x": 1 }, "optimizer": { "method": "sgd" } }""",
                """
                {
                  "title": "Unknown method",
                  "status": 422,
                  "detail": "optimizer.method is \"sgd\"; the methods are gd, momentum, nesterov, adam, lbfgs and newton.",
                  "kind": "invalidArgument",
                  "expression": "x^2"
                }
                """),
        })
        {
            Cases = new Dictionary<string, Exchange>
            {
                ["newton"] = new(
                """{"loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": {"x": -1.2, "y": 1}, "optimizer": {"method": "newton"}, "historyPoints": 2}""",
                """
                {
                  "method": "newton",
                  "converged": true,
                  "iterations": 21,
                  "loss": 3.743989710881915e-21,
                  "gradientNorm": 4.4738229215763655e-10,
                  "stopReason": "tolerance",
                  "solution": {
                    "x": 0.9999999999400668,
                    "y": 0.9999999998789008
                  },
                  "gradient": {
                    "x": "2*x - 400*x*(y - x^2) - 2",
                    "y": "200*(y - x^2)"
                  },
                  "gradientLatex": {
                    "x": "2 x - 400 x \\left(y - x^{2}\\right) - 2",
                    "y": "200 \\left(y - x^{2}\\right)"
                  },
                  "gradientMathml": {
                    "x": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></mrow><mo>&#x2212;</mo><mrow><mn>400</mn><mo>&#x2062;</mo><mi>x</mi><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mi>y</mi><mo>&#x2212;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow><mo>)</mo></mrow></mrow><mo>&#x2212;</mo><mn>2</mn></mrow></math>",
                    "y": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>200</mn><mo>&#x2062;</mo><mrow><mo>(</mo><mrow><mi>y</mi><mo>&#x2212;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow><mo>)</mo></mrow></mrow></math>"
                  },
                  "lossExpression": "(1 - x)^2 + 100*(y - x^2)^2",
                  "lossLatex": "\\left(1 - x\\right)^{2} + 100 \\left(y - x^{2}\\right)^{2}",
                  "lossMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><msup><mrow><mo>(</mo><mrow><mn>1</mn><mo>&#x2212;</mo><mi>x</mi></mrow><mo>)</mo></mrow><mn>2</mn></msup><mo>+</mo><mrow><mn>100</mn><mo>&#x2062;</mo><msup><mrow><mo>(</mo><mrow><mi>y</mi><mo>&#x2212;</mo><msup><mi>x</mi><mn>2</mn></msup></mrow><mo>)</mo></mrow><mn>2</mn></msup></mrow></mrow></math>",
                  "history": [
                    {
                      "iteration": 0,
                      "loss": 24.199999999999996,
                      "gradientNorm": 232.86768775422664,
                      "stepSize": 0.3814758812808349,
                      "position": [
                        -1.2,
                        1
                      ]
                    },
                    {
                      "iteration": 21,
                      "loss": 3.743989709996202e-21,
                      "gradientNorm": 4.473822905874874e-10,
                      "stepSize": 0,
                      "position": [
                        0.9999999999400668,
                        0.9999999998789008
                      ]
                    }
                  ],
                  "pathAxes": [
                    "x",
                    "y"
                  ],
                  "elapsedMilliseconds": 42.4,
                  "diagnostics": {
                    "lipschitz": 1506.36748814,
                    "strongConvexity": 23.6330878623,
                    "conditionNumber": 63.7397659128,
                    "stableStepBound": 0.00132769726892,
                    "estimated": false,
                    "notes": [
                      "Newton's Hessian is exact: the second partials ∂²f/∂xᵢ∂xⱼ, compiled and evaluated at each iterate.",
                      "The Hessian was positive definite at every iterate: each of the 21 steps solved H d = −g by Cholesky.",
                      "The Armijo search shortened 4 of 21 steps (α < 1: damped Newton); the others were full steps."
                    ]
                  }
                }
                """),
                ["predictedRate"] = new(
                """{"loss": "x'*M*x + a'*x", "variables": {"x": "vector", "M": "matrix", "a": "vector"}, "constants": {"M": [[3, 0.5], [0.5, 2]], "a": [1, -2]}, "initial": {"x": [0, 0]}, "optimizer": {"method": "gd", "learningRate": 0.1}, "historyPoints": 2}""",
                """
                {
                  "method": "gd",
                  "converged": true,
                  "iterations": 44,
                  "loss": -0.6956521739130435,
                  "gradientNorm": 7.2895597069045135e-09,
                  "stopReason": "tolerance",
                  "solution": {
                    "x": [
                      -0.2608695644394326,
                      0.5652173894261894
                    ]
                  },
                  "gradient": {
                    "x": "(M + M')*x + a"
                  },
                  "gradientLatex": {
                    "x": "\\left(M + M^\\top\\right) x + a"
                  },
                  "gradientMathml": {
                    "x": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><mrow><mo>(</mo><mrow><mi>M</mi><mo>+</mo><msup><mi>M</mi><mi mathvariant=\"normal\">T</mi></msup></mrow><mo>)</mo></mrow><mo>&#x2062;</mo><mi>x</mi></mrow><mo>+</mo><mi>a</mi></mrow></math>"
                  },
                  "lossExpression": "a'*x + x'*M*x",
                  "lossLatex": "a^\\top x + x^\\top M x",
                  "lossMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><msup><mi>a</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>x</mi></mrow><mo>+</mo><mrow><msup><mi>x</mi><mi mathvariant=\"normal\">T</mi></msup><mo>&#x2062;</mo><mi>M</mi><mo>&#x2062;</mo><mi>x</mi></mrow></mrow></math>",
                  "history": [
                    {
                      "iteration": 0,
                      "loss": 0,
                      "gradientNorm": 2.23606797749979,
                      "stepSize": 0.223606797749979,
                      "position": [
                        0,
                        0
                      ]
                    },
                    {
                      "iteration": 44,
                      "loss": -0.6956521739130435,
                      "gradientNorm": 7.2895597069045135e-09,
                      "stepSize": 0,
                      "position": [
                        -0.2608695644394326,
                        0.5652173894261894
                      ]
                    }
                  ],
                  "pathAxes": [
                    "x[1]",
                    "x[2]"
                  ],
                  "elapsedMilliseconds": 0.5,
                  "diagnostics": {
                    "lipschitz": 6.41421356237,
                    "strongConvexity": 3.58578643763,
                    "conditionNumber": 1.78878850538,
                    "stableStepBound": 0.311807516316,
                    "estimated": false,
                    "predictedRate": 0.641421356237,
                    "observedRate": 0.641421,
                    "notes": [
                      "Learning rate 0.1 is below 2/L = 0.3118: fixed-step gradient descent is stable on a quadratic with this curvature; the fastest fixed step there is 2/(L + μ) = 0.2.",
                      "The loss is quadratic, so this curvature holds everywhere: fixed-step gd shrinks the error by max(|1 − ηL|, |1 − ημ|) = 0.6414 per iteration.",
                      "Observed: the gradient's norm changed by a factor of 0.6414 per iteration over the second half of the run (predicted 0.6414)."
                    ]
                  }
                }
                """),
            },
        },
        [OptimizationEndpoints.LandscapeName] = new("/api/optimize/landscape", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "loss": "(1 - x)^2 + 100*(y - x^2)^2", "initial": { "x": -1.2, "y": 1 }, "xRange": [-2, 2], "yRange": [-1, 3], "resolution": 3 }""",
                """
                {
                  "axes": ["x", "y"],
                  "xs": [-2, 0, 2],
                  "ys": [-1, 1, 3],
                  "values": [[2509, 101, 2501], [909, 101, 901], [109, 901, 101]],
                  "min": 101,
                  "max": 2509
                }
                """),
        }),
        [ExportEndpoints.ExportName] = new("/api/export", new Dictionary<string, Exchange>
        {
            // The answer is the engine's own for the request (computed when the document is built), so its `code` is
            // the whole file a client gets, and the example cannot drift from what the endpoint writes.
            ["200"] = new(ExportExampleRequest, ExportExampleResponse()),
            ["422"] = new(
                """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "language": "fortran" }""",
                """
                {
                  "title": "Unknown language",
                  "status": 422,
                  "detail": "`language` must be one of numpy, pytorch, csharp, but it is 'fortran'.",
                  "kind": "invalidArgument",
                  "field": "language"
                }
                """),
        }),
        [SecondOrderEndpoints.HessianName] = new("/api/hessian", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "expression": "x^2*y + sin(y)", "variables": ["x", "y"], "at": { "x": 1, "y": 2 } }""",
                """
                {
                  "expression": "x^2*y + sin(y)",
                  "input": "x^2*y + sin(y)",
                  "expressionLatex": "x^{2} y + \\sin\\left(y\\right)",
                  "expressionMathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>&#x2062;</mo><mi>y</mi></mrow><mo>+</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></mrow></mrow></math>",
                  "variables": ["x", "y"],
                  "hessian": [
                    [
                      { "expression": "2*y", "latex": "2 y", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>y</mi></mrow></math>", "conditions": [], "value": 4 },
                      { "expression": "2*x", "latex": "2 x", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></mrow></math>", "conditions": [], "value": 2 }
                    ],
                    [
                      { "expression": "2*x", "latex": "2 x", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mn>2</mn><mo>&#x2062;</mo><mi>x</mi></mrow></math>", "conditions": [], "value": 2 },
                      { "expression": "-sin(y)", "latex": "-\\sin\\left(y\\right)", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mrow><mo>&#x2212;</mo><mrow><mi>sin</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>y</mi><mo>)</mo></mrow></mrow></mrow></math>", "conditions": [], "value": -0.9092974268256817 }
                    ]
                  ]
                }
                """),
            ["400"] = new(
                """{ "expression": "x^2*y + sin(y", "variables": ["x", "y"] }""",
                """
                {
                  "title": "Malformed expression",
                  "status": 400,
                  "detail": "Expected ',' or ')' to close the call of sin opened at 8 at position 13, but found the end of the expression.",
                  "kind": "syntax",
                  "position": 13,
                  "expression": "x^2*y + sin(y"
                }
                """),
            ["422"] = new(
                """{ "expression": "log(x)*y", "variables": ["x", "y"], "at": { "x": -1, "y": 2 } }""",
                """
                {
                  "title": "Point outside the domain",
                  "status": 422,
                  "detail": "The function is not defined at this point: ln(x) needs a positive argument, but it is -1 here.",
                  "kind": "outsideDomain",
                  "expression": "log(x)*y"
                }
                """),
        }),
        [SecondOrderEndpoints.JacobianName] = new("/api/jacobian", new Dictionary<string, Exchange>
        {
            ["200"] = new(
                """{ "expressions": ["x*y", "x + y"], "variables": ["x", "y"], "at": { "x": 2, "y": 3 } }""",
                """
                {
                  "expressions": ["x*y", "x + y"],
                  "variables": ["x", "y"],
                  "jacobian": [
                    [
                      { "expression": "y", "latex": "y", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>y</mi></math>", "conditions": [], "value": 3 },
                      { "expression": "x", "latex": "x", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>", "conditions": [], "value": 2 }
                    ],
                    [
                      { "expression": "1", "latex": "1", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mn>1</mn></math>", "conditions": [], "value": 1 },
                      { "expression": "1", "latex": "1", "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mn>1</mn></math>", "conditions": [], "value": 1 }
                    ]
                  ],
                  "layout": "numerator",
                  "layoutNote": "Numerator layout (the default for the Jacobian): J is m×n, J[i][j] = ∂fᵢ/∂xⱼ, so row i is the gradient of fᵢ, transposed. The lecture's denominator layout (\"layout\": \"denominator\") gives the transpose, n×m, in which ∂(A*x)/∂x = A' and column i is the gradient of fᵢ, consistent with /api/matrix-gradient, whose gradients have the shape of their variable."
                }
                """),
            ["400"] = new(
                """{ "expressions": ["x*y", "x +"], "variables": ["x", "y"] }""",
                """
                {
                  "title": "Malformed expression",
                  "status": 400,
                  "detail": "Expected a number, a name or '(' at position 3, but found the end of the expression.",
                  "kind": "syntax",
                  "position": 3,
                  "expression": "x +",
                  "field": "expressions[1]"
                }
                """),
            ["422"] = new(
                """{ "expression": "x'*A*x", "variables": { "x": "vector", "A": "matrix" }, "wrt": "x" }""",
                """
                {
                  "title": "Not a vector function",
                  "status": 422,
                  "detail": "The expression is a 1×1 scalar; the Jacobian here is of a column vector. For a scalar function, take its matrix gradient.",
                  "kind": "semantic",
                  "position": 0,
                  "expression": "x'*A*x",
                  "field": "expression"
                }
                """),
        })
        {
            Cases = new Dictionary<string, Exchange>
            {
                // The lecture's layout: the transpose, n×m, so that ∂(A*x)/∂x = A' (issue 13).
                ["denominator"] = new(
                """{ "expression": "A*x", "variables": { "A": "matrix", "x": "vector" }, "wrt": "x", "at": { "A": [[1, 2], [3, 4], [5, 6]], "x": [1, -1] }, "layout": "denominator" }""",
                """
                {
                  "expression": "A*x",
                  "input": "A*x",
                  "wrt": "x",
                  "jacobian": {
                    "expression": "A'",
                    "latex": "A^\\top",
                    "mathml": "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><msup><mi>A</mi><mi mathvariant=\"normal\">T</mi></msup></math>",
                    "shape": [2, 3],
                    "conditions": [],
                    "value": [[1, 3, 5], [2, 4, 6]]
                  },
                  "layout": "denominator",
                  "layoutNote": "Denominator layout (the lecture's, as /api/matrix-gradient's gradients have the shape of their variable): the transpose of the Jacobian, n×m, entry [j][i] = ∂fᵢ/∂xⱼ, so column i is the gradient of fᵢ and ∂(A*x)/∂x = A'. Numerator layout (the default, or \"layout\": \"numerator\") gives J itself, m×n, J[i][j] = ∂fᵢ/∂xⱼ."
                }
                """),
            },
        },
    };

    private const string ExportExampleRequest =
        """{ "expression": "(a'*W*b - c)^2", "variables": { "a": "vector", "b": "vector", "W": "matrix", "c": "scalar" }, "wrt": ["W"], "language": "numpy" }""";

    private static string ExportExampleResponse()
    {
        var request = JsonSerializer.Deserialize<ExportRequest>(ExportExampleRequest, JsonSerializerOptions.Web)!;
        var query = request.ToQuery();
        var answer = query.IsSuccess ? Calculus.Export(query.Value, new CalcApi.Domain.EngineLimits()) : query.Error!;
        return answer.IsSuccess
            ? JsonSerializer.Serialize(ExportResponse.From(answer.Value), JsonSerializerOptions.Web)
            : throw new InvalidOperationException($"The export example fails: {answer.Error.Detail}");
    }
}
