using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CalcApi.Domain;
using CalcApi.Domain.Checking;
using CalcApi.Domain.Errors;

namespace CalcApi.Api.Contracts;

/// <summary>Asks whether a learner's answer to a task is right (contract section 7).</summary>
public sealed record CheckRequest
{
    /// <summary>The task: <c>differentiate</c>, <c>gradient</c>, <c>matrix-gradient</c> or <c>equivalent</c>.</summary>
    [Required(AllowEmptyStrings = true, ErrorMessage = "`task` is required: differentiate, gradient, matrix-gradient or equivalent.")]
    public string? Task { get; init; }

    /// <summary>The expression of the task (differentiate, gradient, matrix-gradient), e.g. <c>exp(cos(x^2))</c>.</summary>
    public string? Expression { get; init; }

    /// <summary>differentiate: the variable x (may be omitted when the expression has exactly one free name).</summary>
    public string? Variable { get; init; }

    /// <summary>differentiate: the order of the derivative, from 1 to the server's maxOrder limit; defaults to 1.</summary>
    public int? Order { get; init; }

    /// <summary>
    /// gradient: the variables, in order (<c>["x", "y"]</c>; default every free name). matrix-gradient and
    /// equivalent: the kinds of the names, as for /api/matrix-gradient (<c>{"a": "vector", "W": "matrix"}</c>).
    /// </summary>
    public JsonElement? Variables { get; init; }

    /// <summary>matrix-gradient: the one variable whose gradient the answer is, e.g. <c>"W"</c>.</summary>
    public JsonElement? Wrt { get; init; }

    /// <summary>equivalent: the expression the answer should equal.</summary>
    public string? Expected { get; init; }

    /// <summary>
    /// The learner's answer: an expression (text), or for the task gradient an object with one expression per
    /// variable, e.g. <c>{"x": "2*x*y", "y": "x^2 + cos(y)"}</c>. An answer that cannot be read is a verdict
    /// (<c>invalid</c>), not an error.
    /// </summary>
    [Required(ErrorMessage = "`answer` is required: the learner's answer, an expression (for the task gradient, an object with one expression per variable).")]
    public JsonElement? Answer { get; init; }

    /// <summary>The engine's query, reading <c>task</c>, <c>answer</c>, <c>variables</c> and <c>wrt</c> in that order; a field left out keeps the query's default.</summary>
    public Outcome<CheckQuery> ToQuery()
    {
        CheckTask? task = Task switch
        {
            "differentiate" => CheckTask.Differentiate,
            "gradient" => CheckTask.Gradient,
            "matrix-gradient" => CheckTask.MatrixGradient,
            "equivalent" => CheckTask.Equivalent,
            _ => null,
        };
        if (task is not { } t)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown task",
                $"`task` must be one of differentiate, gradient, matrix-gradient, equivalent, but it is '{Task}'.") { Field = "task" };
        }

        return ReadAnswer(t).Then(answer => t switch
        {
            CheckTask.Gradient => NameListReader.Read(Variables, "variables").Map(variables => Query(t, answer) with { Variables = variables }),
            CheckTask.MatrixGradient => DeclarationReader.Read(Variables).Then(declarations => NameListReader.Read(Wrt, "wrt").Then(wrt =>
                wrt is { Count: > 1 }
                    ? new CalcError(ErrorKind.InvalidArgument, "Invalid variables", "`wrt` names the one variable whose gradient the answer is, such as \"W\".") { Field = "wrt" }
                    : Outcome<CheckQuery>.Success(Query(t, answer) with { Declarations = declarations, Wrt = wrt?[0] }))),
            CheckTask.Equivalent => DeclarationReader.Read(Variables).Map(declarations => Query(t, answer) with { Declarations = declarations }),
            _ => Query(t, answer),
        });
    }

    private CheckQuery Query(CheckTask task, SubmittedAnswer answer)
    {
        var query = new CheckQuery(task, answer);
        return query with { Expression = Expression, Variable = Variable, Order = Order ?? query.Order, Expected = Expected };
    }

    /// <summary>The answer: text, or for a gradient an object of texts; another JSON type is a 400 naming the field.</summary>
    private Outcome<SubmittedAnswer> ReadAnswer(CheckTask task)
    {
        try
        {
            var answer = Answer!.Value;
            if (task != CheckTask.Gradient)
            {
                return answer.ValueKind == JsonValueKind.String
                    ? new SubmittedAnswer(answer.GetString())
                    : WrongType("`answer` must be a string: the learner's expression, such as \"2*x\".");
            }

            if (answer.ValueKind != JsonValueKind.Object || answer.EnumerateObject().Any(p => p.Value.ValueKind != JsonValueKind.String))
            {
                return WrongType("`answer` must be an object mapping each variable to the learner's partial derivative, such as {\"x\": \"2*x*y\", \"y\": \"x^2\"}.");
            }

            return new SubmittedAnswer(null, [.. answer.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!))]);
        }
        catch (InvalidOperationException)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Invalid text", "A name or value in the request is not valid Unicode text (it has a lone surrogate escape such as \\ud800).") { Field = "answer" };
        }
    }

    private static CalcError WrongType(string detail) => new(ErrorKind.Syntax, "Field of the wrong JSON type", detail) { Field = "answer" };
}

/// <summary>The verdict on the answer, why, and which mistake it probably is.</summary>
public sealed record CheckResponse
{
    /// <summary>Whether the answer is right: the verdict is <c>equivalent</c>.</summary>
    public required bool Correct { get; init; }

    /// <summary><c>equivalent</c>, <c>notEquivalent</c>, or <c>invalid</c> (the answer cannot be read or has the wrong shape; then <c>error</c> says why).</summary>
    public required string Verdict { get; init; }

    /// <summary><c>symbolic</c> (the canonical forms and their domains agree) or <c>numeric</c> (compared at random points inside both domains); absent for an invalid answer.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>The right result (for the task gradient, see <c>gradient</c>).</summary>
    public CheckedExpressionResponse? Expected { get; init; }

    /// <summary>The answer as the engine reads it (for the task gradient, see <c>gradient</c>); absent when it cannot be read.</summary>
    public CheckedExpressionResponse? Answer { get; init; }

    /// <summary>gradient: the variables, in order (the keys of <c>gradient</c>).</summary>
    public IReadOnlyList<string>? Variables { get; init; }

    /// <summary>gradient: the verdict on each component, keyed by variable.</summary>
    public OrderedDictionary<string, CheckedComponentResponse>? Gradient { get; init; }

    /// <summary>Present exactly when the answer is not equivalent: a point where it differs, with both values.</summary>
    public CounterexampleResponse? Counterexample { get; init; }

    /// <summary>The mistakes recognised (possibly none), each a code and a sentence.</summary>
    public required IReadOnlyList<DiagnosisResponse> Diagnosis { get; init; }

    /// <summary>Why an invalid answer could not be checked: the problem's title, detail and position in the answer's text.</summary>
    public AnswerErrorResponse? Error { get; init; }

    public static CheckResponse From(CheckAnswer answer)
    {
        var gradient = answer.Task == CheckTask.Gradient ? ByVariable.Map(answer.Parts, p => p.Variable!, CheckedComponentResponse.From) : null;
        var single = answer.Task == CheckTask.Gradient ? null : answer.Parts[0];
        var wrong = answer.FirstWrong;
        return new()
        {
            Correct = answer.Correct,
            Verdict = Name(answer.Verdict),
            DecidedBy = answer.DecidedBy is { } by ? Name(by) : null,
            Expected = single is null ? null : CheckedExpressionResponse.From(single.Expected),
            Answer = single?.Answer is { } shown ? CheckedExpressionResponse.From(shown) : null,
            Variables = gradient is null ? null : [.. gradient.Keys],
            Gradient = gradient,
            Counterexample = wrong?.Counterexample is { } c ? CounterexampleResponse.From(c, answer.Task == CheckTask.Gradient ? wrong.Variable : null) : null,
            Diagnosis = [.. answer.Diagnosis.Select(DiagnosisResponse.From)],
            Error = wrong?.Error is { } error ? AnswerErrorResponse.From(error, answer.Task == CheckTask.Gradient ? wrong.Variable : null) : null,
        };
    }

    internal static string Name(Verdict v) => v switch
    {
        Domain.Engine.Verdict.Equivalent => "equivalent",
        Domain.Engine.Verdict.NotEquivalent => "notEquivalent",
        _ => "invalid",
    };

    internal static string Name(DecidedBy d) => d == Domain.Engine.DecidedBy.Symbolic ? "symbolic" : "numeric";
}

/// <summary>An expression in the three forms.</summary>
public sealed record CheckedExpressionResponse
{
    /// <summary>The expression as text in the expression language.</summary>
    public required string Expression { get; init; }

    /// <summary>The expression in LaTeX.</summary>
    public required string Latex { get; init; }

    /// <summary>The expression in presentation MathML.</summary>
    public required string Mathml { get; init; }

    public static CheckedExpressionResponse From(Rendered r) => new() { Expression = r.Text, Latex = r.Latex, Mathml = r.MathML };
}

/// <summary>The verdict on one component of a gradient.</summary>
public sealed record CheckedComponentResponse
{
    /// <summary><c>equivalent</c>, <c>notEquivalent</c> or <c>invalid</c>, for this component.</summary>
    public required string Verdict { get; init; }

    /// <summary><c>symbolic</c> or <c>numeric</c>; absent for an invalid component.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>The right partial derivative.</summary>
    public required CheckedExpressionResponse Expected { get; init; }

    /// <summary>The answer's component as the engine reads it; absent when it cannot be read.</summary>
    public CheckedExpressionResponse? Answer { get; init; }

    public static CheckedComponentResponse From(CheckedPart part) => new()
    {
        Verdict = CheckResponse.Name(part.Verdict),
        DecidedBy = part.DecidedBy is { } by ? CheckResponse.Name(by) : null,
        Expected = CheckedExpressionResponse.From(part.Expected),
        Answer = part.Answer is { } shown ? CheckedExpressionResponse.From(shown) : null,
    };
}

/// <summary>A point where the answer and the right result differ.</summary>
public sealed record CounterexampleResponse
{
    /// <summary>gradient: the component that differs there.</summary>
    public string? Variable { get; init; }

    /// <summary>The point: a number per scalar, an array per vector, an array of rows per matrix.</summary>
    public required OrderedDictionary<string, JsonNode?> At { get; init; }

    /// <summary>The right result's value there (exact to 1e-9, contract section 5), shaped like it; null where it is not defined there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required JsonNode? ExpectedValue { get; init; }

    /// <summary>The answer's value there (exact to 1e-9), shaped like it; null where it is not defined there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public required JsonNode? AnswerValue { get; init; }

    public static CounterexampleResponse From(Counterexample c, string? variable)
    {
        var at = new OrderedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in c.At.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            at.Add(name, ValueWriter.ToJson(value));
        }

        return new()
        {
            Variable = variable,
            At = at,
            ExpectedValue = c.ExpectedValue is { } e ? ValueWriter.ToJson(e) : null,
            AnswerValue = c.AnswerValue is { } a ? ValueWriter.ToJson(a) : null,
        };
    }
}

/// <summary>A recognised mistake.</summary>
public sealed record DiagnosisResponse
{
    /// <summary>The mistake's code: signError, constantFactor, domainDiffers, wrongShape, missingInnerDerivative, productOfDerivatives, quotientRuleSign, powerRuleExponent, transposed, notSymmetrized, wrongVariable, …</summary>
    public required string Code { get; init; }

    /// <summary>The mistake in a sentence, for the learner.</summary>
    public required string Message { get; init; }

    /// <summary>gradient: the component the mistake is in.</summary>
    public string? Variable { get; init; }

    public static DiagnosisResponse From(CheckFinding f) => new() { Code = f.Code, Message = f.Message, Variable = f.Variable };
}

/// <summary>Why an answer could not be read: the problem it would be at /api/differentiate.</summary>
public sealed record AnswerErrorResponse
{
    /// <summary>The problem's title, e.g. "Malformed expression" or "Unknown function".</summary>
    public required string Title { get; init; }

    /// <summary>The problem in a sentence.</summary>
    public required string Detail { get; init; }

    /// <summary>The 0-based offset of the problem in the answer's text, where it has one.</summary>
    public int? Position { get; init; }

    /// <summary>gradient: the component whose text it is.</summary>
    public string? Variable { get; init; }

    public static AnswerErrorResponse From(AnswerError e, string? variable) => new() { Title = e.Title, Detail = e.Detail, Position = e.Position, Variable = variable };
}
