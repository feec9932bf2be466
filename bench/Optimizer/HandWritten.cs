namespace CalcApi.Bench.Optimizer;

/// <summary>A gradient descent that can be rewound to its start and run for a given number of steps.</summary>
public interface IDescent
{
    /// <summary>Back to the start (a copy of the start values: cheap next to a timed run).</summary>
    void Reset();

    /// <summary>Takes <paramref name="iterations"/> gd steps from the current point; returns the loss at the point reached.</summary>
    double Run(int iterations);

    /// <summary>The current point, row-major.</summary>
    ReadOnlySpan<double> Parameters { get; }
}

/// <summary>
/// The baseline for (a'*W*b - c)^2: gd written by hand the way one would for this one loss, with
/// plain arrays and loops (row-major W, no libraries, nothing allocated). Per step: r = a'Wb - c
/// (the loss is r²), and W ← W - η·2r·a b', the gradient's closed form applied in place.
/// </summary>
public sealed class LectureLossByHand(double[] a, double[] b, double c, double[] start, double learningRate) : IDescent
{
    private readonly double[] _w = (double[])start.Clone();

    public ReadOnlySpan<double> Parameters => _w;

    public void Reset() => start.CopyTo(_w, 0);

    public double Run(int iterations)
    {
        var w = _w;
        var m = a.Length;
        var n = b.Length;
        var loss = 0.0;
        for (var t = 0; t <= iterations; t++)
        {
            // r = a'Wb - c
            var r = -c;
            for (var i = 0; i < m; i++)
            {
                var row = i * n;
                var wb = 0.0;
                for (var j = 0; j < n; j++)
                {
                    wb += w[row + j] * b[j];
                }

                r += a[i] * wb;
            }

            loss = r * r;
            if (t == iterations)
            {
                break;
            }

            // W -= η G, G = 2r a b'
            var step = learningRate * 2 * r;
            for (var i = 0; i < m; i++)
            {
                var row = i * n;
                var s = step * a[i];
                for (var j = 0; j < n; j++)
                {
                    w[row + j] -= s * b[j];
                }
            }
        }

        return loss;
    }
}

/// <summary>
/// The baseline for norm(A*w - y)^2: gd written by hand with plain arrays and loops (row-major A,
/// nothing allocated). Per step, one sweep over the rows of A: r_i = A_i·w - y_i, the loss Σ r_i²,
/// and the gradient g = 2A'r accumulated row by row (g += 2 r_i A_i); then w ← w - η g.
/// </summary>
public sealed class LeastSquaresByHand(double[] matrix, double[] y, int rows, int cols, double[] start, double learningRate) : IDescent
{
    private readonly double[] _w = (double[])start.Clone();
    private readonly double[] _gradient = new double[cols];

    public ReadOnlySpan<double> Parameters => _w;

    public void Reset() => start.CopyTo(_w, 0);

    public double Run(int iterations)
    {
        var a = matrix;
        var w = _w;
        var g = _gradient;
        var loss = 0.0;
        for (var t = 0; t <= iterations; t++)
        {
            Array.Clear(g);
            loss = 0.0;
            for (var i = 0; i < rows; i++)
            {
                var row = i * cols;
                var r = -y[i];
                for (var j = 0; j < cols; j++)
                {
                    r += a[row + j] * w[j];
                }

                loss += r * r;
                var twoR = 2 * r;
                for (var j = 0; j < cols; j++)
                {
                    g[j] += twoR * a[row + j];
                }
            }

            if (t == iterations)
            {
                break;
            }

            for (var j = 0; j < cols; j++)
            {
                w[j] -= learningRate * g[j];
            }
        }

        return loss;
    }
}
