using CalcApi.Domain.Evaluation;
using MathNet.Numerics.LinearAlgebra;
using M = MathNet.Numerics.LinearAlgebra.Matrix<double>;

namespace CalcApi.Fuzz.Tests.Generators;

/// <summary>A generated scalar expression in x and y, with what it means, computed without the engine (NaN or ±∞ where undefined).</summary>
public sealed record ScalarTerm(string Text, Func<double, double, double> F)
{
    public override string ToString() => Text;

    /// <summary>The same term, undefined (NaN) wherever its value is not finite, so that no infinity passes through a later step (tanh(cosh(1000))).</summary>
    public ScalarTerm Guarded() => new(Text, (x, y) =>
    {
        var v = F(x, y);
        Meaning.Saw(v);
        return double.IsFinite(v) ? v : double.NaN;
    });

    /// <summary>
    /// Whether the value barely moves when x and y move by a relative 1e-10, and no part of the expression is
    /// huge (sin(e^262), sin(4*exp(120)) do not qualify: their last digits are rounding).
    /// </summary>
    public bool WellConditioned(double x, double y)
    {
        Meaning.ResetMagnitude();
        var here = F(x, y);
        var largest = Meaning.LargestMagnitude;
        var there = F(x * (1 + 1e-10), y * (1 + 1e-10));
        return double.IsFinite(here) && double.IsFinite(there) && largest <= Meaning.ModerateMagnitude
            && Math.Abs(here - there) <= 1e-8 * Math.Max(1, Math.Abs(here));
    }
}

/// <summary>A generated expression in a, b, W, c, x, with what it means (scalars as 1×1 matrices), computed without the engine.</summary>
public sealed record TypedTerm(string Text, Func<Env, M> F)
{
    public override string ToString() => Text;

    /// <summary>
    /// The same term, undefined (NaN) wherever any entry of its value is not finite; and noting in the
    /// <see cref="Env"/> when its value is a vector or matrix of zeros (see <see cref="HasZeroPart"/>).
    /// </summary>
    public TypedTerm Guarded() => new(Text, e =>
    {
        var m = F(e);
        foreach (var v in m.Enumerate())
        {
            Meaning.Saw(v);
        }

        if ((m.RowCount > 1 || m.ColumnCount > 1) && m.Enumerate().All(v => v == 0))
        {
            e.SawZeroPart = true;
        }

        return m.Enumerate().All(double.IsFinite) ? m : m.Map(_ => double.NaN);
    });

    /// <summary>Whether some vector or matrix part of the expression is all zeros at this point (a - a, transpose(W) - W').</summary>
    public bool HasZeroPart(IReadOnlyDictionary<string, Value> point)
    {
        var env = new Env(point);
        try
        {
            F(env);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
        {
        }

        return env.SawZeroPart;
    }

    /// <summary>Whether the value at the point barely moves when every input moves by a relative 1e-10 (else it is too ill-conditioned to compare).</summary>
    public bool WellConditioned(IReadOnlyDictionary<string, Value> point)
    {
        Meaning.ResetMagnitude();
        var here = At(point);
        var largest = Meaning.LargestMagnitude;
        return here is { } h && largest <= Meaning.ModerateMagnitude
            && At(point.ToDictionary(p => p.Key, p => Scaled(p.Value, 1 + 1e-10))) is { } there
            && Math.Abs(h - there) <= 1e-8 * Math.Max(1, Math.Abs(h));
    }

    private static Value Scaled(Value v, double factor) => v.IsScalar ? Value.Of(v.Scalar * factor) : Value.Of(v.Matrix! * factor, v.IsVector);

    /// <summary>The value at a point, or null where it is undefined (or not finite).</summary>
    public double? At(IReadOnlyDictionary<string, Value> point)
    {
        try
        {
            var value = F(new Env(point));
            return value.RowCount == 1 && value.ColumnCount == 1 && double.IsFinite(value[0, 0]) ? value[0, 0] : null;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            return null;
        }
    }
}

/// <summary>The values of a, b, W, c and x at a point, as matrices (scalars 1×1).</summary>
public sealed class Env(IReadOnlyDictionary<string, Value> point)
{
    /// <summary>Set when some part of the expression evaluated to a vector or matrix of zeros.</summary>
    public bool SawZeroPart { get; set; }

    public M A { get; } = AsMatrix(point["a"]);

    public M B { get; } = AsMatrix(point["b"]);

    public M W { get; } = AsMatrix(point["W"]);

    public M C { get; } = AsMatrix(point["c"]);

    public M X { get; } = AsMatrix(point["x"]);

    private static M AsMatrix(Value v) => v.Matrix ?? Meaning.Number(v.Scalar);
}

/// <summary>The language's operations, written directly with doubles and MathNet.Numerics: the reference the engine is checked against.</summary>
public static class Meaning
{
    /// <summary>Past this, a part's value has too few significant digits left after it for a comparison to 1e-7 (sin of sinh(18.7) = 6.6e7 already differs in the 7th digit between two correct evaluations).</summary>
    public const double ModerateMagnitude = 1e5;

    [ThreadStatic]
    private static double _largest;

    /// <summary>The largest magnitude of any part's value since <see cref="ResetMagnitude"/>, on this thread.</summary>
    public static double LargestMagnitude => _largest;

    public static void ResetMagnitude() => _largest = 0;

    public static void Saw(double value)
    {
        if (double.IsFinite(value) && Math.Abs(value) > _largest)
        {
            _largest = Math.Abs(value);
        }
    }

    public static M Number(double d) => Matrix<double>.Build.Dense(1, 1, d);

    public static M Identity(int n) => Matrix<double>.Build.DenseIdentity(n);

    public static M Ones(int rows, int cols) => Matrix<double>.Build.Dense(rows, cols, 1.0);

    public static M Column(Vector<double> v) => v.ToColumnMatrix();

    public static M DiagonalOf(M column) => Matrix<double>.Build.DenseOfDiagonalVector(column.Column(0));

    public static double Scalar(string function, double t) => function switch
    {
        "sin" => Math.Sin(t),
        "cos" => Math.Cos(t),
        "tan" => Math.Tan(t),
        "exp" => Math.Exp(t),
        "log" or "ln" => Math.Log(t),
        "sqrt" => Math.Sqrt(t),
        "abs" => Math.Abs(t),
        "sinh" => Math.Sinh(t),
        "cosh" => Math.Cosh(t),
        "tanh" => Math.Tanh(t),
        "asin" => Math.Asin(t),
        "acos" => Math.Acos(t),
        "atan" => Math.Atan(t),
        "sigmoid" => 1 / (1 + Math.Exp(-t)),
        "softplus" => t > 40 ? t : LogOnePlus(Math.Exp(t)),
        "log1p" => LogOnePlus(t),
        "sec" => 1 / Math.Cos(t),
        "csc" => 1 / Math.Sin(t),
        "cot" => 1 / Math.Tan(t),
        "asinh" => Asinh(t),
        "acosh" => Acosh(t),
        "atanh" => Math.Abs(t) < 1 ? 0.5 * LogOnePlus(2 * t / (1 - t)) : double.NaN,
        "erf" => Erf(t),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, null),
    };

    /// <summary>ln(1 + t), by its series where 1 + t would round t away (the engine uses a different formula).</summary>
    private static double LogOnePlus(double t) => Math.Abs(t) < 1e-4 ? t - (t * t / 2) + (t * t * t / 3) - (t * t * t * t / 4) : Math.Log(1 + t);

    /// <summary>ln(|t| + sqrt(t² + 1)) with the sign of t, written as ln(1 + (|t| + t²/(1 + sqrt(1 + t²)))) so that a small t keeps its digits.</summary>
    private static double Asinh(double t)
    {
        var a = Math.Abs(t);
        var value = a > 1e8 ? Math.Log(2) + Math.Log(a) : LogOnePlus(a + (a * a / (1 + Math.Sqrt(1 + (a * a)))));
        return Math.CopySign(value, t);
    }

    /// <summary>ln(t + sqrt(t² - 1)) for t ≥ 1, written as ln(1 + (d + sqrt(d(t + 1)))) with d = t - 1 so that t near 1 keeps its digits; NaN below 1.</summary>
    private static double Acosh(double t)
    {
        if (!(t >= 1))
        {
            return double.NaN;
        }

        var d = t - 1;
        return t > 1e8 ? Math.Log(2) + Math.Log(t) : LogOnePlus(d + Math.Sqrt(d * (t + 1)));
    }

    /// <summary>
    /// erf by its Maclaurin series (2/√π) Σ (-1)ⁿ t²ⁿ⁺¹/(n!(2n + 1)) up to |t| = 2, and beyond by 1 - erfc with erfc from its
    /// continued fraction e^(-t²)/√π · 1/(t + (1/2)/(t + 1/(t + (3/2)/(t + …)))): to about 1e-15, and not the engine's algorithm.
    /// </summary>
    private static double Erf(double t)
    {
        if (double.IsNaN(t))
        {
            return t;
        }

        var a = Math.Abs(t);
        double value;
        if (a <= 2)
        {
            var sum = 0.0;
            var power = a; // (-1)ⁿ a²ⁿ⁺¹/n!
            for (var n = 0; n < 200; n++)
            {
                var term = power / ((2 * n) + 1);
                sum += term;
                if (Math.Abs(term) <= 1e-17 * Math.Abs(sum))
                {
                    break;
                }

                power *= -a * a / (n + 1);
            }

            value = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            var fraction = a;
            for (var k = 200; k >= 1; k--)
            {
                fraction = a + (k / 2.0 / fraction);
            }

            value = 1 - (Math.Exp(-a * a) / Math.Sqrt(Math.PI) / fraction);
        }

        return Math.CopySign(value, t);
    }

    public static M Map(string function, M m) => m.Map(t => Scalar(function, t), Zeros.Include);

    /// <summary>+ - .* element-wise (a 1×1 operand broadcasts), * a product (a scaling when either side is 1×1), / by a scalar.</summary>
    public static M Arithmetic(string op, M p, M q)
    {
        var pScalar = p.RowCount == 1 && p.ColumnCount == 1;
        var qScalar = q.RowCount == 1 && q.ColumnCount == 1;
        return op switch
        {
            "+" => pScalar ? q.Map(t => p[0, 0] + t) : qScalar ? p.Map(t => t + q[0, 0]) : p + q,
            "-" => pScalar ? q.Map(t => p[0, 0] - t) : qScalar ? p.Map(t => t - q[0, 0]) : p - q,
            // Scalings written out: MathNet's 0*M short-cuts to zeros, which would hide a NaN (x*(1/x) at 0).
            ".*" => pScalar ? q.Map(t => p[0, 0] * t) : qScalar ? p.Map(t => t * q[0, 0]) : p.PointwiseMultiply(q),
            "*" => pScalar ? q.Map(t => p[0, 0] * t) : qScalar ? p.Map(t => t * q[0, 0]) : p * q,
            "/" => p.Map(t => t / q[0, 0]),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }
}
