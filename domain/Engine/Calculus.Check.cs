using CalcApi.Domain.Binding;
using CalcApi.Domain.Checking;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Engine;

/// <summary>What the learner was asked to do (contract section 7).</summary>
public enum CheckTask
{
    Differentiate,
    Gradient,
    MatrixGradient,
    Equivalent,
}

/// <summary>The learner's answer: one expression, or for a gradient one expression per variable, in the order given.</summary>
public sealed record SubmittedAnswer(string? Expression, IReadOnlyList<KeyValuePair<string, string>>? Components = null);

/// <summary>
/// Is the answer right? The task's fields are those of its endpoint: <see cref="Expression"/> with
/// <see cref="Variable"/> and <see cref="Order"/> (differentiate), <see cref="Variables"/> (gradient),
/// <see cref="Declarations"/> and <see cref="Wrt"/> (matrix-gradient); <see cref="Expected"/> (equivalent, which may
/// also take <see cref="Declarations"/> for vectors and matrices).
/// </summary>
public sealed record CheckQuery(CheckTask Task, SubmittedAnswer Answer)
{
    public string? Expression { get; init; }

    public string? Variable { get; init; }

    public int Order { get; init; } = 1;

    public IReadOnlyList<string>? Variables { get; init; }

    public IReadOnlyDictionary<string, VariableDeclaration>? Declarations { get; init; }

    public string? Wrt { get; init; }

    public string? Expected { get; init; }
}

public enum Verdict
{
    Equivalent,
    NotEquivalent,
    Invalid,
}

public enum DecidedBy
{
    Symbolic,
    Numeric,
}

/// <summary>Why an answer could not be read (its problem's title, detail and position in the answer's text).</summary>
public sealed record AnswerError(string Title, string Detail, int? Position);

/// <summary>A recognised mistake, for a gradient said of one component (<see cref="Variable"/>).</summary>
public sealed record CheckFinding(string Code, string Message, string? Variable = null);

/// <summary>One expression checked: the whole answer, or one component of a gradient (<see cref="Variable"/>).</summary>
public sealed record CheckedPart(string? Variable, Verdict Verdict, DecidedBy? DecidedBy, Rendered Expected, Rendered? Answer, Counterexample? Counterexample, AnswerError? Error);

/// <summary>The verdict on an answer: for a gradient the verdict over its components, each also given in <see cref="Parts"/>.</summary>
public sealed record CheckAnswer(CheckTask Task, Verdict Verdict, DecidedBy? DecidedBy, IReadOnlyList<CheckedPart> Parts, IReadOnlyList<CheckFinding> Diagnosis)
{
    public bool Correct => Verdict == Verdict.Equivalent;

    /// <summary>The first part that is not right (for a gradient, the first component in order), or null.</summary>
    public CheckedPart? FirstWrong => Parts.FirstOrDefault(p => p.Verdict == Verdict.Invalid) ?? Parts.FirstOrDefault(p => p.Verdict == Verdict.NotEquivalent);
}

public static partial class Calculus
{
    public static Outcome<CheckAnswer> Check(CheckQuery query, EngineLimits limits, CancellationToken cancellation = default)
    {
        if (query.Task == CheckTask.Differentiate && (query.Order < 1 || query.Order > limits.MaxOrder))
        {
            return query.Order < 1
                ? new CalcError(ErrorKind.InvalidArgument, "Invalid order", $"order must be at least 1, but it is {query.Order}.") { Field = "order" }
                : CalcError.LimitExceeded("maxOrder", limits.MaxOrder, $"order is {query.Order}; the limit (maxOrder) is {limits.MaxOrder}.") with { Field = "order" };
        }

        var missing = query.Task == CheckTask.Equivalent ? (query.Expected is null ? "expected" : null) : (query.Expression is null ? "expression" : null);
        if (missing is not null)
        {
            return new CalcError(ErrorKind.Syntax, "Missing field",
                $"`{missing}` is required for the task {(query.Task == CheckTask.Equivalent ? "equivalent" : query.Task == CheckTask.Gradient ? "gradient" : query.Task == CheckTask.MatrixGradient ? "matrix-gradient" : "differentiate")}: the {(missing == "expected" ? "expression the answer should equal" : "expression of the task")}.") { Field = missing };
        }

        if (query.Variables is { Count: var count } && count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"{count} variables were given; the limit (maxVariables) is {limits.MaxVariables}.") with { Field = "variables" };
        }

        return Guarded(limits, cancellation, () => query.Task switch
        {
            CheckTask.Differentiate => CheckDerivative(query, limits),
            CheckTask.Gradient => CheckGradient(query, limits),
            CheckTask.MatrixGradient => CheckMatrixGradient(query, limits),
            CheckTask.Equivalent => CheckEquivalent(query, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Task, "A task with no check."),
        });
    }

    private static Outcome<CheckAnswer> CheckDerivative(CheckQuery query, EngineLimits limits)
    {
        var read = ReadDerivative(new DerivativeQuery(query.Expression!, query.Variable, query.Order), limits);
        if (!read.IsSuccess)
        {
            return read.Error with { Field = read.Error.Field ?? "expression" };
        }

        var (function, variable, style) = read.Value;
        var f = function.Expression;
        var derived = DifferentiateWithinLimits(f, variable, query.Order, limits);
        if (!derived.IsSuccess)
        {
            return derived.Error;
        }

        // The expected answer is shown as the derivative is answered; any equal form would be judged the same.
        var derivative = Simplification.Forms.Answer(derived.Value, CancellationToken.None).Answer;
        if (TooLarge(derivative, limits) is { } tooLarge)
        {
            return tooLarge;
        }

        // The variable is declared, so a reserved name (e, pi, I) given as the variable is one in the answer too.
        var declarations = new Dictionary<string, VariableDeclaration>(StringComparer.Ordinal) { [variable] = VariableDeclaration.Scalar };
        var expected = new Comparand(derivative, [f], function.Conditions);
        var what = query.Order == 1 ? "the derivative" : $"the derivative of order {query.Order}";
        var (part, findings) = CheckPart(null, expected, style, query.Answer.Expression, declarations, SampleSpace.Scalars, DomainRule.AnswerCovers,
            () => Mistakes.Scalar(f, variable, query.Order), what, limits);
        return Verdicts(query.Task, [part], findings);
    }

    private static Outcome<CheckAnswer> CheckGradient(CheckQuery query, EngineLimits limits)
    {
        var scalars = ScalarVariables(null, query.Variables ?? [], "the gradient here is with respect to scalar variables", limits);
        var read = ReadScalarFunction(query.Expression!, scalars, limits);
        if (!read.IsSuccess)
        {
            return read.Error with { Field = read.Error.Field ?? "expression" };
        }

        var ((f, names, _, logSpelling), declarations) = read.Value;
        var style = new PrintStyle(logSpelling);
        var variables = query.Variables is { Count: > 0 } given ? given : ScalarNames(names, declarations);
        if (variables.Count == 0)
        {
            return new CalcError(ErrorKind.InvalidArgument, "No variables",
                "The expression has no free scalar name, and `variables` names none: there is nothing to take the gradient with respect to.") { Field = "variables" };
        }

        if (variables.Count > limits.MaxVariables)
        {
            return CalcError.LimitExceeded("maxVariables", limits.MaxVariables, $"The expression has {variables.Count} free names; the limit (maxVariables) is {limits.MaxVariables}.");
        }

        foreach (var v in variables)
        {
            declarations[v] = VariableDeclaration.Scalar;
        }

        var components = query.Answer.Components ?? [];
        var parts = new List<CheckedPart>(variables.Count);
        var findings = new List<CheckFinding>();
        foreach (var variable in variables)
        {
            var derivative = Simplification.Forms.Answer(Differentiator.Differentiate(f, variable), CancellationToken.None).Answer;
            if (TooLarge(derivative, limits) is { } tooLarge)
            {
                return tooLarge;
            }

            var text = components.Where(c => c.Key == variable).Select(c => c.Value).FirstOrDefault();
            var expected = new Comparand(derivative, [f], read.Value.Function.Conditions);
            if (text is null)
            {
                parts.Add(new(variable, Verdict.Invalid, null, Rendered.Of(derivative, style), null, null,
                    new("Missing component", $"The answer has no component for '{variable}': give one expression per variable of the gradient.", null)));
                findings.Add(new("wrongShape", $"The gradient has a component for each of {string.Join(", ", variables)}; your answer has none for {variable}.", variable));
                continue;
            }

            var (part, found) = CheckPart(variable, expected, style, text, declarations, SampleSpace.Scalars, DomainRule.AnswerCovers,
                () => Mistakes.Scalar(f, variable, 1), $"the partial derivative with respect to {variable}", limits);
            parts.Add(part);
            findings.AddRange(found);
        }

        var extra = components.Select(c => c.Key).FirstOrDefault(k => !variables.Contains(k, StringComparer.Ordinal));
        if (extra is not null)
        {
            parts.Add(new(extra, Verdict.Invalid, null, Rendered.Of(Differentiator.Differentiate(f, extra), style), null, null,
                new("Unexpected component", $"The answer has a component for '{extra}', which is not a variable of the gradient ({string.Join(", ", variables)}).", null)));
            findings.Add(new("wrongShape", $"The gradient has components for {string.Join(", ", variables)} only; your answer also has one for {extra}.", extra));
        }

        return Verdicts(query.Task, parts, findings);
    }

    private static Outcome<CheckAnswer> CheckMatrixGradient(CheckQuery query, EngineLimits limits)
    {
        if (query.Wrt is null)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Variable required",
                "`wrt` must name the one variable whose gradient the answer is, such as \"W\".") { Field = "wrt" };
        }

        var declared = Declarations(query.Declarations, null, limits);
        if (!declared.IsSuccess)
        {
            return declared.Error with { Field = "variables" };
        }

        // Naming a reserved name in wrt declares it a variable (contract section 7): wrt = "e" is not Euler's number.
        var declarations = declared.Value;
        declarations.TryAdd(query.Wrt, VariableDeclaration.Scalar);
        var read = ReadScalarFunction(query.Expression!, declarations, limits);
        if (!read.IsSuccess)
        {
            return read.Error with { Field = read.Error.Field ?? "expression" };
        }

        var ((f, names, shapes, logSpelling), _) = read.Value;
        var style = new PrintStyle(logSpelling);
        var wrt = query.Wrt;
        if (!names.Contains(wrt) && query.Declarations?.ContainsKey(wrt) != true)
        {
            return new CalcError(ErrorKind.InvalidArgument, "Unknown variable",
                $"wrt names '{wrt}', which neither occurs in the expression nor is declared in `variables`.") { Field = "wrt" };
        }

        var declaration = declarations.GetValueOrDefault(wrt);
        var shape = f.DependsOn(wrt) && shapes.TryGetValue(wrt, out var s) ? s : DeclaredShape(wrt, declaration);
        var gradient = Differentiation.MatrixGradient.Of(f, wrt);
        if (declaration?.Symmetric == true)
        {
            gradient = Differentiation.MatrixGradient.Symmetrised(gradient);
        }

        if (TooLarge(gradient, limits) is { } tooLarge)
        {
            return tooLarge;
        }

        var space = SpaceOf(shapes, declarations);
        var answerDeclarations = AnswerDeclarations(shapes, declarations);
        if (WritesDifferential(query.Answer.Expression, limits, answerDeclarations))
        {
            // An answer in the lecture's differential form, df = tr(G' d(X)), is compared with it for every direction d(X);
            // a mistake is named in that form too, where its gradient has X's shape (tr(M' d(X)) exists only then).
            var dx = MatrixAlgebra.D(MatrixAlgebra.Variable(wrt, shape, declaration?.Symmetric == true));
            var differential = new Comparand(Differentials.TraceForm(Shaped(gradient, shape), dx), [f], read.Value.Function.Conditions);
            var (dfPart, dfFindings) = CheckPart(null, differential, style, query.Answer.Expression, answerDeclarations, space, DomainRule.AnswerCovers,
                () => [.. Mistakes.Matrix(f, wrt).Where(m => m.Code != "notSymmetrized" && m.Derivative.Shape == shape)
                    .Select(m => m with { Derivative = Differentials.TraceForm(m.Derivative, dx) })],
                $"the differential df with respect to {wrt}", limits, DifferentialUse.Variables);
            return Verdicts(query.Task, [dfPart], dfFindings);
        }

        var expected = new Comparand(Shaped(gradient, shape), [f], read.Value.Function.Conditions);
        var (part, findings) = CheckPart(null, expected, style, query.Answer.Expression, answerDeclarations, space, DomainRule.AnswerCovers,
            () => Mistakes.Matrix(f, wrt), $"the gradient with respect to {wrt}", limits);
        return Verdicts(query.Task, [part], findings);
    }

    private static Outcome<CheckAnswer> CheckEquivalent(CheckQuery query, EngineLimits limits)
    {
        var declared = Declarations(query.Declarations, null, limits);
        if (!declared.IsSuccess)
        {
            return declared.Error with { Field = "variables" };
        }

        var read = Bind(query.Expected!, limits, declared.Value, differentials: DifferentialUse.Expressions);
        if (!read.IsSuccess)
        {
            return read.Error with { Field = "expected" };
        }

        var (e, _, shapes, logSpelling) = read.Value;
        var expected = new Comparand(e, [], read.Value.Conditions);
        var (part, findings) = CheckPart(null, expected, new PrintStyle(logSpelling), query.Answer.Expression, AnswerDeclarations(shapes, declared.Value),
            SpaceOf(shapes, declared.Value), DomainRule.Same, () => [], "the expected expression", limits, DifferentialUse.Expressions);
        return Verdicts(query.Task, [part], findings);
    }

    /// <summary>
    /// Reads one answer and compares it with the expected result: invalid where it cannot be read or has the wrong
    /// shape, else equivalent or not, with what the difference probably is.
    /// </summary>
    private static (CheckedPart Part, IReadOnlyList<CheckFinding> Findings) CheckPart(
        string? variable, Comparand expected, PrintStyle style, string? answerText, IReadOnlyDictionary<string, VariableDeclaration> declarations,
        SampleSpace space, DomainRule rule, Func<IReadOnlyList<Mistake>> mistakes, string what, EngineLimits limits, DifferentialUse differentials = DifferentialUse.None)
    {
        var expectedShown = Rendered.Of(expected.Value, style);
        var shape = expected.Value.Shape;
        // A scalar is not imposed on the answer while reading it: a matrix answer is then said to be one, rather than its sizes forced to 1.
        var read = Bind(answerText ?? "", limits, declarations, shape.IsScalar ? null : shape, differentials);
        if (!read.IsSuccess)
        {
            if (read.Error.Limit == "requestTimeout")
            {
                throw new CalcException(read.Error);
            }

            return Invalid(variable, expectedShown, read.Error, WrongShape(expected, answerText!, declarations, space, mistakes, what, limits, variable));
        }

        var answer = read.Value;
        var misfit = answer.VariableShapes.FirstOrDefault(p => space.Shapes.TryGetValue(p.Key, out var declared) && declared != p.Value);
        if (!answer.Expression.Shape.Equals(shape) || misfit.Key is not null)
        {
            var detail = misfit.Key is not null
                ? $"In the answer, {misfit.Key} would have to be {misfit.Value}, but it is {space.Shapes[misfit.Key]}."
                : $"The answer is {answer.Expression.Shape}, but {what} is {(shape.IsScalar ? "a scalar" : shape)}.";
            return Invalid(variable, expectedShown, new CalcError(ErrorKind.Semantic, "Unexpected shape", detail) { Position = 0 },
                [new("wrongShape", misfit.Key is not null ? $"Your answer has the wrong shape: {detail}" : $"Your answer is {answer.Expression.Shape}, but {what} is {(shape.IsScalar ? "a scalar" : shape)}.", variable)]);
        }

        // Differentials, where either side writes them, are compared worked out along directions d(X) sampled with the rest.
        var answerShown = Rendered.Of(answer.Expression, new PrintStyle(answer.NaturalLogSpelling));
        var answerSide = new Comparand(Differentials.Expand(answer.Expression), [], answer.Conditions);
        expected = expected with { Value = Differentials.Expand(expected.Value) };
        var (expectedDirections, answerDirections) = (Differentials.Directions(expected.Value), Differentials.Directions(answerSide.Value));
        var comparison = Equivalence.Compare(expected, answerSide, rule, space.With(answer.VariableShapes).WithDirections([.. expectedDirections, .. answerDirections]));
        if (!comparison.IsSuccess)
        {
            throw new CalcException(comparison.Error);
        }

        var result = comparison.Value;
        var decidedBy = result.Symbolic ? DecidedBy.Symbolic : DecidedBy.Numeric;
        if (result.Equivalent)
        {
            return (new(variable, Verdict.Equivalent, decidedBy, expectedShown, answerShown, null, null), []);
        }

        var findings = Diagnosis.Of(expected.Value, answerSide.Value, result.CommonPoints, [.. mistakes().Select(m => m with { Derivative = Differentials.Expand(m.Derivative) })], what)
            .Select(f => new CheckFinding(f.Code, f.Message, variable)).ToList();
        if (answerDirections.Except(expectedDirections).Select(Differentials.Written).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } stray)
        {
            findings.Add(new("wrongVariable", $"Your answer has {string.Join(", ", stray)}, which {what} does not have: "
                + (expectedDirections.Count == 0 ? "it has no differential." : $"it is taken along {string.Join(", ", expectedDirections.Select(Differentials.Written))} only, the other variables held constant (their differentials are 0)."), variable));
        }
        if (result.DomainDiffers && result.Counterexample is { } at)
        {
            var witness = at.ExpectedValue is null || at.AnswerValue is null ? at : null;
            findings.Add(witness is not null
                ? new CheckFinding("domainDiffers", Diagnosis.DomainDiffers(witness, what).Message, variable)
                : new CheckFinding("domainDiffers", $"Your answer and {what} are not defined at the same points.", variable));
        }

        return (new(variable, Verdict.NotEquivalent, decidedBy, expectedShown, answerShown, result.Counterexample, null), findings);
    }

    /// <summary>
    /// For an answer refused for its shape: wrongShape, and any named mistake of that shape it matches (the
    /// transpose of a gradient of a non-square matrix), judged at points where the answer read alone is defined.
    /// </summary>
    private static List<CheckFinding> WrongShape(Comparand expected, string answerText, IReadOnlyDictionary<string, VariableDeclaration> declarations,
        SampleSpace space, Func<IReadOnlyList<Mistake>> mistakes, string what, EngineLimits limits, string? variable)
    {
        var alone = Bind(answerText, limits, declarations);
        if (!alone.IsSuccess || alone.Value.Expression.Shape.Equals(expected.Value.Shape))
        {
            return [];
        }

        var findings = new List<CheckFinding>
        {
            new("wrongShape", $"Your answer is {alone.Value.Expression.Shape}, but {what} is {expected.Value.Shape}.", variable),
        };
        var answer = alone.Value.Expression;
        var candidates = mistakes().Where(m => m.Derivative.Shape.Equals(answer.Shape)).ToList();
        if (candidates.Count == 0)
        {
            return findings;
        }

        var points = Sampling.Points(space.With(alone.Value.VariableShapes)).Take(Equivalence.MaxCandidates)
            .Where(p => Comparand.Of(answer).Read(p).IsDefined).Take(Equivalence.RequiredPoints).ToList<IReadOnlyDictionary<string, Evaluation.Value>>();
        findings.AddRange(candidates.Where(m => Diagnosis.Matches(m.Derivative, answer, points)).Select(m => new CheckFinding(m.Code, m.Message, variable)));
        return findings;
    }

    private static (CheckedPart, IReadOnlyList<CheckFinding>) Invalid(string? variable, Rendered expected, CalcError error, IReadOnlyList<CheckFinding> findings) =>
        (new(variable, Verdict.Invalid, null, expected, null, null, new(error.Title, error.Detail, error.Position)), findings);

    /// <summary>The verdict over the parts: invalid if any is, else not equivalent if any is; numeric if any part needed points.</summary>
    private static CheckAnswer Verdicts(CheckTask task, IReadOnlyList<CheckedPart> parts, IReadOnlyList<CheckFinding> findings)
    {
        var verdict = parts.Any(p => p.Verdict == Verdict.Invalid) ? Verdict.Invalid
            : parts.Any(p => p.Verdict == Verdict.NotEquivalent) ? Verdict.NotEquivalent
            : Verdict.Equivalent;
        DecidedBy? decidedBy = verdict == Verdict.Invalid ? null
            : parts.Any(p => p.DecidedBy == DecidedBy.Numeric) ? DecidedBy.Numeric
            : DecidedBy.Symbolic;
        return new CheckAnswer(task, verdict, decidedBy, parts, findings);
    }

    /// <summary>A gradient that came out as a scalar (0, or a constant broadcast) in the shape of its variable.</summary>
    private static Expr Shaped(Expr gradient, Shape shape) =>
        !gradient.IsScalar || shape.IsScalar ? gradient
        : Equivalence.IsZero(gradient) ? MatrixAlgebra.ZerosOf(shape)
        : Algebra.Mul(gradient, MatrixAlgebra.OnesOf(shape));

    /// <summary>
    /// The declarations an answer is read under: the task's, with every vector and matrix given the sizes the task's
    /// expression implied (named where symbolic), so that the answer's sizes are the expected result's.
    /// </summary>
    private static Dictionary<string, VariableDeclaration> AnswerDeclarations(IReadOnlyDictionary<string, Shape> shapes, IReadOnlyDictionary<string, VariableDeclaration> declarations)
    {
        var result = new Dictionary<string, VariableDeclaration>(declarations, StringComparer.Ordinal);
        foreach (var (name, shape) in shapes)
        {
            if (result.TryGetValue(name, out var d) && d.Kind != VariableKind.Scalar)
            {
                result[name] = d with { Rows = shape.Rows, Cols = d.Kind == VariableKind.Vector ? Dim.One : shape.Cols };
            }
        }

        return result;
    }

    /// <summary>The variables to sample: each with the shape the task's expression gave it, symmetric where declared so.</summary>
    private static SampleSpace SpaceOf(IReadOnlyDictionary<string, Shape> shapes, IReadOnlyDictionary<string, VariableDeclaration> declarations) =>
        new(shapes, declarations.Where(d => d.Value.Symmetric).Select(d => d.Key).ToHashSet(StringComparer.Ordinal));
}
