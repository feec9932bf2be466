using System.Text;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Export;

/// <summary>
/// C#: a .NET 10 file-based program (<c>dotnet run gradient.cs</c>) with no package: scalars are doubles, vectors and
/// matrices <c>double[,]</c> (vectors n×1), scalar arithmetic in operators and array arithmetic in the small
/// <c>MatrixOps</c> class the file carries (overloads pick the scalar-broadcasting form by type).
/// </summary>
internal sealed class CSharpDialect : Dialect
{
    private static readonly string[] Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal",
        "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for",
        "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long", "namespace", "new", "null", "object",
        "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong",
        "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while", "var", "dynamic", "args", "await",
        "nameof", "when", "where", "yield", "record", "with", "init", "required", "scoped", "file", "global", "field", "_",
    ];

    private static readonly string[] OwnNames =
    [
        "System", "Math", "Console", "Dictionary", "IReadOnlyDictionary", "List", "Random", "Func", "Array", "Enumerable", "Exported",
        "GradientCheck", "MatrixOps", "Variables", "values",
        "Scalar", "Vector", "Matrix", "Shaped", "Add", "Sub", "Mul", "Div", "Neg", "Pow", "OddRoot", "Map", "MatMul", "ScalarOf",
        "Transpose", "Trace", "Det", "LogDet", "Inv", "SumAll", "Norm", "DiagMatrix", "DiagVector", "Identity", "Ones", "Zeros",
        "Sec", "Csc", "Cot", "Log1p", "Sigmoid", "Softplus", "Erf",
    ];

    public override IReadOnlyCollection<string> Reserved => [.. Keywords, .. OwnNames];

    public override Code Number(double value) => LiteralCode(value);

    public override Code Constant(ConstantKind kind) => new(kind == ConstantKind.Pi ? "Math.PI" : "Math.E", Precedence.Atom, true, Literal: true);

    public override Code Add(Code a, Code b) => a.Scalar && b.Scalar
        ? Op($"{a.At(Precedence.Sum)} + {b.At(Precedence.Product)}", Precedence.Sum, true, a, b)
        : Call("Add", false, a, b);

    public override Code Subtract(Code a, Code b) => a.Scalar && b.Scalar
        ? Op($"{a.At(Precedence.Sum)} - {b.At(Precedence.Product)}", Precedence.Sum, true, a, b)
        : Call("Sub", false, a, b);

    public override Code Multiply(Code a, Code b) => a.Scalar && b.Scalar
        ? Op($"{a.At(Precedence.Product)} * {b.At(Precedence.Unary)}", Precedence.Product, true, a, b)
        : Call("Mul", false, a, b);

    public override Code Divide(Code a, Code b) => a.Scalar && b.Scalar
        ? Op($"{a.At(Precedence.Product)} / {b.At(Precedence.Unary)}", Precedence.Product, true, a, b)
        : Call("Div", false, a, b);

    // -(-x) rather than --x, which C# reads as a decrement.
    public override Code Negate(Code a) => a.Scalar
        ? Op($"-{a.At(Precedence.Atom)}", Precedence.Unary, true, a)
        : Call("Neg", false, a);

    public override Code Power(Code b, Code e) => b.Scalar && e.Scalar ? Call("Math.Pow", true, b, e) : Call("Pow", false, b, e);

    public override Code IntegerPower(Code b, int k) => Power(b, Integer(k));

    public override Code Sqrt(Code u) => Elementwise("Math.Sqrt", u);

    public override Code OddRoot(Code u, double exponent, bool evenNumerator) =>
        Call("OddRoot", u.Scalar, u, Number(exponent), new(evenNumerator ? "true" : "false", Precedence.Atom, true));

    public override Code Call(Function function, Code u) => function switch
    {
        Expressions.Function.Sin => Elementwise("Math.Sin", u),
        Expressions.Function.Cos => Elementwise("Math.Cos", u),
        Expressions.Function.Tan => Elementwise("Math.Tan", u),
        Expressions.Function.Sec => Elementwise("Sec", u),
        Expressions.Function.Csc => Elementwise("Csc", u),
        Expressions.Function.Cot => Elementwise("Cot", u),
        Expressions.Function.Asin => Elementwise("Math.Asin", u),
        Expressions.Function.Acos => Elementwise("Math.Acos", u),
        Expressions.Function.Atan => Elementwise("Math.Atan", u),
        Expressions.Function.Sinh => Elementwise("Math.Sinh", u),
        Expressions.Function.Cosh => Elementwise("Math.Cosh", u),
        Expressions.Function.Tanh => Elementwise("Math.Tanh", u),
        Expressions.Function.Asinh => Elementwise("Math.Asinh", u),
        Expressions.Function.Acosh => Elementwise("Math.Acosh", u),
        Expressions.Function.Atanh => Elementwise("Math.Atanh", u),
        Expressions.Function.Exp => Elementwise("Math.Exp", u),
        Expressions.Function.Log => Elementwise("Math.Log", u),
        Expressions.Function.Log1p => Elementwise("Log1p", u),
        Expressions.Function.Sigmoid => Elementwise("Sigmoid", u),
        Expressions.Function.Softplus => Elementwise("Softplus", u),
        Expressions.Function.Abs => Elementwise("Math.Abs", u),
        Expressions.Function.Erf => Elementwise("Erf", u),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "A function with no C# form."),
    };

    public override Code MatMul(Code a, Code b) => Call("MatMul", false, a, b);

    public override Code ScalarOf(Code oneByOne) => Call("ScalarOf", true, oneByOne);

    public override Code Transpose(Code a) => Call("Transpose", false, a);

    public override Code Matrix(MatrixFunction function, Code a) => function switch
    {
        MatrixFunction.Trace => Call("Trace", true, a),
        MatrixFunction.Det => Call("Det", true, a),
        MatrixFunction.LogDet => Call("LogDet", true, a),
        MatrixFunction.Inverse => Call("Inv", false, a),
        MatrixFunction.SumAll => Call("SumAll", true, a),
        MatrixFunction.Norm => Call("Norm", true, a),
        MatrixFunction.DiagMatrix => Call("DiagMatrix", false, a),
        MatrixFunction.DiagVector => Call("DiagVector", false, a),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "A matrix function with no C# form."),
    };

    public override Code Filled(Fill fill, Code rows, Code cols) => fill switch
    {
        Fill.Identity => Call("Identity", false, rows),
        Fill.Ones => Call("Ones", false, rows, cols),
        _ => Call("Zeros", false, rows, cols),
    };

    public override Code Size(string local, int axis) => new($"{local}.GetLength({axis})", Precedence.Atom, true);

    /// <summary>f(u) of a scalar, or <c>Map(u, f)</c> entry by entry.</summary>
    private Code Elementwise(string function, Code u) => u.Scalar ? Call(function, true, u) : Call("Map", false, u, new(function, Precedence.Atom, true));

    private static Code Call(string function, bool scalar, params ReadOnlySpan<Code> arguments)
    {
        var texts = new string[arguments.Length];
        for (var k = 0; k < arguments.Length; k++)
        {
            texts[k] = arguments[k].Text;
        }

        return Op($"{function}({string.Join(", ", texts)})", Precedence.Atom, scalar, arguments);
    }

    public override string File(ExportPlan plan)
    {
        var text = new StringBuilder();
        var wrt = string.Join(", ", plan.Gradients.Select(g => g.Variable.Name));
        text.AppendLine($"// f = {plan.Expression} and its gradient with respect to {wrt}, generated by CalcApi.");
        text.AppendLine("//");
        foreach (var g in plan.Gradients)
        {
            text.AppendLine($"//     df/d{g.Variable.Name} = {g.Formula ?? "(too long to show; computed below)"}");
        }

        text.AppendLine("//");
        text.AppendLine("// Exported.ValueAndGradients(values) takes every variable's value (a double for a scalar, a double[] for a vector,");
        text.AppendLine("// a double[,] for a matrix) and returns f and a dictionary of the gradients, each shaped like its variable. Shared");
        text.AppendLine("// sub-expressions are computed once (t1, t2, ...). `dotnet run gradient.cs` (.NET 10, no packages) checks the");
        text.AppendLine("// gradients against central finite differences at a random point and prints `gradient check passed` (exit 0)");
        text.AppendLine("// or the discrepancy (exit 1).");
        text.AppendLine("using System;");
        text.AppendLine("using System.Collections.Generic;");
        text.AppendLine("using static MatrixOps;");
        text.AppendLine();
        text.AppendLine("return GradientCheck.Run();");
        text.AppendLine();
        text.AppendLine("public static class Exported");
        text.AppendLine("{");
        text.AppendLine("    public static (double Value, Dictionary<string, object> Gradients) ValueAndGradients(IReadOnlyDictionary<string, object> values)");
        text.AppendLine("    {");
        foreach (var input in plan.Inputs)
        {
            var reader = input.Scalar ? "Scalar" : input.Kind == VariableKind.Vector ? "Vector" : "Matrix";
            text.AppendLine($"        var {input.Local} = {reader}(values, {Quoted(input.Name)});");
        }

        foreach (var statement in plan.Statements)
        {
            text.AppendLine($"        var {statement.Local} = {statement.Code.Text};");
        }

        text.AppendLine($"        double {plan.ValueLocal} = {plan.Value.Text};");
        foreach (var g in plan.Gradients)
        {
            text.AppendLine($"        var {g.Local} = {g.Code.Text};");
        }

        var outputs = plan.Gradients.Select(g => g.Variable.Kind == VariableKind.Scalar
            ? $"[{Quoted(g.Variable.Name)}] = {g.Local}"
            : $"[{Quoted(g.Variable.Name)}] = Shaped({g.Local}, values[{Quoted(g.Variable.Name)}])");
        text.AppendLine($"        return ({plan.ValueLocal}, new Dictionary<string, object> {{ {string.Join(", ", outputs)} }});");
        text.AppendLine("    }");
        text.AppendLine("}");
        text.AppendLine();
        text.AppendLine("/// <summary>The gradient check: each variable's kind, its size in the check (a symbolic size takes 2, 3, 4, ...), whether symmetric.</summary>");
        text.AppendLine("public static class Variables");
        text.AppendLine("{");
        text.AppendLine("    public static readonly (string Name, string Kind, int Rows, int Cols, bool Symmetric)[] All =");
        text.AppendLine("    [");
        foreach (var input in plan.Inputs)
        {
            text.AppendLine($"        ({Quoted(input.Name)}, {Quoted(input.Kind.ToString().ToLowerInvariant())}, {input.SampleRows}, {input.SampleCols}, {(input.Symmetric ? "true" : "false")}),");
        }

        text.AppendLine("    ];");
        text.AppendLine();
        text.AppendLine($"    public static readonly string[] Wrt = [{string.Join(", ", plan.Gradients.Select(g => Quoted(g.Variable.Name)))}];");
        text.AppendLine("}");
        text.AppendLine(Library);
        return text.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The gradient check and the array operations, the same in every file.</summary>
    private const string Library = """

public static class GradientCheck
{
    public static int Run(int seed = 20261129, int attempts = 60)
    {
        var random = new Random(seed);
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var point = RandomPoint(random, attempt);
            if (GradientsAt(point) is not { } at)
            {
                continue;
            }

            if (Compare(point, at.Value, at.Gradients) is not { } results)
            {
                continue;
            }

            var worst = results[0];
            foreach (var r in results)
            {
                if (r.Ratio > worst.Ratio)
                {
                    worst = r;
                }
            }

            if (worst.Ratio > 1)
            {
                Console.WriteLine($"gradient check failed: df/d{worst.Entry} is {worst.Exact:R} but central differences give {worst.Estimate:R}");
                return 1;
            }

            Console.WriteLine($"largest discrepancy {worst.Ratio:G2} of the tolerance, over {results.Count} partial derivatives at a random point");
            Console.WriteLine("gradient check passed");
            return 0;
        }

        Console.WriteLine($"gradient check failed: found no random point where f and its gradients are defined ({attempts} tried)");
        return 1;
    }

    /// <summary>
    /// Attempts cycle through three kinds of point, so that most domains meet one: positive scalars and diagonally
    /// dominant square matrices (det > 0, as logdet and inv need), scalars of either sign and plain random arrays, and
    /// small positive entries everywhere (log of a sum, asin, sqrt).
    /// </summary>
    private static Dictionary<string, object> RandomPoint(Random random, int attempt)
    {
        var mode = attempt % 3;
        double Uniform(double low, double high) => low + ((high - low) * random.NextDouble());
        var point = new Dictionary<string, object>();
        foreach (var (name, kind, rows, cols, symmetric) in Variables.All)
        {
            if (kind == "scalar")
            {
                point[name] = mode == 0 ? Uniform(0.5, 1.5) : mode == 1 ? (random.Next(2) == 0 ? -1 : 1) * Uniform(0.2, 2.0) : Uniform(0.1, 0.9);
                continue;
            }

            var (low, high) = mode == 2 ? (0.1, 0.9) : (-1.0, 1.0);
            var entries = new double[rows, cols];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < cols; j++)
                {
                    entries[i, j] = Uniform(low, high);
                }
            }

            if (kind == "matrix" && rows == cols && mode != 1)
            {
                for (var i = 0; i < rows; i++)
                {
                    entries[i, i] += rows;
                }
            }

            if (symmetric)
            {
                entries = Mul(0.5, Add(entries, MatrixOps.Transpose(entries)));
            }

            point[name] = kind == "vector" ? Column(entries) : entries;
        }

        return point;
    }

    private static double[] Column(double[,] m)
    {
        var column = new double[m.GetLength(0)];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = m[i, 0];
        }

        return column;
    }

    private static double? ValueAt(Dictionary<string, object> point)
    {
        try
        {
            var value = Exported.ValueAndGradients(point).Value;
            return double.IsFinite(value) ? value : null;
        }
        catch (ArithmeticException)
        {
            return null;
        }
    }

    private static (double Value, Dictionary<string, object> Gradients)? GradientsAt(Dictionary<string, object> point)
    {
        try
        {
            var (value, gradients) = Exported.ValueAndGradients(point);
            var finite = double.IsFinite(value);
            foreach (var name in Variables.Wrt)
            {
                finite &= gradients[name] switch
                {
                    double d => double.IsFinite(d),
                    double[] v => Array.TrueForAll(v, double.IsFinite),
                    double[,] m => AllFinite(m),
                    _ => false,
                };
            }

            return finite ? (value, gradients) : null;
        }
        catch (ArithmeticException)
        {
            return null;
        }
    }

    private static bool AllFinite(double[,] m)
    {
        foreach (var x in m)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }

        return true;
    }

    private static List<(double Ratio, string Entry, double Exact, double Estimate)>? Compare(Dictionary<string, object> point, double value, Dictionary<string, object> gradients)
    {
        var results = new List<(double, string, double, double)>();
        foreach (var (name, kind, rows, cols, symmetric) in Variables.All)
        {
            if (Array.IndexOf(Variables.Wrt, name) < 0)
            {
                continue;
            }

            var gradient = gradients[name];
            for (var i = 0; i < (kind == "scalar" ? 1 : rows); i++)
            {
                for (var j = kind == "matrix" && symmetric ? i : 0; j < (kind == "matrix" ? cols : 1); j++)
                {
                    var x = point[name] switch
                    {
                        double d => d,
                        double[] v => v[i],
                        double[,] m => m[i, j],
                        _ => double.NaN,
                    };
                    var step = 1e-5 * Math.Max(1.0, Math.Abs(x));
                    var up = ValueAt(Perturbed(point, name, i, j, step, symmetric));
                    var down = ValueAt(Perturbed(point, name, i, j, -step, symmetric));
                    if (up is not { } u || down is not { } dn)
                    {
                        return null;
                    }

                    var estimate = (u - dn) / (2 * step);
                    var (exact, entry) = gradient switch
                    {
                        double d => (d, name),
                        double[] v => (v[i], $"{name}[{i}]"),
                        double[,] m => (m[i, j] + (symmetric && i != j ? m[j, i] : 0.0), $"{name}[{i}, {j}]"),
                        _ => (double.NaN, name),
                    };
                    var tolerance = (1e-5 * Math.Max(1.0, Math.Max(Math.Abs(exact), Math.Abs(estimate)))) + (1e-13 * Math.Abs(value) / step);
                    results.Add((Math.Abs(exact - estimate) / tolerance, entry, exact, estimate));
                }
            }
        }

        return results;
    }

    private static Dictionary<string, object> Perturbed(Dictionary<string, object> point, string name, int i, int j, double step, bool symmetric)
    {
        var moved = new Dictionary<string, object>(point);
        switch (point[name])
        {
            case double d:
                moved[name] = d + step;
                break;
            case double[] v:
                var vector = (double[])v.Clone();
                vector[i] += step;
                moved[name] = vector;
                break;
            case double[,] m:
                var matrix = (double[,])m.Clone();
                matrix[i, j] += step;
                if (symmetric && i != j)
                {
                    matrix[j, i] += step;
                }

                moved[name] = matrix;
                break;
        }

        return moved;
    }
}

/// <summary>Arrays are double[rows, cols] (vectors n×1); element-wise operations broadcast a scalar operand.</summary>
public static class MatrixOps
{
    public static double Scalar(IReadOnlyDictionary<string, object> values, string name) => values[name] switch
    {
        double d => d,
        int n => n,
        double[] { Length: 1 } v => v[0],
        double[,] { Length: 1 } m => m[0, 0],
        _ => throw new ArgumentException($"{name} must be a number"),
    };

    public static double[,] Vector(IReadOnlyDictionary<string, object> values, string name) => values[name] switch
    {
        double[] v => Build(v.Length, 1, (i, _) => v[i]),
        double[,] m when m.GetLength(1) == 1 => m,
        _ => throw new ArgumentException($"{name} must be a vector (a double[])"),
    };

    public static double[,] Matrix(IReadOnlyDictionary<string, object> values, string name) =>
        values[name] as double[,] ?? throw new ArgumentException($"{name} must be a matrix (a double[,])");

    /// <summary>A gradient in the form its variable was given in (a double[] for a vector given as one).</summary>
    public static object Shaped(double[,] gradient, object like) => like is double[] ? Flatten(gradient) : gradient;

    public static object Shaped(double gradient, object like) => like switch
    {
        double[] => new[] { gradient },
        double[,] => new double[1, 1] { { gradient } },
        _ => gradient,
    };

    private static double[] Flatten(double[,] m)
    {
        var flat = new double[m.Length];
        var k = 0;
        foreach (var x in m)
        {
            flat[k++] = x;
        }

        return flat;
    }

    public static double[,] Build(int rows, int cols, Func<int, int, double> entry)
    {
        var m = new double[rows, cols];
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < cols; j++)
            {
                m[i, j] = entry(i, j);
            }
        }

        return m;
    }

    public static double[,] Map(double[,] a, Func<double, double> f) => Build(a.GetLength(0), a.GetLength(1), (i, j) => f(a[i, j]));

    private static double[,] Zip(double[,] a, double[,] b, Func<double, double, double> f)
    {
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
        {
            throw new ArgumentException($"element-wise operation on a {a.GetLength(0)}×{a.GetLength(1)} and a {b.GetLength(0)}×{b.GetLength(1)} array");
        }

        return Build(a.GetLength(0), a.GetLength(1), (i, j) => f(a[i, j], b[i, j]));
    }

    public static double[,] Add(double[,] a, double[,] b) => Zip(a, b, (x, y) => x + y);
    public static double[,] Add(double[,] a, double b) => Map(a, x => x + b);
    public static double[,] Add(double a, double[,] b) => Map(b, y => a + y);
    public static double[,] Sub(double[,] a, double[,] b) => Zip(a, b, (x, y) => x - y);
    public static double[,] Sub(double[,] a, double b) => Map(a, x => x - b);
    public static double[,] Sub(double a, double[,] b) => Map(b, y => a - y);
    public static double[,] Mul(double[,] a, double[,] b) => Zip(a, b, (x, y) => x * y);
    public static double[,] Mul(double[,] a, double b) => Map(a, x => x * b);
    public static double[,] Mul(double a, double[,] b) => Map(b, y => a * y);
    public static double[,] Div(double[,] a, double[,] b) => Zip(a, b, (x, y) => x / y);
    public static double[,] Div(double[,] a, double b) => Map(a, x => x / b);
    public static double[,] Div(double a, double[,] b) => Map(b, y => a / y);
    public static double[,] Neg(double[,] a) => Map(a, x => -x);
    public static double[,] Pow(double[,] a, double[,] b) => Zip(a, b, Math.Pow);
    public static double[,] Pow(double[,] a, double b) => Map(a, x => Math.Pow(x, b));
    public static double[,] Pow(double a, double[,] b) => Map(b, y => Math.Pow(a, y));

    /// <summary>u^q for q = p/r with r odd: real for negative u too, (-8)^(1/3) = -2.</summary>
    public static double OddRoot(double u, double q, bool evenNumerator) => (evenNumerator || u >= 0 ? 1 : -1) * Math.Pow(Math.Abs(u), q);

    public static double[,] OddRoot(double[,] u, double q, bool evenNumerator) => Map(u, x => OddRoot(x, q, evenNumerator));

    public static double Sec(double u) => 1 / Math.Cos(u);
    public static double Csc(double u) => 1 / Math.Sin(u);
    public static double Cot(double u) => 1 / Math.Tan(u);

    /// <summary>log(1 + u), accurate for small u.</summary>
    public static double Log1p(double u)
    {
        var w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    public static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    public static double Softplus(double u) => u > 30 ? u + Math.Exp(-u) : Log1p(Math.Exp(u));

    /// <summary>erf(u) = 2/√π e^(-u²) Σ 2ⁿ u^(2n+1) / (1·3·…·(2n+1)): every term positive, so no cancellation; 1 beyond |u| = 6.</summary>
    public static double Erf(double u)
    {
        if (double.IsNaN(u))
        {
            return u;
        }

        var x = Math.Abs(u);
        if (x > 6)
        {
            return Math.Sign(u);
        }

        double term = x, sum = x;
        for (var n = 1; term > 1e-17 * sum; n++)
        {
            term *= 2 * x * x / ((2 * n) + 1);
            sum += term;
        }

        return Math.Sign(u) * 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x) * sum;
    }

    public static double[,] MatMul(double[,] a, double[,] b)
    {
        if (a.GetLength(1) != b.GetLength(0))
        {
            throw new ArgumentException($"matrix product of a {a.GetLength(0)}×{a.GetLength(1)} and a {b.GetLength(0)}×{b.GetLength(1)} array");
        }

        return Build(a.GetLength(0), b.GetLength(1), (i, j) =>
        {
            var sum = 0.0;
            for (var k = 0; k < a.GetLength(1); k++)
            {
                sum += a[i, k] * b[k, j];
            }

            return sum;
        });
    }

    public static double ScalarOf(double[,] a) => a[0, 0];

    public static double[,] Transpose(double[,] a) => Build(a.GetLength(1), a.GetLength(0), (i, j) => a[j, i]);

    public static double Trace(double[,] a)
    {
        var sum = 0.0;
        for (var i = 0; i < a.GetLength(0); i++)
        {
            sum += a[i, i];
        }

        return sum;
    }

    public static double SumAll(double[,] a)
    {
        var sum = 0.0;
        foreach (var x in a)
        {
            sum += x;
        }

        return sum;
    }

    public static double Norm(double[,] a)
    {
        var sum = 0.0;
        foreach (var x in a)
        {
            sum += x * x;
        }

        return Math.Sqrt(sum);
    }

    public static double[,] DiagMatrix(double[,] v) => Build(v.GetLength(0), v.GetLength(0), (i, j) => i == j ? v[i, 0] : 0);

    public static double[,] DiagVector(double[,] a) => Build(a.GetLength(0), 1, (i, _) => a[i, i]);

    public static double[,] Identity(int n) => Build(n, n, (i, j) => i == j ? 1 : 0);

    public static double[,] Ones(int rows, int cols) => Build(rows, cols, (_, _) => 1);

    public static double[,] Zeros(int rows, int cols) => new double[rows, cols];

    /// <summary>LU with partial pivoting: the factors in place, the permutation's sign, or sign 0 for a singular matrix.</summary>
    private static (double[,] Lu, int[] Pivots, int Sign) Factor(double[,] a)
    {
        var n = a.GetLength(0);
        var lu = (double[,])a.Clone();
        var pivots = new int[n];
        var sign = 1;
        for (var k = 0; k < n; k++)
        {
            var p = k;
            for (var i = k + 1; i < n; i++)
            {
                if (Math.Abs(lu[i, k]) > Math.Abs(lu[p, k]))
                {
                    p = i;
                }
            }

            pivots[k] = p;
            if (lu[p, k] == 0)
            {
                return (lu, pivots, 0);
            }

            if (p != k)
            {
                sign = -sign;
                for (var j = 0; j < n; j++)
                {
                    (lu[k, j], lu[p, j]) = (lu[p, j], lu[k, j]);
                }
            }

            for (var i = k + 1; i < n; i++)
            {
                lu[i, k] /= lu[k, k];
                for (var j = k + 1; j < n; j++)
                {
                    lu[i, j] -= lu[i, k] * lu[k, j];
                }
            }
        }

        return (lu, pivots, sign);
    }

    public static double Det(double[,] a)
    {
        var (lu, _, sign) = Factor(a);
        if (sign == 0)
        {
            return 0;
        }

        double det = sign;
        for (var i = 0; i < lu.GetLength(0); i++)
        {
            det *= lu[i, i];
        }

        return det;
    }

    /// <summary>log det A, defined where det A > 0 (NaN elsewhere, like the log of a non-positive number).</summary>
    public static double LogDet(double[,] a)
    {
        var (lu, _, sign) = Factor(a);
        var log = 0.0;
        for (var i = 0; sign != 0 && i < lu.GetLength(0); i++)
        {
            sign *= Math.Sign(lu[i, i]);
            log += Math.Log(Math.Abs(lu[i, i]));
        }

        return sign > 0 ? log : double.NaN;
    }

    /// <summary>The inverse, by solving A X = I with the LU factors; NaN entries for a singular matrix (outside the domain).</summary>
    public static double[,] Inv(double[,] a)
    {
        var n = a.GetLength(0);
        var (lu, pivots, sign) = Factor(a);
        if (sign == 0)
        {
            return Build(n, n, (_, _) => double.NaN);
        }

        var x = Identity(n);
        for (var k = 0; k < n; k++)
        {
            if (pivots[k] != k)
            {
                for (var j = 0; j < n; j++)
                {
                    (x[k, j], x[pivots[k], j]) = (x[pivots[k], j], x[k, j]);
                }
            }
        }

        for (var j = 0; j < n; j++)
        {
            for (var i = 0; i < n; i++)
            {
                for (var k = 0; k < i; k++)
                {
                    x[i, j] -= lu[i, k] * x[k, j];
                }
            }

            for (var i = n - 1; i >= 0; i--)
            {
                for (var k = i + 1; k < n; k++)
                {
                    x[i, j] -= lu[i, k] * x[k, j];
                }

                x[i, j] /= lu[i, i];
            }
        }

        return x;
    }
}
""";
}
