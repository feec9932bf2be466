using System.Globalization;
using CalcApi.Domain.Compilation;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// Newton's direction d = −H⁻¹g at the current iterate, and what happened along the way for the run's notes.
/// H is the exact Hessian where the engine could write it down (<see cref="ExactHessian"/>), else central
/// differences of the compiled exact gradient (2n gradient evaluations, exact up to rounding for a quadratic).
/// Where H is positive definite, d comes from its Cholesky factor. Where it is not (indefinite, or singular:
/// an eigenvalue within <see cref="SingularRatio"/> of the largest is zero), the pure step need not go downhill, so
/// H's eigenvalues are replaced by their magnitudes, at least that fraction of the largest: a descent direction
/// that is still Newton's along every well-curved direction. The Armijo search then picks the step's length.
/// </summary>
internal sealed class NewtonDirection
{
    /// <summary>An eigenvalue smaller in magnitude than this fraction of the largest counts as zero.</summary>
    private const double SingularRatio = 1e-8;

    private readonly CompiledProgram _program;
    private readonly OptimisedVariables _variables;
    private readonly ExactHessian? _exact;
    private readonly double[] _start;
    private readonly double[] _gradient;
    private Matrix<double> _hessian;
    private int _steps;
    private int _damped;
    private readonly Dictionary<StepKind, (int Count, int First)> _fallbacks = [];
    private double _lowest = double.PositiveInfinity;

    private enum StepKind { Indefinite, Singular, Unavailable }

    public NewtonDirection(CompiledProgram program, OptimisedVariables variables, ExactHessian? exact)
    {
        _program = program;
        _variables = variables;
        _exact = exact;
        var n = variables.Dimension;
        _start = new double[n];
        _gradient = new double[n];
        _hessian = Matrix<double>.Build.Dense(n, n);
    }

    /// <summary>Writes a descent direction into <paramref name="direction"/>: Newton's, the modified one, or −g where no Hessian could be formed. The program ends evaluated at the iterate.</summary>
    public void Write(double[] direction, int iteration, CancellationToken cancellation)
    {
        _steps++;
        _variables.Save(_start);
        _variables.CopyGradient(_gradient);
        var g = Vector<double>.Build.Dense(_gradient);
        if (!Form(cancellation))
        {
            Count(StepKind.Unavailable, iteration);
            (-g).CopyTo(Vector<double>.Build.Dense(direction));
            return;
        }

        var d = Cholesky(g) ?? Modified(g, iteration);
        d.Negate().CopyTo(Vector<double>.Build.Dense(direction));
    }

    /// <summary>After the line search: α &lt; 1 means the step was damped.</summary>
    public void Took(double alpha)
    {
        if (alpha < 1)
        {
            _damped++;
        }
    }

    /// <summary>Forms H at the iterate, symmetrised; false where it is not finite or the request's time ran out.</summary>
    private bool Form(CancellationToken cancellation)
    {
        bool formed;
        if (_exact is not null)
        {
            formed = _exact.Fill(_program, _hessian);
        }
        else
        {
            try
            {
                formed = false;
                foreach (var scale in (double[])[1e-3, 1e-5, 1e-7])
                {
                    if (CurvatureProbe.Hessian(_program, _variables, _start, scale, cancellation) is { } h)
                    {
                        _hessian = h;
                        formed = true;
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                formed = false;
            }
            finally
            {
                _variables.Restore(_start, _start, 0);
                _program.Run();
            }
        }

        if (formed)
        {
            var n = _hessian.RowCount;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    _hessian[i, j] = _hessian[j, i] = (_hessian[i, j] + _hessian[j, i]) / 2;
                }
            }
        }

        return formed;
    }

    /// <summary>H⁻¹g by Cholesky where H is clearly positive definite; null where it is not (or nearly singular).</summary>
    private Vector<double>? Cholesky(Vector<double> g)
    {
        Cholesky<double> factor;
        try
        {
            factor = _hessian.Cholesky();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var diagonal = factor.Factor.Diagonal();
        var (smallest, largest) = (diagonal.AbsoluteMinimum(), diagonal.AbsoluteMaximum());
        if (!(smallest * smallest > SingularRatio * largest * largest))
        {
            return null;
        }

        var solution = factor.Solve(g);
        return solution.All(double.IsFinite) ? solution : null;
    }

    /// <summary>H⁻¹g with H's eigenvalues λ replaced by max(|λ|, δ), δ = <see cref="SingularRatio"/>·max|λ|: a descent direction whatever H is.</summary>
    private Vector<double> Modified(Vector<double> g, int iteration)
    {
        var evd = _hessian.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(c => c.Real).ToArray();
        var largest = eigenvalues.Max(Math.Abs);
        var floor = largest > 0 ? SingularRatio * largest : 1;
        var lowest = eigenvalues.Min();
        if (lowest < -floor)
        {
            Count(StepKind.Indefinite, iteration);
            _lowest = Math.Min(_lowest, lowest);
        }
        else if (lowest <= floor)
        {
            Count(StepKind.Singular, iteration);
        }

        var v = evd.EigenVectors;
        var coefficients = v.TransposeThisAndMultiply(g);
        for (var k = 0; k < eigenvalues.Length; k++)
        {
            coefficients[k] /= Math.Max(Math.Abs(eigenvalues[k]), floor);
        }

        return v * coefficients;
    }

    private void Count(StepKind kind, int iteration) =>
        _fallbacks[kind] = _fallbacks.TryGetValue(kind, out var seen) ? (seen.Count + 1, seen.First) : (1, iteration);

    /// <summary>What the run's Newton steps were, in sentences: where the Hessian came from, and every step that was not a plain Newton step.</summary>
    public IEnumerable<string> Notes()
    {
        yield return _exact is not null
            ? $"Newton's Hessian is exact: {_exact.Form}, compiled and evaluated at each iterate."
            : $"Newton's Hessian is taken by central differences of the exact gradient ({2 * _variables.Dimension} gradient evaluations per iteration): the engine writes the Hessian in closed form only for scalar variables or one vector variable.";
        if (_steps == 0)
        {
            yield break;
        }

        if (_fallbacks.TryGetValue(StepKind.Indefinite, out var indefinite))
        {
            yield return $"The Hessian was not positive definite at {Of(indefinite.Count)} (first at iteration {indefinite.First}; smallest eigenvalue {CurvatureProbe.Format(_lowest)}): " +
                "there the pure Newton step can go uphill or to a saddle, so those steps used the Hessian with its eigenvalues replaced by their magnitudes (a descent direction), damped by the Armijo search.";
        }

        if (_fallbacks.TryGetValue(StepKind.Singular, out var singular))
        {
            yield return $"The Hessian was singular or nearly so at {Of(singular.Count)} (first at iteration {singular.First}; an eigenvalue below {SingularRatio.ToString(CultureInfo.InvariantCulture)} of the largest): " +
                "Newton's system H d = −g has no unique solution there, so those steps fell back to the Hessian with its small eigenvalues raised to that floor, damped by the Armijo search.";
        }

        if (_fallbacks.TryGetValue(StepKind.Unavailable, out var unavailable))
        {
            yield return $"The Hessian could not be formed at {Of(unavailable.Count)} (first at iteration {unavailable.First}; not finite there, or the time ran out): those steps fell back to steepest descent (−g) with the Armijo search.";
        }

        if (_fallbacks.Count == 0)
        {
            yield return $"The Hessian was positive definite at every iterate: each of the {_steps} steps solved H d = −g by Cholesky.";
        }

        yield return _damped == 0
            ? "Every step was a full Newton step (α = 1)."
            : $"The Armijo search shortened {Of(_damped)} (α < 1: damped Newton); the others were full steps.";
    }

    private string Of(int count) => $"{count} of {_steps} step{(_steps == 1 ? "" : "s")}";
}
