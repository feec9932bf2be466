namespace CalcApi.Domain.Optimization;

/// <summary>
/// Keeps a run's history within a fixed budget of points, however long the run: every iteration is
/// kept until the budget fills, then every other recorded point is dropped and the stride doubles.
/// The first and the last iteration are always kept. Asking whether an iteration is wanted is cheap
/// and allocates nothing, so the descent loop asks every time.
/// </summary>
public sealed class HistorySampler(int budget)
{
    private readonly List<IterationRecord> _points = new(budget + 1);

    public int Stride { get; private set; } = 1;

    public IReadOnlyList<IterationRecord> Points => _points;

    /// <summary>Whether the iteration is on the stride; the stride is a power of two, so a mask does what a division would (a tenth of a small problem's iteration).</summary>
    public bool Wants(int iteration) => (iteration & (Stride - 1)) == 0;

    /// <summary>Adds a point, thinning the history when it outgrows the budget.</summary>
    public void Add(IterationRecord point)
    {
        if (_points.Count > 0 && _points[^1].Iteration == point.Iteration)
        {
            _points[^1] = point;
            return;
        }

        _points.Add(point);
        if (_points.Count > budget)
        {
            Stride *= 2;
            var last = _points[^1];
            _points.RemoveAll(p => p.Iteration % Stride != 0);
            if (_points[^1].Iteration != last.Iteration)
            {
                _points.Add(last);
            }
        }
    }
}
