using System.Numerics.Tensors;
using CalcApi.Domain.Compilation;

namespace CalcApi.Domain.Optimization;

/// <summary>The Armijo backtracking line search along a direction, with its backup of the start point allocated once.</summary>
internal sealed class ArmijoSearch(CompiledProgram program, OptimisedVariables variables, double learningRate)
{
    private const double ArmijoConstant = 1e-4;
    private const int MaxBacktracks = 40;

    private readonly double[] _start = new double[variables.Dimension];

    /// <summary>Halves the step along the direction until f(θ + α d) ≤ f(θ) + c α g·d; the program ends evaluated at the accepted point. Returns α.</summary>
    public double Backtrack(double[] direction, double loss, double gradientNorm)
    {
        var slope = 0.0;
        var offset = 0;
        for (var k = 0; k < variables.Count; k++)
        {
            var g = variables.Gradient(k);
            slope += TensorPrimitives.Dot(g, direction.AsSpan(offset, g.Length));
            offset += g.Length;
        }

        if (slope >= 0)
        {
            // Not a descent direction (momentum can overshoot): search along −g instead.
            offset = 0;
            slope = 0;
            for (var k = 0; k < variables.Count; k++)
            {
                var g = variables.Gradient(k);
                TensorPrimitives.Multiply(g, -learningRate, direction.AsSpan(offset, g.Length));
                slope += TensorPrimitives.Dot(g, direction.AsSpan(offset, g.Length));
                offset += g.Length;
            }
        }

        variables.Save(_start);
        var alpha = 1.0;
        for (var tries = 0; tries < MaxBacktracks; tries++, alpha *= 0.5)
        {
            variables.Restore(_start, direction, alpha);
            program.Run();
            var trial = program.ScalarOutput(0);
            if (double.IsFinite(trial) && trial - loss <= ArmijoConstant * alpha * slope)
            {
                return alpha;
            }

            // Near a minimum, differences of the loss drown in rounding; the gradient's norm does not:
            // there, a step that changes the loss by no more than rounding and shrinks the gradient is taken.
            var rounding = 8 * Math.Max(Math.Abs(loss), double.Epsilon) * 1.1102230246251565E-16;
            if (double.IsFinite(trial) && Math.Abs(trial - loss) <= rounding && variables.GradientNorm() < gradientNorm)
            {
                return alpha;
            }
        }

        return alpha;
    }
}
