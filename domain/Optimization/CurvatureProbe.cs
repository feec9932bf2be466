using System.Globalization;
using System.Numerics.Tensors;
using CalcApi.Domain.Compilation;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// Measures the loss's curvature at the program's current point (the initial one) from the compiled exact
/// gradient, and says what it means for the run (<see cref="RunDiagnostics"/>). With n unknowns and n² within
/// maxMatrixEntries, the Hessian is built column by column from central differences of the gradient
/// (2n program runs; exact up to rounding for a quadratic, whose gradient is affine), symmetrised, and its
/// eigenvalues taken by MathNet. Beyond that, L and μ are estimated by power iteration on Hessian-vector
/// products (a fixed number of gradient differences, whatever n). The point is restored afterwards.
/// </summary>
internal static class CurvatureProbe
{
    /// <summary>At most this many Hessian-vector products per eigenvalue (two gradients each); fewer once the Rayleigh quotient settles.</summary>
    private const int PowerIterations = 150;

    /// <summary>Power iteration stops at this much wall time per eigenvalue, however far it got: an estimate is an estimate.</summary>
    private static readonly TimeSpan PowerTimeLimit = TimeSpan.FromSeconds(0.5);

    /// <param name="quadratic">Whether the loss is a quadratic in its unknowns (<see cref="QuadraticLoss"/>): then its curvature is the same everywhere and a fixed-step run's rate is predicted.</param>
    public static RunDiagnostics Measure(CompiledProgram program, OptimisedVariables variables, OptimizerSettings settings, long maxMatrixEntries, bool quadratic, CancellationToken cancellation)
    {
        var n = variables.Dimension;
        var start = new double[n];
        variables.Save(start);
        try
        {
            var estimated = (long)n * n > maxMatrixEntries;
            var (lipschitz, mu) = estimated
                ? Estimate(program, variables, start, cancellation)
                : Exact(program, variables, start, cancellation);
            return Explain(lipschitz, mu, estimated, n, settings, quadratic);
        }
        catch (OperationCanceledException)
        {
            return new RunDiagnostics(null, null, null, null, false, ["The curvature was not measured: the request's time ran out first."]);
        }
        catch (MathNet.Numerics.NonConvergenceException)
        {
            return new RunDiagnostics(null, null, null, null, false, ["The curvature was not measured: the Hessian's eigenvalues did not converge."]);
        }
        finally
        {
            variables.Restore(start, start, 0);
            program.Run();
        }
    }

    /// <summary>
    /// The extreme eigenvalues of the Hessian built from central differences of the gradient, one column per unknown.
    /// The step is 1e-3 of the coordinate (at least 1e-3): large enough that rounding in the gradient costs about 1e-13
    /// relative, which a quadratic's affine gradient leaves as its only error. Where a step leaves the loss's domain, smaller ones are tried.
    /// </summary>
    private static (double L, double Mu) Exact(CompiledProgram program, OptimisedVariables variables, double[] start, CancellationToken cancellation)
    {
        foreach (var scale in (double[])[1e-3, 1e-5, 1e-7])
        {
            if (Hessian(program, variables, start, scale, cancellation) is { } hessian)
            {
                var symmetric = (hessian + hessian.Transpose()) / 2;
                var eigenvalues = symmetric.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
                return (eigenvalues.Max(), eigenvalues.Min());
            }
        }

        return (double.NaN, double.NaN);
    }

    /// <summary>The Hessian by central differences with steps <paramref name="scale"/>·max(1, |θⱼ|); null where an entry is not finite.</summary>
    internal static Matrix<double>? Hessian(CompiledProgram program, OptimisedVariables variables, double[] start, double scale, CancellationToken cancellation)
    {
        var n = variables.Dimension;
        var hessian = Matrix<double>.Build.Dense(n, n);
        var unit = new double[n];
        var plus = new double[n];
        var minus = new double[n];
        for (var j = 0; j < n; j++)
        {
            cancellation.ThrowIfCancellationRequested();
            var h = scale * Math.Max(1, Math.Abs(start[j]));
            unit[j] = 1;
            GradientAt(program, variables, start, unit, h, plus);
            GradientAt(program, variables, start, unit, -h, minus);
            unit[j] = 0;
            for (var i = 0; i < n; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * h);
                if (!double.IsFinite(hessian[i, j]))
                {
                    return null;
                }
            }
        }

        return hessian;
    }

    /// <summary>L and μ by power iteration: the dominant eigenvalue λ₁ first, then the dominant one of H shifted by λ₁, which is the other end of the spectrum.</summary>
    private static (double L, double Mu) Estimate(CompiledProgram program, OptimisedVariables variables, double[] start, CancellationToken cancellation)
    {
        var dominant = Dominant(program, variables, start, 0, cancellation);
        var other = dominant + Dominant(program, variables, start, dominant, cancellation);
        return (Math.Max(dominant, other), Math.Min(dominant, other));
    }

    /// <summary>The eigenvalue of largest magnitude of H − shift·I, by power iteration from a fixed pseudo-random vector.</summary>
    private static double Dominant(CompiledProgram program, OptimisedVariables variables, double[] start, double shift, CancellationToken cancellation)
    {
        var n = variables.Dimension;
        var random = new Random(12345);
        var v = new double[n];
        for (var i = 0; i < n; i++)
        {
            v[i] = random.NextDouble() - 0.5;
        }

        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        var plus = new double[n];
        var minus = new double[n];
        var h = 1e-3 * Math.Max(1, TensorPrimitives.Norm(start));
        var lambda = double.NaN;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var k = 0; k < PowerIterations && (k < 3 || clock.Elapsed < PowerTimeLimit); k++)
        {
            cancellation.ThrowIfCancellationRequested();
            GradientAt(program, variables, start, v, h, plus);
            GradientAt(program, variables, start, v, -h, minus);
            // w = H v − shift v, with H v from the gradient's central difference along v.
            TensorPrimitives.Subtract(plus, minus, plus);
            TensorPrimitives.Multiply(plus, 1 / (2 * h), plus);
            TensorPrimitives.MultiplyAdd(v, -shift, plus, plus);
            var previous = lambda;
            lambda = TensorPrimitives.Dot(v, plus);
            if (Math.Abs(lambda - previous) <= 1e-7 * Math.Abs(lambda))
            {
                return lambda;
            }

            var norm = TensorPrimitives.Norm(plus);
            if (!double.IsFinite(norm) || norm == 0)
            {
                return double.IsFinite(norm) ? 0 : double.NaN;
            }

            TensorPrimitives.Divide(plus, norm, v);
        }

        return lambda;
    }

    private static void GradientAt(CompiledProgram program, OptimisedVariables variables, double[] start, double[] direction, double h, double[] into)
    {
        variables.Restore(start, direction, h);
        program.Run();
        variables.CopyGradient(into);
    }

    /// <summary>The figures and the sentences that say what they mean for this method and step.</summary>
    private static RunDiagnostics Explain(double lipschitz, double mu, bool estimated, int n, OptimizerSettings settings, bool quadratic)
    {
        if (!double.IsFinite(lipschitz) || !double.IsFinite(mu))
        {
            return new RunDiagnostics(null, null, null, null, estimated,
                ["The curvature could not be measured: the loss or its gradient is not finite at a point next to the initial one that the finite differences need."]);
        }

        var notes = new List<string>();
        if (estimated)
        {
            notes.Add($"L and μ are estimated by power iteration on Hessian-vector products: the {n}×{n} Hessian would exceed maxMatrixEntries.");
        }

        // What counts as zero: rounding in the differences (about 1e-10 of the largest eigenvalue), more for an estimate.
        var zero = (estimated ? 1e-6 : 1e-8) * Math.Max(Math.Abs(lipschitz), Math.Abs(mu));
        (lipschitz, mu) = (Rounded(lipschitz, zero), Rounded(mu, zero));
        double? condition = null;
        if (mu < -zero)
        {
            notes.Add($"Not convex here (μ = {Format(mu)} < 0): the loss curves downwards along some direction at the initial point, so conditionNumber is null.");
        }
        else if (mu <= zero)
        {
            notes.Add($"μ = 0 here: the loss is flat along some direction at the initial point (convex, not strongly), so the minimiser need not be unique and conditionNumber is null.");
        }
        else
        {
            condition = Rounded(lipschitz / mu, 0);
        }

        double? bound = lipschitz > zero ? Rounded(2 / lipschitz, 0) : null;
        if (bound is { } b && settings is { Method: OptimizerMethod.Gd, LineSearch: LineSearch.None })
        {
            var eta = settings.LearningRate;
            notes.Add(eta > b
                ? $"Learning rate {Format(eta)} is above 2/L = {Format(b)}: fixed-step gradient descent diverges on a quadratic with this curvature; expect this run to diverge."
                : $"Learning rate {Format(eta)} is below 2/L = {Format(b)}: fixed-step gradient descent is stable on a quadratic with this curvature"
                  + (condition is not null ? $"; the fastest fixed step there is 2/(L + μ) = {Format(2 / (lipschitz + mu))}." : "."));
        }

        if (condition is >= 100 and var kappa)
        {
            notes.Add($"κ = {Format(kappa)}: expect about κ·ln(1/ε) iterations of gradient descent to reach a tolerance ε; try momentum or lbfgs.");
        }

        var rate = quadratic && mu != 0 ? PredictedRate(lipschitz, mu, settings) : null;
        if (rate is { } r)
        {
            notes.Add(settings.Method == OptimizerMethod.Gd
                ? $"The loss is quadratic, so this curvature holds everywhere: fixed-step gd shrinks the error by max(|1 − ηL|, |1 − ημ|) = {Format(r)} per iteration" + (r < 1 ? "." : ", so it grows: the run diverges.")
                : $"The loss is quadratic, so this curvature holds everywhere: heavy-ball momentum with these η and β shrinks the error by {Format(r)} per iteration (the larger root of z² − (1 + β − ηλ)z + β at λ = L or μ)" + (r < 1 ? "." : ", so it grows: the run diverges."));
        }
        else if (quadratic && mu > zero && settings.Method == OptimizerMethod.Newton)
        {
            notes.Add("The loss is a convex quadratic: its Hessian is the same everywhere, so Newton's first full step lands on the minimiser.");
        }

        return new RunDiagnostics(lipschitz, mu, condition, bound, estimated, notes) { PredictedRate = rate };
    }

    /// <summary>
    /// The long-run contraction per iteration of fixed-step gd or heavy-ball momentum on a quadratic with extreme eigenvalues L and μ:
    /// the spectral radius of the iteration, largest at one end of the spectrum. Null for the other methods, or with a line search.
    /// </summary>
    private static double? PredictedRate(double lipschitz, double mu, OptimizerSettings settings)
    {
        if (settings.LineSearch != LineSearch.None)
        {
            return null;
        }

        var eta = settings.LearningRate;
        double? rate = settings.Method switch
        {
            OptimizerMethod.Gd => Math.Max(Math.Abs(1 - (eta * lipschitz)), Math.Abs(1 - (eta * mu))),
            OptimizerMethod.Momentum => Math.Max(HeavyBall(eta * lipschitz, settings.Momentum), HeavyBall(eta * mu, settings.Momentum)),
            _ => null,
        };
        return rate is { } r ? Rounded(r, 0) : null;
    }

    /// <summary>The larger root in magnitude of z² − (1 + β − ηλ) z + β, the heavy ball's contraction along an eigenvalue λ (ηλ given).</summary>
    private static double HeavyBall(double etaLambda, double beta)
    {
        var b = 1 + beta - etaLambda;
        var discriminant = (b * b) - (4 * beta);
        return discriminant <= 0
            ? Math.Sqrt(beta)
            : (Math.Abs(b) + Math.Sqrt(discriminant)) / 2;
    }

    /// <summary>
    /// A figure to 12 significant digits (0 within <paramref name="zero"/>): the differences are exact up to rounding
    /// (about 1e-13 relative) on a quadratic, so its figures come out as the exact eigenvalues, 500 rather than 500.00000000034.
    /// </summary>
    private static double Rounded(double value, double zero) =>
        Math.Abs(value) <= zero ? 0 : double.Parse(value.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A figure for a sentence: four significant digits, large and small ones as 1e4.</summary>
    internal static string Format(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude != 0 && (magnitude >= 1e4 || magnitude < 1e-3)
            ? value.ToString("0.###e0", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
