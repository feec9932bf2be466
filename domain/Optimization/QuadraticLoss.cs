using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// Whether a loss, as written, is a polynomial of degree at most two in its optimised unknowns: then its Hessian is
/// the same everywhere, the curvature at the initial point is the curvature of the whole run, and fixed-step
/// methods contract at a rate that can be predicted exactly. Sums, scalar and matrix products, transposes,
/// whole powers, the square of a norm and the linear matrix functions (tr, sum, diag) keep track of the degree; any other function
/// of an unknown is not a polynomial.
/// </summary>
internal static class QuadraticLoss
{
    private const int NotPolynomial = int.MaxValue;

    public static bool Is(Expr loss, IReadOnlyCollection<string> unknowns) => Degree(loss, unknowns) <= 2;

    private static int Degree(Expr e, IReadOnlyCollection<string> unknowns)
    {
        if (!unknowns.Any(e.DependsOn))
        {
            return 0;
        }

        return e switch
        {
            Symbol or MatrixSymbol => 1,
            Sum s => s.Terms.Max(t => Degree(t, unknowns)),
            Product p => Total(p.Factors, unknowns),
            MatMul m => Total(m.Factors, unknowns),
            Transpose t => Degree(t.Operand, unknowns),
            MatrixCall { Function: MatrixFunction.Trace or MatrixFunction.SumAll or MatrixFunction.DiagMatrix or MatrixFunction.DiagVector } c => Degree(c.Argument, unknowns),
            // ‖v‖² is v'v: the square of the norm is as polynomial as its argument (the norm itself is not).
            Power { Base: MatrixCall { Function: MatrixFunction.Norm } norm, Exponent: Number { Value: var two } } when two.IsInteger && two.Numerator == 2 =>
                Scaled(Degree(norm.Argument, unknowns), 2),
            Power { Exponent: Number { Value: var k } } p when k.IsInteger && k.Numerator.Sign >= 0 && k.Numerator <= 2 =>
                Scaled(Degree(p.Base, unknowns), (int)k.Numerator),
            _ => NotPolynomial,
        };
    }

    private static int Total(IEnumerable<Expr> factors, IReadOnlyCollection<string> unknowns)
    {
        var total = 0;
        foreach (var factor in factors)
        {
            var degree = Degree(factor, unknowns);
            if (degree == NotPolynomial || total + degree > 2)
            {
                return NotPolynomial;
            }

            total += degree;
        }

        return total;
    }

    private static int Scaled(int degree, int k) => degree == NotPolynomial || degree * k > 2 ? NotPolynomial : degree * k;
}
