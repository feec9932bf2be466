namespace CalcApi.Domain.Expressions;

/// <summary>f applied element-wise to a span: <c>destination[k] = f(source[k])</c>, NaN outside the domain.</summary>
public delegate void SpanKernel(ReadOnlySpan<double> source, Span<double> destination);

/// <summary>How a call is written in mathematics: by name, as a power of e, or between bars.</summary>
public enum CallNotation
{
    Named,
    PowerOfE,
    Bars,
}

/// <summary>
/// Everything the engine knows about one scalar function, in one place: its names, its real domain,
/// its value, its derivative and how it is printed. Every operation (binding, differentiation in both
/// modes, both evaluators, compiled programs, the printers) reads the function from here, so adding a
/// function is adding one entry (and its name to <see cref="Function"/>).
/// </summary>
/// <param name="Id">The function.</param>
/// <param name="Name">How the language spells it, and how the text printer writes it.</param>
/// <param name="Value">f(u) in double precision, for u inside the domain.</param>
/// <param name="Derivative">f'(u), given u and the call f(u) itself (so exp' can be the call).</param>
public sealed record ScalarFunction(Function Id, string Name, Func<double, double> Value, Func<Expr, Expr, Expr> Derivative)
{
    /// <summary>Other spellings the language accepts (ln for log).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The real domain as conditions on u (log: u &gt; 0), for answers to state and points to be checked against.</summary>
    public Func<Expr, Condition[]> Requires { get; init; } = static _ => [];

    /// <summary>Why u lies outside the real domain ("needs a positive argument, but it is -1 here"), or null inside it.</summary>
    public Func<double, string?> Outside { get; init; } = static _ => null;

    /// <summary>
    /// f(u) to a precision in bits, for u inside the domain (<see cref="BigFloatMath"/>): what the precise
    /// evaluator uses where double precision cannot be trusted. Null only by mistake: a test names any entry without one.
    /// </summary>
    public Func<BigFloat, int, BigFloat>? Precise { get; init; }

    /// <summary>f over a whole span at once (vectorised where the runtime offers it); the default applies <see cref="Value"/> entry by entry.</summary>
    public SpanKernel? Kernel { get; init; }

    /// <summary>f(0) exactly, where it is a simple closed form (sin(0) = 0); null otherwise or outside the domain.</summary>
    public Expr? AtZero { get; init; }

    /// <summary>f(1) exactly, where it is a simple closed form (log(1) = 0).</summary>
    public Expr? AtOne { get; init; }

    /// <summary>Whether f(u) &gt;= 0 wherever it is defined, so that abs(f(u)) = f(u).</summary>
    public bool NonNegative { get; init; }

    /// <summary>The LaTeX command: \sin, \operatorname{softplus}.</summary>
    public string Latex { get; init; } = "";

    /// <summary>The MathML identifier: sin, arcsin, σ.</summary>
    public string MathML { get; init; } = "";

    public CallNotation Notation { get; init; } = CallNotation.Named;

    /// <summary>Applies f to every entry of <paramref name="source"/>.</summary>
    public void Apply(ReadOnlySpan<double> source, Span<double> destination)
    {
        if (Kernel is { } kernel)
        {
            kernel(source, destination);
            return;
        }

        for (var k = 0; k < source.Length; k++)
        {
            destination[k] = Outside(source[k]) is null ? Value(source[k]) : double.NaN;
        }
    }
}
