using System.Globalization;

namespace CalcApi.Bench.Optimizer;

/// <summary>
/// The optimizer modes' own options: <c>--problem ID[,ID]</c> (repeatable; default all) and, for the
/// report, <c>--runs N</c>. Everything else is returned untouched (for BenchmarkDotNet).
/// </summary>
public sealed record OptimizerOptions(IReadOnlyList<OptimizerProblem> Problems, int Runs, IReadOnlyList<string> Remaining)
{
    public const int DefaultRuns = 15;
    public const int MinRuns = 3;

    public bool AllProblems => Problems.Count == OptimizerProblem.All.Count;

    public static OptimizerOptions Parse(IReadOnlyList<string> args)
    {
        var ids = new List<string>();
        var runs = DefaultRuns;
        var rest = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--problem":
                    ids.AddRange(Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--runs":
                    var text = Value(args, ref i);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out runs) || runs < MinRuns)
                    {
                        throw new ArgumentException($"--runs must be a whole number of at least {MinRuns}, not '{text}'.");
                    }

                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        var problems = ids.Count == 0 ? OptimizerProblem.All : [.. ids.Distinct(StringComparer.Ordinal).Select(OptimizerProblem.Get)];
        return new OptimizerOptions(problems, runs, rest);
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
