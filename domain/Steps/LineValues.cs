using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Steps;

/// <summary>
/// The value of a derivation's lines at one point, each diff(u, x) taken as the engine's derivative of u: how a line is
/// checked against the derivative it must equal. Lines share their unchanged sub-trees (a line is rebuilt only along the
/// paths to what changed), so values are kept by node, across the lines of one derivation.
/// </summary>
public sealed class LineValues(IReadOnlyDictionary<string, double> point)
{
    private readonly Dictionary<Expr, double?> _values = new(SameNode.Instance);
    private readonly Dictionary<string, Value> _point = point.ToDictionary(p => p.Key, p => Value.Of(p.Value), StringComparer.Ordinal);

    /// <summary>The line's value, or null where part of it is undefined at the point.</summary>
    public double? Of(Expr line)
    {
        if (_values.TryGetValue(line, out var known))
        {
            return known;
        }

        double? value = line switch
        {
            Derivative d => Evaluate(Differentiator.Differentiate(d.Operand, d.Variable)),
            _ when !Walk.Distinct(line).Any(n => n is Derivative) => Evaluate(line),
            Sum s => Combine(s.Terms, 0, (a, b) => a + b),
            Product p => Combine(p.Factors, 1, (a, b) => a * b),
            _ => throw new InvalidOperationException($"A diff(…) inside {line.GetType().Name}: a rule put one where a line cannot hold it."),
        };
        _values[line] = value;
        return value;
    }

    private double? Combine(IEnumerable<Expr> parts, double start, Func<double, double, double> combine)
    {
        var total = start;
        foreach (var part in parts)
        {
            if (Of(part) is not { } v)
            {
                return null;
            }

            total = combine(total, v);
        }

        return total;
    }

    /// <summary>A scalar expression's value in double precision; it may hold matrices inside (tr(x*ones(2, 2))).</summary>
    private double? Evaluate(Expr e) => MatrixEvaluator.Evaluate(e, _point) is { IsSuccess: true, Value.IsScalar: true } v ? v.Value.Scalar : null;
}
