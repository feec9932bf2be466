using System.Numerics.Tensors;

namespace CalcApi.Domain.Optimization;

/// <summary>The step direction of each descent method, with the state it keeps between steps (velocity, second moment), allocated once.</summary>
internal sealed class DescentDirection(OptimizerSettings settings, int dimension)
{
    private readonly double[] _velocity = new double[dimension];
    private readonly double[] _secondMoment = new double[dimension];

    /// <summary>Writes the direction of step <paramref name="t"/> (from 1) into <paramref name="direction"/>, one flat array over all variables.</summary>
    public void Write(OptimisedVariables variables, double[] direction, int t)
    {
        var offset = 0;
        for (var k = 0; k < variables.Count; k++)
        {
            ReadOnlySpan<double> g = variables.Gradient(k);
            var d = direction.AsSpan(offset, g.Length);
            var v = _velocity.AsSpan(offset, g.Length);
            var s = _secondMoment.AsSpan(offset, g.Length);
            var lr = settings.LearningRate;
            switch (settings.Method)
            {
                case OptimizerMethod.Gd:
                    TensorPrimitives.Multiply(g, -lr, d);
                    break;
                case OptimizerMethod.Momentum:
                    // v = μ v − η g; step = v
                    for (var i = 0; i < g.Length; i++)
                    {
                        v[i] = (settings.Momentum * v[i]) - (lr * g[i]);
                        d[i] = v[i];
                    }

                    break;
                case OptimizerMethod.Nesterov:
                    // v' = μ v − η g; step = −μ v + (1 + μ) v'
                    for (var i = 0; i < g.Length; i++)
                    {
                        var next = (settings.Momentum * v[i]) - (lr * g[i]);
                        d[i] = (-settings.Momentum * v[i]) + ((1 + settings.Momentum) * next);
                        v[i] = next;
                    }

                    break;
                case OptimizerMethod.Adam:
                    var c1 = 1 - Math.Pow(settings.Beta1, t);
                    var c2 = 1 - Math.Pow(settings.Beta2, t);
                    for (var i = 0; i < g.Length; i++)
                    {
                        v[i] = (settings.Beta1 * v[i]) + ((1 - settings.Beta1) * g[i]);
                        s[i] = (settings.Beta2 * s[i]) + ((1 - settings.Beta2) * g[i] * g[i]);
                        d[i] = -lr * (v[i] / c1) / (Math.Sqrt(s[i] / c2) + settings.Epsilon);
                    }

                    break;
            }

            offset += g.Length;
        }
    }
}
