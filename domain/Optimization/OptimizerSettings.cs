namespace CalcApi.Domain.Optimization;

/// <summary>The descent methods.</summary>
public enum OptimizerMethod
{
    /// <summary>Plain gradient descent: θ ← θ − η g.</summary>
    Gd,
    /// <summary>Heavy-ball momentum: v ← μ v − η g; θ ← θ + v.</summary>
    Momentum,
    /// <summary>Nesterov's accelerated gradient, in the form that needs no look-ahead gradient.</summary>
    Nesterov,
    /// <summary>Adam: bias-corrected running moments of g and g².</summary>
    Adam,
    /// <summary>Limited-memory BFGS: the two-loop recursion over the last <c>Memory</c> steps, with a strong-Wolfe line search.</summary>
    Lbfgs,
    /// <summary>Newton's method: θ ← θ − α H⁻¹g, the Hessian modified where it is not positive definite, α from the Armijo search.</summary>
    Newton,
}

/// <summary>How the step along a method's direction is chosen.</summary>
public enum LineSearch
{
    /// <summary>The method's own step.</summary>
    None,
    /// <summary>Backtracking from the method's step until the Armijo sufficient-decrease condition holds.</summary>
    Armijo,
}

/// <summary>A method and its parameters, with the usual defaults; <c>Memory</c> is the number of steps L-BFGS remembers.</summary>
public sealed record OptimizerSettings(
    OptimizerMethod Method = OptimizerMethod.Gd,
    double LearningRate = 0.01,
    double Momentum = 0.9,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    LineSearch LineSearch = LineSearch.None,
    int Memory = 10);
