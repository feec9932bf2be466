using CalcApi.Domain.Errors;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using static CalcApi.Domain.Evaluation.BoundedMatrix;

namespace CalcApi.Domain.Evaluation;

/// <summary>
/// Error bounds for det, logdet and inv computed by an LU factorisation in double precision, as
/// <see cref="MatrixEvaluator"/> computes them. Everything rests on two facts:
/// <list type="bullet">
/// <item>Gaussian elimination is backward stable: the computed factors satisfy L̂Û = PA + ΔA with
/// ‖ΔA‖_F ≤ γ(n)·‖L̂‖_F‖Û‖_F (Higham, Thm 9.3), so det and logdet are exact for a matrix within ΔA of A.</item>
/// <item>A computed inverse X̂ is checked a posteriori: with R = I − X̂A (whose own rounding is bounded by
/// γ(n + 1)(|X̂||A| + I)) and ρ = ‖R‖_F &lt; 1, A⁻¹ = (I − R)⁻¹X̂, so |A⁻¹ − X̂| ≤ |R||X̂| + ρ²/(1 − ρ)·‖X̂‖_F
/// entry by entry. This bounds the inverse and also ν ≥ ‖A⁻¹‖_F, the condition that every other bound needs.</item>
/// </list>
/// A perturbation X of A moves det by a factor det(I + A⁻¹X), whose eigenvalues sum in modulus to at most
/// s = √n·ν·‖X‖_F, so by at most e^s − 1 relatively, and logdet by at most s/(1 − s). Where s or ρ exceeds
/// 10⁻³ (a matrix too close to singular for first-order bounds) there is no bound: a
/// <see cref="CalcException"/> that the evaluator turns into "no bound", and the caller into the precise path.
/// </summary>
internal static class BoundedLinearAlgebra
{
    /// <summary>The largest ρ or s for which the bounds are believed (and are then within a factor 1.001 of first order).</summary>
    private const double Linear = 1e-3;

    public static BoundedMatrix Determinant(BoundedMatrix a)
    {
        var m = a.Values;
        var lu = m.LU();
        var det = lu.Determinant;
        var (rounding, input) = Perturbations(a, lu, Inverse(m).Norm);
        var relative = ((double.ExpM1(rounding) + double.ExpM1(input)) / (1 - double.ExpM1(rounding))) + Gamma(a.Rows);
        return Scalar(det, (Math.Abs(det) * relative) + double.Epsilon);
    }

    public static BoundedMatrix LogDeterminant(BoundedMatrix a)
    {
        var m = a.Values;
        var lu = m.LU();
        var pivots = lu.U.Diagonal(); // LU.U builds a new matrix on every access
        double total = 0, error = 0;
        for (var i = 0; i < a.Rows; i++)
        {
            var log = Math.Log(Math.Abs(pivots[i]));
            total += log;
            error += (8 * Unit * Math.Abs(log)) + double.Epsilon + (Unit * Math.Abs(total));
        }

        var (rounding, input) = Perturbations(a, lu, Inverse(m).Norm);
        return Scalar(total, error + (rounding / (1 - rounding)) + (input / (1 - input)));
    }

    public static BoundedMatrix Inverse(BoundedMatrix a)
    {
        var (x, bound, norm) = Inverse(a.Values);
        var input = Frobenius(a.Error);
        if (input > 0)
        {
            // A⁻¹ moves by −A⁻¹ E A⁻¹ to first order, bounded entry-wise by |A⁻¹| E |A⁻¹|, and by ν³‖E‖²/(1 − ν‖E‖) beyond.
            var reach = norm * input;
            if (!(reach <= Linear))
            {
                throw NoBound("the matrix is too close to singular for the uncertainty of its entries");
            }

            var magnitude = Combination(0, (1, Abs(x)), (1, bound));
            bound = Combination(norm * norm * norm * input * input / (1 - reach), (1, bound), (1, magnitude * a.Errors * magnitude));
        }

        return Of(x, bound);
    }

    /// <summary>The computed inverse X̂, the entry-wise bound on |A⁻¹ − X̂|, and ν ≥ ‖A⁻¹‖_F.</summary>
    private static (Matrix<double> Inverse, Matrix<double> Bound, double Norm) Inverse(Matrix<double> a)
    {
        var n = a.RowCount;
        var x = a.LU().Inverse();
        if (!Array.TrueForAll(Entries(x), double.IsFinite))
        {
            throw NoBound("the matrix is singular in double precision");
        }

        var identity = Matrix<double>.Build.DenseIdentity(n);
        var magnitude = Abs(x);
        var residual = Combination(0, (1, Abs(Combination(0, (1, identity), (-1, x * a)))), (Gamma(n + 1), magnitude * Abs(a)), (Gamma(n + 1), identity));
        var rho = Frobenius(residual);
        if (!(rho <= Linear))
        {
            throw NoBound($"the residual of the inverse is {rho:G3}");
        }

        var normX = Frobenius(x);
        var bound = Combination(rho * rho / (1 - rho) * normX, (1, residual * magnitude));
        return (x, bound, normX + Frobenius(bound));
    }

    /// <summary>s for the LU's backward error ΔA and for the entries' own uncertainty, given ν ≥ ‖A⁻¹‖_F.</summary>
    private static (double Rounding, double Input) Perturbations(BoundedMatrix a, LU<double> lu, double inverseNorm)
    {
        var reach = Math.Sqrt(a.Rows) * inverseNorm;
        var rounding = reach * Gamma(a.Rows) * Frobenius(lu.L) * Frobenius(lu.U);
        var input = reach * Frobenius(a.Error);
        return rounding + input <= Linear ? (rounding, input) : throw NoBound("the matrix is too close to singular for a first-order bound");
    }

    private static CalcException NoBound(string why) =>
        new(new CalcError(ErrorKind.Precision, "No error bound", $"No error bound in double precision: {why}."));
}
