using CalcApi.Domain.Evaluation;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// One gradient-descent problem, timed on both sides: the loss as the engine reads it, its data and
/// start (made from a fixed seed, so every run times the same numbers), the learning rate, and how
/// many iterations one timed run takes. <see cref="HandWritten"/> is the same descent written by hand.
/// </summary>
public abstract class OptimizerProblem
{
    /// <summary>A problem over data of <paramref name="rows"/>×<paramref name="cols"/>, timed over <paramref name="iterations"/> iterations.</summary>
    protected OptimizerProblem(int rows, int cols, int iterations)
    {
        Rows = rows;
        Cols = cols;
        Iterations = iterations;
    }

    /// <summary>Rows of the problem's data matrix.</summary>
    public int Rows { get; }

    /// <summary>Columns of the problem's data matrix.</summary>
    public int Cols { get; }

    /// <summary>The problem's name on the command line and in the tables, e.g. <c>lecture-2x3</c>.</summary>
    public abstract string Id { get; }

    /// <summary>The loss in the engine's language.</summary>
    public abstract string Loss { get; }

    /// <summary>The optimised variable; every other name is a constant.</summary>
    public abstract string Variable { get; }

    /// <summary>Iterations in one timed run: enough for a run of the hand-written loop to take about a millisecond or more.</summary>
    public int Iterations { get; }

    public abstract double LearningRate { get; }

    /// <summary>Entries of the optimised variable.</summary>
    public abstract int Unknowns { get; }

    public abstract IReadOnlyDictionary<string, Value> Constants { get; }

    /// <summary>The start: the optimised variable's value.</summary>
    public abstract IReadOnlyDictionary<string, Value> Initial { get; }

    /// <summary>The start, row-major, as the engine lays it out in its memory.</summary>
    public abstract double[] Start { get; }

    /// <summary>A fresh hand-written descent at the start.</summary>
    public abstract IDescent HandWritten();

    public override string ToString() => Id;

    public static IReadOnlyList<OptimizerProblem> All { get; } =
    [
        new LectureLossProblem(2, 3, iterations: 200_000),
        new LectureLossProblem(100, 100, iterations: 2_000),
        new LeastSquaresProblem(1000, 50, iterations: 200),
    ];

    public static IReadOnlyList<string> Ids { get; } = [.. All.Select(p => p.Id)];

    public static OptimizerProblem Get(string id) =>
        All.FirstOrDefault(p => p.Id == id) ?? throw new ArgumentException($"No optimizer problem '{id}'; there are {string.Join(", ", Ids)}.");

    /// <summary>The source of the problem's data and start, seeded by its size: every run of a problem times the same numbers.</summary>
    protected Random Seeded() => new((Rows * 1_000) + Cols);

    /// <summary>Entries uniform in [-1, 1), from <paramref name="random"/>.</summary>
    protected static double[] Uniform(Random random, int count)
    {
        var values = new double[count];
        for (var k = 0; k < count; k++)
        {
            values[k] = (2 * random.NextDouble()) - 1;
        }

        return values;
    }

    protected static double[][] ToRows(double[] rowMajor, int rows, int cols) =>
        [.. Enumerable.Range(0, rows).Select(r => rowMajor.AsSpan(r * cols, cols).ToArray())];
}

/// <summary>
/// The lecture's loss (a'*W*b - c)^2 over W (m×n), with a (m) and b (n) fixed. Its gradient is
/// 2 r a b' with r = a'Wb - c, a rank-one matrix, so gd shrinks r by the same factor every step:
/// r ← (1 - 2η|a|²|b|²) r. The learning rate makes that factor take r down 1000-fold over the timed
/// run, so the run ends far above rounding and the two sides' end losses can be compared closely.
/// </summary>
public sealed class LectureLossProblem : OptimizerProblem
{
    private const double Target = 3.0;
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _w;

    public LectureLossProblem(int rows, int cols, int iterations)
        : base(rows, cols, iterations)
    {
        var random = Seeded();
        _a = Uniform(random, rows);
        _b = Uniform(random, cols);
        _w = Uniform(random, rows * cols);
        var curvature = 2 * Dot(_a, _a) * Dot(_b, _b);
        var perStep = 1 - Math.Pow(1e-3, 1.0 / iterations);
        LearningRate = perStep / curvature;
        Constants = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["a"] = Value.Vector(_a),
            ["b"] = Value.Vector(_b),
            ["c"] = Value.Of(Target),
        };
        Initial = new Dictionary<string, Value>(StringComparer.Ordinal) { ["W"] = Value.FromRows(ToRows(_w, rows, cols)) };
    }

    public override string Id => $"lecture-{Rows}x{Cols}";

    public override string Loss => "(a'*W*b - c)^2";

    public override string Variable => "W";

    public override double LearningRate { get; }

    public override int Unknowns => Rows * Cols;

    public override IReadOnlyDictionary<string, Value> Constants { get; }

    public override IReadOnlyDictionary<string, Value> Initial { get; }

    public override double[] Start => _w;

    public override IDescent HandWritten() => new LectureLossByHand(_a, _b, Target, _w, LearningRate);

    private static double Dot(double[] x, double[] y) => x.Zip(y, (p, q) => p * q).Sum();
}

/// <summary>
/// Least squares norm(A*w - y)^2 over w (n), with A (m×n) and y (m) fixed: y = A w* + noise, start
/// w = 0. The learning rate is 1/L, L = 2‖A‖₂² the gradient's Lipschitz constant (gd is stable up to 2/L).
/// </summary>
public sealed class LeastSquaresProblem : OptimizerProblem
{
    private readonly double[] _matrix;
    private readonly double[] _y;
    private readonly double[] _w;

    public LeastSquaresProblem(int rows, int cols, int iterations)
        : base(rows, cols, iterations)
    {
        var random = Seeded();
        _matrix = Uniform(random, rows * cols);
        var truth = Uniform(random, cols);
        var noise = Uniform(random, rows);
        _y = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var s = 0.0;
            for (var j = 0; j < cols; j++)
            {
                s += _matrix[(i * cols) + j] * truth[j];
            }

            _y[i] = s + (0.1 * noise[i]);
        }

        _w = new double[cols];
        LearningRate = 1 / (2 * SquaredSpectralNorm());
        Constants = new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["A"] = Value.FromRows(ToRows(_matrix, rows, cols)),
            ["y"] = Value.Vector(_y),
        };
        Initial = new Dictionary<string, Value>(StringComparer.Ordinal) { ["w"] = Value.Vector(_w) };
    }

    public override string Id => $"leastsq-{Rows}x{Cols}";

    public override string Loss => "norm(A*w - y)^2";

    public override string Variable => "w";

    public override double LearningRate { get; }

    public override int Unknowns => Cols;

    public override IReadOnlyDictionary<string, Value> Constants { get; }

    public override IReadOnlyDictionary<string, Value> Initial { get; }

    public override double[] Start => _w;

    public override IDescent HandWritten() => new LeastSquaresByHand(_matrix, _y, Rows, Cols, _w, LearningRate);

    /// <summary>‖A‖₂², the largest eigenvalue of A'A, by power iteration (A'A is well separated here; 200 rounds are plenty).</summary>
    private double SquaredSpectralNorm()
    {
        var v = Enumerable.Repeat(1 / Math.Sqrt(Cols), Cols).ToArray();
        var av = new double[Rows];
        var lambda = 0.0;
        for (var round = 0; round < 200; round++)
        {
            for (var i = 0; i < Rows; i++)
            {
                av[i] = 0;
                for (var j = 0; j < Cols; j++)
                {
                    av[i] += _matrix[(i * Cols) + j] * v[j];
                }
            }

            var next = new double[Cols];
            for (var i = 0; i < Rows; i++)
            {
                for (var j = 0; j < Cols; j++)
                {
                    next[j] += _matrix[(i * Cols) + j] * av[i];
                }
            }

            lambda = Math.Sqrt(next.Sum(x => x * x));
            v = [.. next.Select(x => x / lambda)];
        }

        return lambda;
    }
}
