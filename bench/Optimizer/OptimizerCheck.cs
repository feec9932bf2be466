namespace CalcApi.Bench.Optimizer;

/// <summary>The two sides' losses after the same number of steps from the same start.</summary>
public sealed record Checkpoint(int Iterations, double HandLoss, double EngineLoss)
{
    public double RelativeDifference => OptimizerCheck.Relative(HandLoss, EngineLoss);
}

/// <summary>
/// Whether the engine and the hand-written loop compute the same descent: their losses after 1, 10 and
/// the timed number of steps agree to <see cref="Tolerance"/> relative, and so do the points reached
/// (largest entry difference over the largest entry). And the API's way, <c>PreparedRun.Execute</c>,
/// ends exactly where the timed engine loop ends: the same compiled program, the same steps.
/// </summary>
public sealed record OptimizerCheck(
    OptimizerProblem Problem,
    IReadOnlyList<Checkpoint> Checkpoints,
    double ParameterDifference,
    double ExecuteLoss)
{
    public const double Tolerance = 1e-9;

    public Checkpoint Last => Checkpoints[^1];

    public bool ExecuteMatches => ExecuteLoss.Equals(Last.EngineLoss);

    public bool Passed =>
        Checkpoints.All(c => c.RelativeDifference <= Tolerance) && ParameterDifference <= Tolerance && ExecuteMatches;

    /// <summary>Runs both sides (rewinding them first and last) and compares.</summary>
    public static OptimizerCheck Run(OptimizerProblem problem, IDescent hand, EngineDescent engine)
    {
        var checkpoints = new List<Checkpoint>();
        var parameterDifference = 0.0;
        foreach (var n in new[] { 1, 10, problem.Iterations }.Distinct())
        {
            hand.Reset();
            engine.Reset();
            checkpoints.Add(new Checkpoint(n, hand.Run(n), engine.Run(n)));
            parameterDifference = Math.Max(parameterDifference, MaxRelative(hand.Parameters, engine.Parameters));
        }

        var executed = EngineDescent.Execute(EngineDescent.Prepare(problem, problem.Iterations), problem);
        hand.Reset();
        engine.Reset();
        return new OptimizerCheck(problem, checkpoints, parameterDifference, executed.Loss);
    }

    public static double Relative(double x, double y) =>
        x == y ? 0 : Math.Abs(x - y) / Math.Max(Math.Abs(x), Math.Abs(y));

    /// <summary>max |x_k - y_k| / max |x_k|: how far apart two points are, relative to their size.</summary>
    private static double MaxRelative(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var difference = 0.0;
        var size = 0.0;
        for (var k = 0; k < x.Length; k++)
        {
            difference = Math.Max(difference, Math.Abs(x[k] - y[k]));
            size = Math.Max(size, Math.Abs(x[k]));
        }

        return difference == 0 ? 0 : difference / size;
    }

    public string Describe() => Passed
        ? "ok"
        : string.Join("; ", new[]
        {
            Checkpoints.Where(c => c.RelativeDifference > Tolerance).Select(c => $"losses after {c.Iterations} differ by {c.RelativeDifference:E1}").FirstOrDefault(),
            ParameterDifference > Tolerance ? $"points differ by {ParameterDifference:E1}" : null,
            ExecuteMatches ? null : $"Execute ends at {ExecuteLoss:R}, the engine loop at {Last.EngineLoss:R}",
        }.Where(s => s is not null));
}
