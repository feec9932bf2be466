using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Checking;

/// <summary>Whether a side of a comparison is defined at a point: yes (with its value), no, or not known to the contract's precision.</summary>
public enum Definedness
{
    Defined,
    Undefined,
    Unknown,
}

/// <summary>A side read at a point: defined with its value (right to 1e-9, contract section 5), undefined, or unknown there.</summary>
public readonly record struct Reading(Definedness Status, Value? Value)
{
    public static Reading Undefined { get; } = new(Definedness.Undefined, null);

    public static Reading Unknown { get; } = new(Definedness.Unknown, null);

    public bool IsDefined => Status == Definedness.Defined;
}

/// <summary>
/// One side of a comparison: a canonical expression and its real domain. The domain is where
/// <see cref="Value"/> evaluates, every expression of <see cref="Guards"/> evaluates too (a derivative exists
/// only where its function does: d/dx log(x) is 1/x, but not at -1), and every condition of
/// <see cref="Conditions"/> holds (those of the text as written that its canonical form dropped: sqrt(x)^2 is x
/// only for x &gt;= 0).
/// </summary>
public sealed record Comparand(Expr Value, IReadOnlyList<Expr> Guards, IReadOnlyList<Condition> Conditions)
{
    public static Comparand Of(Expr value, IReadOnlyList<Condition>? conditions = null) => new(value, [], conditions ?? []);

    /// <summary>Every condition of the domain as the algebra states it: the written ones, and those of the value's and guards' own nodes.</summary>
    public IReadOnlyList<Condition> AllConditions()
    {
        var all = new List<Condition>(Conditions);
        DomainConditions.Add(all, DomainConditions.Within(Value));
        foreach (var guard in Guards)
        {
            DomainConditions.Add(all, DomainConditions.Within(guard));
        }

        return all;
    }

    /// <summary>
    /// Whether double precision finds the side undefined at the point: a cheap first look that lets a sample point
    /// outside a domain be passed over without the exact evaluation (which, seeing a domain error, would try
    /// again in arbitrary precision). Only ever used to skip points; a verdict rests on <see cref="Read"/>.
    /// </summary>
    public bool ProbablyUndefined(IReadOnlyDictionary<string, Value> point)
    {
        // The conditions first, the smallest first: 1 - x^2 >= 0 fails plainly at x = 2, where evaluating sqrt(1 - x^2)
        // fails by an exception, which costs far more.
        var scalars = point.Values.All(v => v.IsScalar) ? point.ToDictionary(p => p.Key, p => p.Value.Scalar, StringComparer.Ordinal) : null;
        foreach (var c in _allConditions ??= [.. AllConditions().Where(c => c.Left.IsScalar && c.Right.IsScalar).OrderBy(c => c.Left.Size)])
        {
            var left = InDoubles(c.Left, point, scalars);
            var right = InDoubles(c.Right, point, scalars);
            if (left is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain }
                || (left is { IsSuccess: true } && right is { IsSuccess: true } && !c.Holds(left.Value, right.Value) && Math.Abs(left.Value - right.Value) > 1e-6 * Math.Max(1, Math.Abs(left.Value))))
            {
                return true;
            }
        }

        return Guards.Any(g => OutsideInDoubles(g, point, scalars)) || OutsideInDoubles(Value, point, scalars);
    }

    private IReadOnlyList<Condition>? _allConditions;

    private static bool OutsideInDoubles(Expr e, IReadOnlyDictionary<string, Value> point, Dictionary<string, double>? scalars) =>
        InDoubles(e, point, scalars) is { IsSuccess: false, Error.Kind: ErrorKind.OutsideDomain };

    private static Outcome<double> InDoubles(Expr e, IReadOnlyDictionary<string, Value> point, Dictionary<string, double>? scalars)
    {
        if (scalars is not null && ScalarLanguage.Of(e))
        {
            return Evaluator.Evaluate(e, scalars);
        }

        var value = MatrixEvaluator.Evaluate(e, point);
        return value.IsSuccess ? (value.Value.IsScalar ? value.Value.Scalar : 0) : value.Error;
    }

    /// <summary>The side at <paramref name="point"/>, every value exact to the contract's rule (or unknown).</summary>
    public Reading Read(IReadOnlyDictionary<string, Value> point)
    {
        foreach (var guard in Guards)
        {
            var g = Evaluate(guard, point);
            if (!g.IsSuccess)
            {
                return g.Error.Kind == ErrorKind.OutsideDomain ? Reading.Undefined : Reading.Unknown;
            }
        }

        foreach (var condition in Conditions)
        {
            var holds = Holds(condition, point);
            if (holds != Definedness.Defined)
            {
                return holds == Definedness.Undefined ? Reading.Undefined : Reading.Unknown;
            }
        }

        var value = Evaluate(Value, point);
        return value.IsSuccess ? new(Definedness.Defined, value.Value)
            : value.Error.Kind == ErrorKind.OutsideDomain ? Reading.Undefined : Reading.Unknown;
    }

    /// <summary>A value at the point, right or refused: scalars through <see cref="ExactEnough"/> where the point allows, anything else entry by entry.</summary>
    public static Outcome<Value> Evaluate(Expr e, IReadOnlyDictionary<string, Value> point)
    {
        if (e.IsScalar)
        {
            var scalar = ExactValues.Scalar(e, point);
            return scalar.IsSuccess ? Evaluation.Value.Of(scalar.Value) : scalar.Error;
        }

        return ExactValues.Of(e, point);
    }

    /// <summary>
    /// Whether a condition holds at the point: Defined for yes, Undefined for no, Unknown where its two sides are
    /// so close that the exact values' tolerance could decide either way (x - 1 > 0 a hair from x = 1).
    /// </summary>
    private static Definedness Holds(Condition condition, IReadOnlyDictionary<string, Value> point)
    {
        if (!condition.Left.IsScalar || !condition.Right.IsScalar)
        {
            return Definedness.Unknown;
        }

        var left = ExactValues.Scalar(condition.Left, point);
        var right = ExactValues.Scalar(condition.Right, point);
        if (!left.IsSuccess || !right.IsSuccess)
        {
            return left.Error?.Kind == ErrorKind.OutsideDomain || right.Error?.Kind == ErrorKind.OutsideDomain ? Definedness.Undefined : Definedness.Unknown;
        }

        var (l, r) = (left.Value, right.Value);
        var exactlyKnown = IsExactlyKnown(condition.Left) && IsExactlyKnown(condition.Right);
        if (!exactlyKnown && Math.Abs(l - r) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(l), Math.Abs(r))))
        {
            // Near its edge the condition is decided on precise values where it can be (x - 1 != 0 at x = 1, where
            // (x^2 - 1)/(x - 1) and x + 1 differ), else left unknown.
            var scalars = point.Values.All(v => v.IsScalar) ? point.ToDictionary(p => p.Key, p => p.Value.Scalar, StringComparer.Ordinal) : null;
            return scalars is not null && ScalarLanguage.Of(condition.Left) && ScalarLanguage.Of(condition.Right) && ExactEnough.Holds(condition, scalars) is { } decided
                ? decided ? Definedness.Defined : Definedness.Undefined
                : Definedness.Unknown;
        }

        return condition.Holds(l, r) ? Definedness.Defined : Definedness.Undefined;
    }

    /// <summary>A side whose value at a point is the point's own double (a variable) or an exact number: no rounding near the boundary.</summary>
    private static bool IsExactlyKnown(Expr e) => e is Symbol or Number { Value.IsInteger: true };
}
