using System.Xml.Linq;
using CalcApi.Domain.Binding;
using CalcApi.Domain.Compilation;
using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Printing;
using CalcApi.Domain.Shapes;
using CalcApi.Domain.Tests.Support;

namespace CalcApi.Domain.Tests.Functions;

/// <summary>
/// Every entry of the function catalog through every operation: parse, bind, the three printers and
/// read-back, forward and reverse derivatives (against central differences of the entry's own value),
/// both evaluators, the compiled program, and refusal outside the domain. A failure names the function
/// and the operation, so a new entry that misses one says which.
/// </summary>
public class FunctionCatalogTests
{
    /// <summary>Points tried in turn for one inside the domain (acosh needs one above 1).</summary>
    private static readonly double[] Inside = [0.37, -0.45, 1.3, 2.2];

    /// <summary>Points tried in turn for one outside the domain, where the function has a boundary.</summary>
    private static readonly double[] Outside = [-2, 0, 1, 5, -0.5];

    /// <summary>The natural log spelled log, as the catalog names it (the default style writes ln).</summary>
    private static readonly PrintStyle LogStyle = new("log");

    public static TheoryData<string> Functions { get; } = [.. FunctionCatalog.All.Select(f => f.Name)];

    [Fact]
    public void Every_function_has_one_entry_in_the_order_of_its_name()
    {
        Assert.Equal(Enum.GetValues<Function>().Length, FunctionCatalog.All.Count);
        Assert.All(FunctionCatalog.All.Select((f, i) => (f, i)), p => Assert.Equal((Function)p.i, p.f.Id));

        // The canonical order of terms compares functions by their place in the enum: it must be the order of their names.
        var names = FunctionCatalog.All.Select(f => f.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Count, FunctionCatalog.Names.Count() - FunctionCatalog.All.Sum(f => f.Aliases.Count));
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_function_is_read_under_each_of_its_names(string name)
    {
        var entry = Entry(name);
        foreach (var spelling in entry.Aliases.Prepend(entry.Name))
        {
            Check(entry, $"parse and bind '{spelling}(x)'", () =>
            {
                var call = Assert.IsType<Call>(TestEngine.Read($"{spelling}(x)"));
                Assert.Equal(entry.Id, call.Function);
            });
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void A_function_prints_in_text_latex_and_mathml_and_its_text_reads_back(string name)
    {
        var entry = Entry(name);
        foreach (var text in new[] { $"{name}(x)", $"{name}(2*x + 1)^3", $"y*{name}(x^2)/{name}(y)" })
        {
            var e = TestEngine.Read(text);
            Check(entry, $"text round trip of {text}", () => Assert.Equal(e, TestEngine.Read(TextPrinter.Print(e))));
            Check(entry, $"LaTeX of {text}", () => Assert.Contains(entry.Notation == CallNotation.Named ? entry.Latex : entry.Latex[..1], LatexPrinter.Print(e, LogStyle), StringComparison.Ordinal));
            Check(entry, $"MathML of {text}", () => Assert.Contains(entry.MathML, XElement.Parse(MathMLPrinter.Print(e, LogStyle)).ToString(), StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Both_derivatives_of_a_function_agree_with_central_differences_of_its_value(string name)
    {
        var entry = Entry(name);
        var u = InsidePoint(entry);
        foreach (var text in new[] { $"{name}(x)", $"{name}(x)^2", $"{name}(x/3 + {u * 2 / 3:R})" })
        {
            var f = TestEngine.Read(text);
            var point = new Dictionary<string, double> { ["x"] = u };
            var expected = TestEngine.CentralDifference(f, "x", point);
            Assert.True(expected is not null, $"{name}: no stable central difference of {text} at {u}");
            Check(entry, $"forward derivative of {text}", () => TestEngine.AssertClose(expected!.Value, TestEngine.Eval(Differentiator.Differentiate(f, "x"), point)));
            Check(entry, $"reverse derivative of {text}", () => TestEngine.AssertClose(expected!.Value, TestEngine.Eval(MatrixGradient.Of(f, "x"), point)));
        }
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Both_evaluators_and_the_compiled_program_give_the_entrys_value(string name)
    {
        var entry = Entry(name);
        var u = InsidePoint(entry);
        var w = Inside.Where(p => entry.Outside(p) is null).Last();
        Check(entry, "scalar evaluator", () => Assert.Equal(entry.Value(u), TestEngine.Eval(TestEngine.Read($"{name}(x)"), new Dictionary<string, double> { ["x"] = u })));

        var v = Value.Vector([u, w]);
        var declarations = new Dictionary<string, VariableDeclaration> { ["v"] = VariableDeclaration.Vector(Dim.Of(2)) };
        var elementwise = Calculus.Read($"{name}(v)", EngineLimits.Default, declarations).Value.Expression;
        Check(entry, "matrix evaluator, element-wise", () =>
        {
            var value = MatrixEvaluator.Evaluate(elementwise, new Dictionary<string, Value> { ["v"] = v });
            Assert.True(value.IsSuccess, value.Error?.Detail);
            Assert.Equal([entry.Value(u), entry.Value(w)], value.Value.Matrix!.Column(0).ToArray());
        });

        var loss = Calculus.Read($"sum({name}(v))", EngineLimits.Default, declarations).Value.Expression;
        var gradient = MatrixGradient.Of(loss, "v");
        Check(entry, "compiled program, value and gradient", () =>
        {
            var values = new Dictionary<string, Value> { ["v"] = v };
            var program = CompiledProgram.Compile([loss, gradient], values, new HashSet<string> { "v" });
            program.Run();
            TestEngine.AssertClose(entry.Value(u) + entry.Value(w), program.ScalarOutput(0), 1e-12);
            var expected = MatrixEvaluator.Evaluate(gradient, values).Value.Matrix!.Column(0).ToArray();
            var compiled = program.Output(1).ToArray();
            for (var k = 0; k < 2; k++)
            {
                TestEngine.AssertClose(expected[k], compiled[k], 1e-12);
            }
        });
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void Outside_its_domain_a_function_is_refused_by_the_evaluators_and_not_a_number_in_compiled_code(string name)
    {
        var entry = Entry(name);
        var outside = Outside.Where(p => entry.Outside(p) is not null).ToList();
        if (outside.Count == 0)
        {
            Assert.All(Outside, p => Assert.True(double.IsFinite(entry.Value(p)), $"{name}: defined on the whole line, but not finite at {p}"));
            return;
        }

        var u = outside[0];
        Check(entry, $"scalar evaluator at {u}", () =>
        {
            var value = Evaluator.Evaluate(TestEngine.Read($"{name}(x)"), new Dictionary<string, double> { ["x"] = u });
            Assert.False(value.IsSuccess, $"answered {(value.IsSuccess ? value.Value : 0)}");
            Assert.Equal(ErrorKind.OutsideDomain, value.Error.Kind);
            Assert.Contains(entry.Outside(u)!, value.Error.Detail, StringComparison.Ordinal);
        });
        Check(entry, $"compiled kernel at {u}", () =>
        {
            var result = new double[1];
            entry.Apply([u], result);
            Assert.True(double.IsNaN(result[0]) || double.IsInfinity(result[0]), $"gave {result[0]}");
        });
    }

    private static ScalarFunction Entry(string name) => FunctionCatalog.All.Single(f => f.Name == name);

    private static double InsidePoint(ScalarFunction entry) => Inside.First(p => entry.Outside(p) is null);

    /// <summary>Runs one operation on one entry, failing with the function's and the operation's names.</summary>
    private static void Check(ScalarFunction entry, string operation, Action act)
    {
        try
        {
            act();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Assert.Fail($"{entry.Name}: {operation}: {ex.Message}");
        }
    }
}
