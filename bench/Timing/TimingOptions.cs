namespace CalcApi.Bench.Timing;

/// <summary>
/// How <see cref="CaseTimer"/> measures a case: up to <see cref="Repetitions"/> warm runs, fewer when
/// one run is slow (about <see cref="BudgetPerCase"/> of runs per case, but at least
/// <see cref="MinRepetitions"/>), and a first run longer than <see cref="Timeout"/> is a timeout.
/// </summary>
public sealed record TimingOptions(int Repetitions, TimeSpan Timeout, TimeSpan BudgetPerCase)
{
    public const int MinRepetitions = 3;

    public static TimingOptions Default { get; } = new(200, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1));
}
