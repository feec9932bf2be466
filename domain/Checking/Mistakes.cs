using CalcApi.Domain.Differentiation;
using CalcApi.Domain.Errors;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Expressions;
using CalcApi.Domain.Simplification;
using static CalcApi.Domain.Checking.MistakenWording;

namespace CalcApi.Domain.Checking;

/// <summary>A wrong derivative as a student making one named mistake would write it.</summary>
/// <param name="Code">The mistake's name in the contract (section 7): <c>missingInnerDerivative</c>, <c>transposed</c>, ...</param>
/// <param name="Message">A sentence a student can act on, naming the sub-expression where the rule went wrong.</param>
/// <param name="Derivative">The derivative with that mistake made, canonical (built by the smart constructors).</param>
public sealed record Mistake(string Code, string Message, Expr Derivative);

/// <summary>
/// The derivatives a student gets by making one common mistake on purpose: each is computed by the engine's
/// rules with one rule replaced by its wrong version (a mutated rule set: <see cref="MistakenDifferentiator"/>,
/// <see cref="MistakenGradient"/>), at one place or everywhere. An answer that equals one of them is
/// diagnosed with its code and sentence. Only results that differ from the true derivative are returned,
/// each (code, derivative) once, and the work is bounded: at most <see cref="MaxCandidates"/> mutated
/// derivatives are computed, fewer when the derivative is large, all within the ambient WorkBudget.
/// </summary>
public static class Mistakes
{
    /// <summary>Mutated derivatives computed per call, at most.</summary>
    public const int MaxCandidates = 40;

    /// <summary>Sites per slip (sub-expressions where the one mistake is made), outermost first.</summary>
    private const int MaxSitesPerSlip = 4;

    /// <summary>Other variables tried as the wrong variable, at most.</summary>
    private const int MaxWrongVariables = 4;

    private static readonly ScalarSlip[] ScalarSlips = Enum.GetValues<ScalarSlip>();

    /// <summary>d^order f/dx^order with one mistake made on purpose. Each Derivative is a bound Expr in canonical form.</summary>
    public static IReadOnlyList<Mistake> Scalar(Expr f, string variable, int order)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(variable);
        if (order < 1 || !f.IsScalar)
        {
            return [];
        }

        // The true derivatives of every order: chain[k] = d^k f/dx^k.
        var chain = new List<Expr>(order + 1) { f };
        for (var k = 1; k <= order; k++)
        {
            chain.Add(Differentiator.Differentiate(chain[^1], variable));
        }

        var truth = chain[order];
        var found = new Found(truth, CandidatesAllowed(chain));
        var firstWhen = order == 1 ? When.Only : When.First;
        Expr ThenRight(Expr first) => Differentiator.Differentiate(first, variable, order - 1);
        var sites = ScalarSlips.ToDictionary(slip => slip, slip => MistakenDifferentiator.Sites(f, variable, slip));
        var before = chain[order - 1];
        var sitesBefore = order == 1 ? sites : ScalarSlips.ToDictionary(slip => slip, slip => MistakenDifferentiator.Sites(before, variable, slip));

        // The mistake at one site, in the first (or only) differentiation; the later ones right.
        void AtSite(ScalarSlip slip, int index)
        {
            if (sites[slip] is { } all && index < all.Count)
            {
                var site = all[index];
                found.Offer(Code(slip), () => Prefix(firstWhen, order, Sentence(slip, site, site, f, variable)),
                    () => ThenRight(MistakenDifferentiator.Differentiate(f, variable, slip, site)));
            }
        }

        // The earlier differentiations right, the mistake at one site in the last one.
        void AtSiteOfLast(ScalarSlip slip, int index)
        {
            if (order > 1 && sitesBefore[slip] is { } all && index < all.Count)
            {
                var site = all[index];
                found.Offer(Code(slip), () => Prefix(When.Last, order, Sentence(slip, site, site, before, variable)),
                    () => MistakenDifferentiator.Differentiate(before, variable, slip, site));
            }
        }

        // In order of likelihood, so that the bound on the work cuts the least likely: the first site of every
        // rule, the wrong variable, the mistake made in every differentiation, the last differentiation, more sites,
        // and each rule broken everywhere at once.
        foreach (var slip in ScalarSlips)
        {
            AtSite(slip, 0);
        }

        foreach (var other in ScalarNames(f).Where(n => n != variable).Take(MaxWrongVariables))
        {
            found.Offer("wrongVariable", () => WrongVariable(variable, other), () => Differentiator.Differentiate(f, other, order));
        }

        if (order > 1)
        {
            foreach (var slip in ScalarSlips.Where(slip => sites[slip].Count > 0))
            {
                var all = sites[slip];
                found.Offer(Code(slip), () => Prefix(When.Every, order, Sentence(slip, all.Count == 1 ? all[0] : null, all[0], f, variable)), () =>
                {
                    var result = f;
                    for (var k = 0; k < order; k++)
                    {
                        result = MistakenDifferentiator.Differentiate(result, variable, slip, null);
                    }

                    return result;
                });
            }

            foreach (var slip in ScalarSlips)
            {
                AtSiteOfLast(slip, 0);
            }
        }

        for (var index = 1; index < MaxSitesPerSlip; index++)
        {
            foreach (var slip in ScalarSlips)
            {
                AtSite(slip, index);
            }
        }

        foreach (var slip in ScalarSlips.Where(slip => sites[slip].Count > 1))
        {
            found.Offer(Code(slip), () => Prefix(firstWhen, order, Sentence(slip, null, sites[slip][0], f, variable)),
                () => ThenRight(MistakenDifferentiator.Differentiate(f, variable, slip, null)));
        }

        foreach (var slip in ScalarSlips)
        {
            AtSiteOfLast(slip, 1);
        }

        return found.Mistakes;
    }

    /// <summary>The gradient of scalar f with respect to the vector/matrix variable <paramref name="wrt"/>, with one mistake made.</summary>
    public static IReadOnlyList<Mistake> Matrix(Expr f, string wrt)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(wrt);
        if (!f.IsScalar || !f.DependsOn(wrt) || MistakenRewrite.Variable(f, wrt) is not { } variable)
        {
            return [];
        }

        // A variable declared symmetric has the gradient within symmetric matrices, (G + G')/2: so has each mistake.
        var symmetric = variable is MatrixSymbol { Symmetric: true };
        Expr Finish(Expr g) => symmetric ? MatrixGradient.Symmetrised(g) : g;
        Expr? Mistaken(MatrixSlip slip, Expr site, int keep = -1) =>
            MistakenGradient.Of(f, wrt, slip, site, keep) is { } g ? Finish(g) : null;

        var unconstrained = MatrixGradient.Of(f, wrt);
        var truth = Finish(unconstrained);
        var found = new Found(truth, CandidatesAllowed([f, truth]));
        if (symmetric)
        {
            // The gradient of f as if the variable were unconstrained: right for a general matrix, not within symmetric ones.
            found.Offer("notSymmetrized", () => MatrixWording.NotSymmetrised(variable, truth), () => unconstrained);
        }
        if (!truth.IsScalar)
        {
            found.Offer("transposed", () => MatrixWording.Transposed(variable, truth), () => MatrixAlgebra.Transposed(truth));
        }

        foreach (var site in MistakenGradient.Sites(f, wrt, MatrixSlip.KeepOneOccurrence).Take(MaxSitesPerSlip))
        {
            foreach (var k in MistakenGradient.DependentFactors(site, wrt).Take(3))
            {
                var kept = site is MatMul m ? m.Factors[k] : ((Product)site).Factors[k];
                found.Offer(() => Mistaken(MatrixSlip.KeepOneOccurrence, site, k), g => IsHalfOf(g, truth)
                    ? ("missingFactorTwo", MatrixWording.BothOccurrencesEqual(site, variable, truth))
                    : ("notSymmetrized", MatrixWording.OneOccurrence(site, kept, variable, truth)));
            }
        }

        var matrices = MistakenRewrite.NonSymmetricSquareMatrices(f, wrt);
        var groups = matrices.Take(3).Select(m => (IReadOnlyList<MatrixSymbol>)[m]).ToList();
        if (matrices.Count > 1)
        {
            groups.Add(matrices);
        }

        foreach (var group in groups)
        {
            found.Offer("assumedSymmetric", () => MatrixWording.AssumedSymmetric(group, truth), () =>
            {
                var symmetricF = Substitution.Apply(f, e => e is MatrixSymbol m && group.Contains(m) ? MistakenRewrite.AsSymmetric(m) : null);
                var g = MatrixGradient.Of(symmetricF, wrt);
                var back = Substitution.Apply(g, e => e is MatrixSymbol { Symmetric: true } m ? group.FirstOrDefault(o => o.Name == m.Name) : null);
                return Finish(MatrixSimplifier.CollectCommonFactors(back));
            });

            // The same with the transposes the student kept: 2*M'*w for w'*M*w.
            found.Offer("assumedSymmetric", () => MatrixWording.AssumedSymmetric(group, truth), () =>
            {
                var symmetricF = Substitution.Apply(f, e => e is MatrixSymbol m && group.Contains(m) ? MistakenRewrite.AsSymmetric(m) : null);
                var g = MatrixGradient.Of(symmetricF, wrt);
                var back = Substitution.Apply(g, e => e is MatrixSymbol { Symmetric: true } m && group.FirstOrDefault(o => o.Name == m.Name) is { } o ? MatrixAlgebra.Transposed(o) : null);
                return Finish(MatrixSimplifier.CollectCommonFactors(back));
            });
        }

        foreach (var site in MistakenGradient.Sites(f, wrt, MatrixSlip.PowerCoefficientDropped).Take(MaxSitesPerSlip))
        {
            var square = site is Power { Exponent: Number { Value: var n } } && n == 2;
            found.Offer(square ? "missingFactorTwo" : "powerRuleCoefficient", () => MatrixWording.PowerCoefficient((Power)site, truth),
                () => Mistaken(MatrixSlip.PowerCoefficientDropped, site));
        }

        foreach (var site in MistakenGradient.Sites(f, wrt, MatrixSlip.InverseNotTransposed).Take(MaxSitesPerSlip))
        {
            found.Offer("inverseNotTransposed", () => MatrixWording.InverseNotTransposed((MatrixCall)site, truth),
                () => Mistaken(MatrixSlip.InverseNotTransposed, site));
        }

        var transposedTruth = MatrixAlgebra.Transposed(truth);
        foreach (var site in MistakenGradient.Sites(f, wrt, MatrixSlip.TraceNotTransposed).Take(MaxSitesPerSlip))
        {
            // Where the transposes forgotten are all of them, the answer is the transposed gradient, named as such above.
            found.Offer("tracePermutation", () => MatrixWording.TraceNotTransposed(site, variable, truth),
                () => Mistaken(MatrixSlip.TraceNotTransposed, site) is { } g && !g.Equals(transposedTruth) ? g : null);
        }

        return found.Mistakes;
    }

    /// <summary>Whether twice <paramref name="half"/> is <paramref name="whole"/>: one of two equal occurrences differentiated.</summary>
    private static bool IsHalfOf(Expr half, Expr whole)
    {
        var twice = Algebra.Mul(Algebra.Two, half);
        return twice.Equals(whole) || MatrixSimplifier.CollectCommonFactors(twice).Equals(whole)
            || MatrixSimplifier.CollectCommonFactors(Algebra.Add(half, half)).Equals(whole);
    }

    /// <summary>
    /// How many mutated derivatives fit in a quarter of the work budget, each costing about as many nodes as the
    /// true derivatives of every order together (their sizes as trees: an over-estimate where they share).
    /// </summary>
    internal static int CandidatesAllowed(IEnumerable<Expr> derivatives)
    {
        long cost = 1;
        foreach (var d in derivatives)
        {
            cost = d.Size > long.MaxValue / 4 - cost ? long.MaxValue / 4 : cost + d.Size;
        }

        var allowance = WorkBudget.CurrentLimits.MaxWorkNodes / 4;
        return (int)Math.Clamp(allowance / (2 * cost), 0, MaxCandidates);
    }

    /// <summary>The names of the scalar variables of f (not its vectors or matrices), in order.</summary>
    private static IEnumerable<string> ScalarNames(Expr f) =>
        new SortedSet<string>(Walk.Distinct(f).OfType<Symbol>().Select(s => s.Name), StringComparer.Ordinal);

    /// <summary>
    /// The mistakes found so far: a candidate is kept when it could be computed (a slip can divide by zero:
    /// d ln(u) at u' = 0), differs from the truth, as an expression and at sample points, and is not already
    /// there with the same code.
    /// </summary>
    internal sealed class Found(Expr truth, int allowed)
    {
        private readonly List<Mistake> _mistakes = [];
        private readonly HashSet<(string, Expr)> _seen = [];
        private int _tried;

        public IReadOnlyList<Mistake> Mistakes => _mistakes;

        public void Offer(string code, Func<string> message, Func<Expr?> derive) => Offer(derive, _ => (code, message()));

        /// <summary>A candidate whose code (and sentence) depend on what it turns out to be.</summary>
        public void Offer(Func<Expr?> derive, Func<Expr, (string Code, string Message)> name)
        {
            if (_tried >= allowed)
            {
                return;
            }

            _tried++;
            Expr? derivative;
            try
            {
                derivative = derive();
            }
            catch (CalcException e) when (e.Error.Kind is ErrorKind.OutsideDomain or ErrorKind.Semantic or ErrorKind.Unsupported
                || e.Error.Limit == "maxIntegerBits")
            {
                // The mistake cannot be made here (it divides by zero), or its numbers explode where the truth's did
                // not: no student writes that answer. The work budget and the time budget are the request's: not caught.
                return;
            }

            if (derivative is null || derivative.Equals(truth) || SameAtSamplePoints(derivative, truth))
            {
                return;
            }

            var (code, message) = name(derivative);
            if (_seen.Add((code, derivative)))
            {
                _mistakes.Add(new Mistake(code, message, derivative));
            }
        }
    }

    /// <summary>
    /// Whether two scalar expressions of scalars, which differ as expressions, agree at every sample point where
    /// both are defined (at least two of them): canonical form is not unique for every pair of equal functions,
    /// and a "mistake" equal to the truth would diagnose nothing.
    /// </summary>
    internal static bool SameAtSamplePoints(Expr a, Expr b)
    {
        if (!a.IsScalar || !b.IsScalar)
        {
            return false;
        }

        var names = a.FreeNames.Union(b.FreeNames).ToList();
        if (!ScalarLanguage.Of(a) || !ScalarLanguage.Of(b))
        {
            return false;
        }

        double[] samples = [0.37, 0.83, 1.41, 2.29, -0.61];
        var defined = 0;
        for (var i = 0; i < samples.Length; i++)
        {
            var point = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var j = 0; j < names.Count; j++)
            {
                point[names[j]] = samples[(i + j) % samples.Length] + (0.13 * j);
            }

            var va = Evaluator.Evaluate(a, point);
            var vb = Evaluator.Evaluate(b, point);
            if (!va.IsSuccess || !vb.IsSuccess || !double.IsFinite(va.Value) || !double.IsFinite(vb.Value))
            {
                continue;
            }

            defined++;
            if (Math.Abs(va.Value - vb.Value) > 1e-9 * Math.Max(1, Math.Max(Math.Abs(va.Value), Math.Abs(vb.Value))))
            {
                return false;
            }
        }

        return defined >= 2;
    }
}
