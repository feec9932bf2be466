using System.Globalization;
using System.Text.Json;
using CalcApi.Api.Endpoints;
using CsCheck;

namespace CalcApi.Fuzz.Tests.Generators;

/// <summary>One request to send: where, what, and as which media type.</summary>
public sealed record HttpCase(string Path, string Body, string ContentType = "application/json")
{
    public override string ToString() =>
        $"POST {Path} ({ContentType}) {MutationGen.Show(Body)}";
}

/// <summary>
/// Request bodies for every endpoint, as JSON text: shapes close to valid, with each field sometimes
/// missing and sometimes of a wrong kind or an extreme value; then, now and again, the text itself
/// truncated or garbled, the wrong kind of JSON document, or the wrong media type.
/// </summary>
public static class RequestGen
{
    public static readonly string[] Endpoints = [Routes.Differentiate, Routes.Gradient, Routes.MatrixGradient, Routes.Optimize, Routes.OptimizeStream, Routes.Landscape, Routes.Check, Routes.Hessian, Routes.Jacobian];

    // ---------------------------------------------------------------- JSON pieces

    public static string Str(string s) => JsonSerializer.Serialize(s);

    public static string Num(double d) => d.ToString("R", CultureInfo.InvariantCulture);

    private static string Object(IEnumerable<(string Name, string? Value)> fields) =>
        "{" + string.Join(", ", fields.Where(f => f.Value is not null).Select(f => $"{Str(f.Name)}: {f.Value}")) + "}";

    private static Gen<T[]> Sequence<T>(IReadOnlyList<Gen<T>> gens)
    {
        Gen<List<T>> acc = Gen.Const(() => new List<T>());
        foreach (var g in gens)
        {
            acc = acc.SelectMany(list => g.Select(x => { var copy = new List<T>(list) { x }; return copy; }));
        }

        return acc.Select(l => l.ToArray());
    }

    /// <summary>An object whose fields are each present and valid-ish, absent, or wild.</summary>
    private static Gen<string> ObjectOf(params (string Name, Gen<string> Valid)[] fields) =>
        Sequence<string?>([.. fields.Select(f => Field(f.Valid))])
            .Select(values => Object(fields.Select((f, i) => (f.Name, (string?)values[i]))));

    private static Gen<string?> Field(Gen<string> valid) => Gen.Frequency(
        (13, valid.Select(v => (string?)v)),
        (3, Gen.Const((string?)null)),
        (4, WildValue.Select(v => (string?)v)));

    /// <summary>Values of every JSON kind, and the awkward ones of each.</summary>
    public static Gen<string> WildValue { get; } = Gen.Frequency(
        (6, Gen.OneOf(
            "null", "true", "false", "0", "-1", "1.5", "-0", "1e308", "-1e308", "1e309", "1e-400", "12345678901234567890", "2147483648",
            "-2147483649", "1000000000", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"\"", "\"x\"", "\"1e999\"", "\"\\u0000\"", "\"\\ud800\"",
            "[]", "[1, 2]", "[[1, 2], [3]]", "[[[1]]]", "{}", "{\"x\": 1}", "[null]", "[\"1\"]", "[1, \"a\"]", "[[]]", "[[1, 2], [3, 4]]",
            "{\"kind\": \"matrix\"}", "\"scalar\"", "\"vector\"", "\"matrix\"")),
        (1, Gen.Int[1, 200].Select(n => new string('[', n) + new string(']', n))),
        (1, Gen.Int[1, 100].Select(n => string.Concat(Enumerable.Repeat("{\"a\": ", n)) + "1" + new string('}', n))),
        (1, Gen.Int[1, 5000].Select(n => Str(new string('x', n)))),
        (1, Gen.Double.Select(Num)),
        (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))));

    // ---------------------------------------------------------------- values of variables

    private static Gen<string> Scalar { get; } = Gen.Frequency(
        (8, Gen.Double[-2, 2].Select(d => Num(Math.Round(d, 3)))),
        (1, Gen.OneOf("0", "1", "-1", "1e10", "-1e-10", "1e300")));

    private static Gen<string> VectorOf(int length) =>
        Gen.Double[-2, 2].Array[length].Select(v => "[" + string.Join(", ", v.Select(d => Num(Math.Round(d, 3)))) + "]");

    private static Gen<string> MatrixOf(int rows, int cols) =>
        VectorOf(cols).Array[rows].Select(r => "[" + string.Join(", ", r) + "]");

    /// <summary>A vector or matrix, usually of the size the typed expressions use.</summary>
    private static Gen<string> Vector { get; } = Gen.Frequency(
        (6, VectorOf(ExpressionGen.N)),
        (1, Gen.Int[0, 5].SelectMany(VectorOf)));

    private static Gen<string> Matrix { get; } = Gen.Frequency(
        (6, MatrixOf(ExpressionGen.N, ExpressionGen.N)),
        (1, Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4]).SelectMany((r, c) => MatrixOf(r, c))),
        (1, Gen.OneOf("[[1, 2], [3]]", "[[1], [2, 3]]", "[[]]", "[[1, 0, 0], [0, 1, 0], [0, 0, 1]]", "[[0, 0, 0], [0, 0, 0], [0, 0, 0]]")));

    private static Gen<string> AnyValue { get; } = Gen.Frequency((3, Scalar), (1, Vector), (1, Matrix), (1, WildValue));

    /// <summary>A point for the scalar endpoints: x and y, sometimes more, sometimes odd.</summary>
    private static Gen<string> ScalarPoint { get; } = Gen.Select(
            Field(Scalar), Field(Scalar), Gen.Frequency((6, Gen.Const((string?)null)), (1, AnyValue.Select(v => (string?)v))),
            (x, y, z) => Object([("x", x), ("y", y), ("z", z)]));

    /// <summary>A point for the typed expressions: a, b, W, c, x.</summary>
    private static Gen<string> MatrixPoint { get; } = ObjectOf(("a", Vector), ("b", Vector), ("W", Matrix), ("c", Scalar), ("x", Scalar));

    private static Gen<string> Kind(string natural) => Gen.Frequency(
        (6, Gen.Const(Str(natural))),
        (1, Gen.OneOf("\"scalar\"", "\"vector\"", "\"matrix\"", "\"tensor\"", "\"Matrix\"")),
        (1, Gen.OneOf(
            "{\"kind\": \"matrix\", \"rows\": \"n\", \"cols\": 3}", "{\"kind\": \"matrix\", \"rows\": 3, \"cols\": 3, \"symmetric\": true}",
            "{\"shape\": [3, 3]}", "{\"shape\": [3, 1]}", "{\"shape\": [2, 3]}", "{\"shape\": [-1, 3]}", "{\"shape\": [1000000000, 1000000000]}",
            "{\"shape\": [3]}", "{\"kind\": \"vector\", \"rows\": 0}", "{\"kind\": \"scalar\", \"symmetric\": true}", "{\"kind\": \"vector\", \"rows\": \"n\"}",
            "{\"kind\": \"matrix\", \"symmetric\": \"yes\"}", "{\"shape\": \"3x3\"}")));

    private static Gen<string> Declarations { get; } =
        ObjectOf(("a", Kind("vector")), ("b", Kind("vector")), ("W", Kind("matrix")), ("c", Kind("scalar")));

    // ---------------------------------------------------------------- fields

    private static Gen<string> Expression(Gen<string> family) => Gen.Frequency(
        (6, family),
        (2, MutationGen.Mutated(family)),
        (1, ExpressionGen.Wild(4))).Select(Str);

    private static Gen<string> Name { get; } = Gen.Frequency(
        (8, Gen.OneOf("\"x\"", "\"y\"")),
        (1, Gen.OneOf("\"z\"", "\"\"", "\" x\"", "\"x y\"", "\"1x\"", "\"pi\"", "\"e\"", "\"sin\"", "\"x_1\"", "\"W\"", "\"\\u2212x\"")));

    private static Gen<string> Names { get; } = Gen.Frequency(
        (4, Gen.OneOf("[\"x\", \"y\"]", "[\"x\"]", "[\"y\"]")),
        (1, Gen.OneOf("[]", "[\"x\", \"x\"]", "[\"q\"]", "[\"x\", 1]", "[null]", "\"x\"")),
        (1, Gen.Int[90, 120].Select(n => "[" + string.Join(", ", Enumerable.Range(0, n).Select(i => $"\"v{i}\"")) + "]")));

    private static Gen<string> Order { get; } = Gen.Frequency(
        (8, Gen.Int[1, 3].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.Int[-3, 12].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("1000000", "-2147483648", "2147483647", "1.5", "\"2\"")));

    private static Gen<string> Wrt { get; } = Gen.Frequency(
        (4, Gen.OneOf("[\"W\"]", "[\"a\"]", "\"W\"", "[\"a\", \"b\"]", "[\"W\", \"c\"]", "[\"x\"]")),
        (1, Gen.OneOf("[]", "[\"q\"]", "[\"W\", \"W\"]", "[1]", "\"\"", "[\"\"]")));

    private static Gen<string> Iterations { get; } = Gen.Frequency(
        (8, Gen.Int[1, 1000].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (2, Gen.OneOf("0", "-1", "-1000", "1000001", "2147483647", "1e3", "100.5")));

    private static Gen<string> Positive { get; } = Gen.Frequency(
        (6, Gen.OneOf("0.1", "0.01", "0.001", "1e-8", "0.5")),
        (1, Gen.OneOf("0", "-0.1", "1e308", "5e-324", "1", "10")));

    private static Gen<string> Fraction { get; } = Gen.Frequency(
        (6, Gen.OneOf("0.9", "0.999", "0.5", "0")),
        (1, Gen.OneOf("1", "-0.1", "2", "0.9999999999999999")));

    private static Gen<string> Optimizer { get; } = ObjectOf(
        ("method", Gen.Frequency((8, Gen.OneOf("\"gd\"", "\"momentum\"", "\"nesterov\"", "\"adam\"", "\"ADAM\"")), (1, Gen.OneOf("\"lbfgs\"", "\"newton\"", "\"\"")))),
        ("learningRate", Positive),
        ("momentum", Fraction),
        ("beta1", Fraction),
        ("beta2", Fraction),
        ("epsilon", Positive),
        ("lineSearch", Gen.OneOf("\"none\"", "\"armijo\"", "\"Armijo\"", "\"wolfe\"")));

    private static Gen<string> Range { get; } = Gen.Frequency(
        (6, Gen.Select(Gen.Double[-3, 0], Gen.Double[0.1, 3], (lo, hi) => $"[{Num(Math.Round(lo, 2))}, {Num(Math.Round(hi, 2))}]")),
        (1, Gen.OneOf("[1, 0]", "[0, 0]", "[0]", "[0, 1, 2]", "[-1e308, 1e308]", "[]")));

    private static Gen<string> Resolution { get; } = Gen.Frequency(
        (6, Gen.Int[2, 25].Select(i => i.ToString(CultureInfo.InvariantCulture))),
        (1, Gen.OneOf("0", "1", "401", "-5", "1000000", "60")));

    /// <summary>A loss and the values that go with it: typed losses with values of a, b, W, c, x; scalar losses in x and y.</summary>
    private static Gen<(string Loss, string Initial, string Constants, string? Variables)> LossSetup { get; } = Gen.Frequency(
        (3, Gen.Select(Expression(ExpressionGen.Typed(2)), MatrixOf(ExpressionGen.N, ExpressionGen.N), VectorOf(ExpressionGen.N), VectorOf(ExpressionGen.N), Scalar, Scalar,
            Gen.Int[0, 2], Declarations,
            (loss, w, a, b, c, x, which, decl) => which switch
            {
                0 => (loss, $"{{\"W\": {w}}}", $"{{\"a\": {a}, \"b\": {b}, \"c\": {c}, \"x\": {x}}}", (string?)decl),
                1 => (loss, $"{{\"a\": {a}}}", $"{{\"W\": {w}, \"b\": {b}, \"c\": {c}, \"x\": {x}}}", null),
                _ => (loss, $"{{\"W\": {w}, \"x\": {x}}}", $"{{\"a\": {a}, \"b\": {b}, \"c\": {c}}}", null),
            })),
        (2, Gen.Select(Expression(ExpressionGen.Smooth(3)), Scalar, Scalar, Gen.Bool,
            (loss, x, y, both) => both
                ? (loss, $"{{\"x\": {x}, \"y\": {y}}}", "{}", (string?)null)
                : (loss, $"{{\"x\": {x}}}", $"{{\"y\": {y}}}", null))),
        (1, Gen.Select(Expression(ExpressionGen.Typed(1)), VectorOf(2), (loss, v) => (loss, $"{{\"a\": {v}}}", "{\"b\": [1, 2], \"W\": [[1, 0], [0, 1]], \"c\": 1, \"x\": 0.5}", (string?)null))));

    // ---------------------------------------------------------------- bodies per endpoint

    private static Gen<string> DifferentiateBody { get; } = ObjectOf(
        ("expression", Expression(ExpressionGen.Smooth(4))),
        ("variable", Name),
        ("order", Order),
        ("at", ScalarPoint));

    private static Gen<string> GradientBody { get; } = ObjectOf(
        ("expression", Expression(ExpressionGen.Smooth(4))),
        ("variables", Names),
        ("at", ScalarPoint));

    private static Gen<string> HessianBody { get; } = Gen.Frequency(
        (2, ObjectOf(
            ("expression", Expression(ExpressionGen.Smooth(4))),
            ("variables", Names),
            ("at", ScalarPoint))),
        (1, ObjectOf(
            ("expression", Expression(ExpressionGen.Typed(3))),
            ("variables", Declarations),
            ("wrt", Wrt),
            ("at", MatrixPoint))));

    /// <summary>A list of one to three scalar functions, or something else where the list belongs.</summary>
    private static Gen<string> ExpressionList { get; } = Gen.Frequency(
        (8, Expression(ExpressionGen.Smooth(3)).Array[1, 3].Select(e => "[" + string.Join(", ", e) + "]")),
        (1, Gen.OneOf("[]", "[null]", "\"x\"", "[1]", "{}", "[\"x\", [\"y\"]]")));

    /// <summary>Both layouts (denominator transposes whatever closed form the fuzzed expression gives), and names that are not one.</summary>
    private static Gen<string> Layout { get; } = Gen.Frequency(
        (4, Gen.OneOf("\"numerator\"", "\"denominator\"")),
        (1, Gen.OneOf("\"Denominator\"", "\"\"", "\"row\"")));

    private static Gen<string> JacobianBody { get; } = Gen.Frequency(
        (2, ObjectOf(
            ("expressions", ExpressionList),
            ("variables", Names),
            ("at", ScalarPoint),
            ("layout", Layout))),
        (1, ObjectOf(
            ("expression", Expression(ExpressionGen.Typed(3))),
            ("variables", Declarations),
            ("wrt", Wrt),
            ("at", MatrixPoint),
            ("layout", Layout))));

    private static Gen<string> MatrixGradientBody { get; } = ObjectOf(
        ("expression", Expression(ExpressionGen.Typed(3))),
        ("variables", Declarations),
        ("wrt", Wrt),
        ("at", MatrixPoint));

    private static Gen<string> OptimizeBody { get; } = LossSetup.SelectMany(setup => ObjectOf(
        ("loss", Gen.Const(setup.Loss)),
        ("variables", Gen.Const(setup.Variables ?? "{}")),
        ("constants", Gen.Const(setup.Constants)),
        ("initial", Gen.Const(setup.Initial)),
        ("optimizer", Optimizer),
        ("maxIterations", Iterations),
        ("tolerance", Gen.OneOf("1e-8", "1e-10", "0", "-1", "1e308")),
        ("historyPoints", Gen.OneOf("200", "2", "0", "-1", "5000", "1")),
        ("timeLimitSeconds", Gen.OneOf("0.5", "1", "0", "-1", "1e308"))));

    private static Gen<string> LandscapeBody { get; } = LossSetup.SelectMany(setup => ObjectOf(
        ("loss", Gen.Const(setup.Loss)),
        ("variables", Gen.Const(setup.Variables ?? "{}")),
        ("constants", Gen.Const(setup.Constants)),
        ("initial", Gen.Const(setup.Initial)),
        ("xRange", Range),
        ("yRange", Range),
        ("resolution", Resolution)));

    /// <summary>The task of a check, usually the one its other fields are for, now and then another or none known.</summary>
    private static Gen<string> Task(string natural) => Gen.Frequency(
        (8, Gen.Const(Str(natural))),
        (1, Gen.OneOf("\"differentiate\"", "\"gradient\"", "\"matrix-gradient\"", "\"equivalent\"")),
        (1, Gen.OneOf("\"Differentiate\"", "\"integrate\"", "\"\"", "\"matrix_gradient\"")));

    /// <summary>A gradient's answer: one expression per variable, sometimes of other variables, or not an object at all.</summary>
    private static Gen<string> GradientAnswer { get; } = Gen.Frequency(
        (4, Gen.Select(Expression(ExpressionGen.Smooth(3)), Expression(ExpressionGen.Smooth(3)), (x, y) => $"{{\"x\": {x}, \"y\": {y}}}")),
        (1, Gen.Select(Expression(ExpressionGen.Smooth(3)), Gen.OneOf("\"y\"", "\"q\"", "\"\"", "\"x\""), (x, name) => $"{{\"x\": {x}, {name}: \"1\"}}")),
        (1, Expression(ExpressionGen.Smooth(3))),
        (1, Gen.OneOf("{}", "{\"x\": 1}", "{\"x\": null}", "[\"2*x\"]")));

    /// <summary>
    /// A check (contract section 7) of each task: the answer is an expression of the same family as the task's, often
    /// mutated, so it is sometimes right, mostly wrong, and now and then unreadable.
    /// </summary>
    private static Gen<string> CheckBody { get; } = Gen.Frequency(
        (4, ObjectOf(
            ("task", Task("differentiate")),
            ("expression", Expression(ExpressionGen.Smooth(4))),
            ("variable", Name),
            ("order", Order),
            ("answer", Expression(ExpressionGen.Smooth(4))))),
        (2, ObjectOf(
            ("task", Task("gradient")),
            ("expression", Expression(ExpressionGen.Smooth(4))),
            ("variables", Names),
            ("answer", GradientAnswer))),
        (2, ObjectOf(
            ("task", Task("matrix-gradient")),
            ("expression", Expression(ExpressionGen.Typed(3))),
            ("variables", Declarations),
            ("wrt", Wrt),
            ("answer", Expression(ExpressionGen.Typed(2))))),
        (2, ObjectOf(
            ("task", Task("equivalent")),
            ("expected", Expression(ExpressionGen.Smooth(4))),
            ("answer", Expression(ExpressionGen.Smooth(4))))),
        (1, ObjectOf(
            ("task", Task("equivalent")),
            ("expected", Expression(ExpressionGen.Typed(3))),
            ("variables", Declarations),
            ("answer", Expression(ExpressionGen.Typed(3))))));

    public static Gen<string> BodyFor(string endpoint) => endpoint switch
    {
        Routes.Differentiate => DifferentiateBody,
        Routes.Gradient => GradientBody,
        Routes.MatrixGradient => MatrixGradientBody,
        Routes.Optimize or Routes.OptimizeStream => OptimizeBody,
        Routes.Landscape => LandscapeBody,
        Routes.Check => CheckBody,
        Routes.Hessian => HessianBody,
        Routes.Jacobian => JacobianBody,
        _ => throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, null),
    };

    // ---------------------------------------------------------------- the text itself, garbled

    private const string JsonAlphabet = "{}[]\",:\\ 0123456789.-+eEtrufalsn\u0000\u00e9\uD800\n";

    private static Gen<string> Garbled(Gen<string> body) => Gen.Frequency(
        (3, Gen.Select(body, Gen.Double[0, 1], (b, f) => b[..(int)(f * b.Length)])),
        (3, Gen.Select(body, Gen.Select(Gen.Int[0, Mutation.Kinds - 1], Gen.Double[0, 1], Gen.Char[JsonAlphabet], Gen.Int[1, 4],
            (k, w, c, l) => new Mutation(k, w, c, l)).Array[1, 4], (b, edits) => edits.Aggregate(b, (t, m) => m.Apply(t)))),
        (1, Gen.OneOf("", " ", "null", "[]", "[{}]", "42", "\"x^2\"", "{", "}", "{\"expression\": }", "{\"expression\": \"x\",}",
            "{\"expression\": \"x\" \"order\": 2}", "{'expression': 'x'}", "\uFEFF{\"expression\": \"x\"}", "{\"expression\": \"x\"}{}",
            "{\"expression\": \"x\", \"expression\": 5}", "{\"Expression\": \"x^2\"}", "{\"expression\": null}", "{\"loss\": null}")));

    /// <summary>A request to one of the endpoints: usually a valid-ish body, sometimes garbled text or the wrong media type.</summary>
    public static Gen<HttpCase> For(string endpoint) => Gen.Frequency(
        (16, BodyFor(endpoint).Select(b => new HttpCase(endpoint, b))),
        (4, Garbled(BodyFor(endpoint)).Select(b => new HttpCase(endpoint, b))),
        (1, BodyFor(endpoint).SelectMany(b => Gen.OneOf("text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data", "application/x-www-form-urlencoded")
            .Select(t => new HttpCase(endpoint, b, t)))));

    /// <summary>A request to any endpoint.</summary>
    public static Gen<HttpCase> Any { get; } = Gen.OneOf([.. Endpoints.Select(For)]);
}
