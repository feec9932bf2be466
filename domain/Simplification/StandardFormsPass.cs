using CalcApi.Domain.Expressions;

namespace CalcApi.Domain.Simplification;

/// <summary>One run of <see cref="StandardForms.Recognise"/>: the memo of nodes already rewritten, by reference.</summary>
internal sealed class StandardFormsPass
{
    private readonly Dictionary<Expr, Expr> _done = new(SameNode.Instance);
    private readonly StandardFormsExpansion _expansion = new();

    public Expr Rewrite(Expr e)
    {
        if (_done.TryGetValue(e, out var known))
        {
            return known;
        }

        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var rebuilt = WithChildren(e);
        var result = Local(rebuilt);
        _done[e] = result;
        return result;
    }

    /// <summary>The node with its children rewritten, through the smart constructors; the same node where none changed.</summary>
    private Expr WithChildren(Expr e)
    {
        switch (e)
        {
            case Sum s:
                var terms = Children(s.Terms);
                return terms is null ? e : Algebra.Add(terms);
            case Product p:
                var factors = Children(p.Factors);
                return factors is null ? e : Algebra.Mul(factors);
            case Power p:
                var (b, x) = (Rewrite(p.Base), Rewrite(p.Exponent));
                return ReferenceEquals(b, p.Base) && ReferenceEquals(x, p.Exponent) ? e : Algebra.Pow(b, x);
            case Call c:
                var argument = Rewrite(c.Argument);
                return ReferenceEquals(argument, c.Argument) ? e : Algebra.Apply(c.Function, argument);
            case MatMul m:
                var chain = Children(m.Factors);
                return chain is null ? e : MatrixAlgebra.Product(chain);
            case Transpose t:
                var operand = Rewrite(t.Operand);
                return ReferenceEquals(operand, t.Operand) ? e : MatrixAlgebra.Transposed(operand);
            case MatrixCall c:
                var inner = Rewrite(c.Argument);
                return ReferenceEquals(inner, c.Argument) ? e : MatrixAlgebra.Apply(c.Function, inner);
            default:
                // Atoms; and diff(u, x), d(u), which stand as written.
                return e;
        }
    }

    private Expr[]? Children(System.Collections.Immutable.ImmutableArray<Expr> children)
    {
        Expr[]? rewritten = null;
        for (var i = 0; i < children.Length; i++)
        {
            var child = Rewrite(children[i]);
            if (!ReferenceEquals(child, children[i]))
            {
                rewritten ??= [.. children];
                rewritten[i] = child;
            }
        }

        return rewritten;
    }

    /// <summary>The rules at one node whose children are done; a rule's result may let another apply, so a few rounds.</summary>
    private Expr Local(Expr e)
    {
        for (var round = 0; round < 3; round++)
        {
            var next = e switch
            {
                Call c => Softplus(c) ?? e,
                Power p => Reciprocal(p) ?? e,
                Product p => SigmoidPairs(Quotients(p)),
                Sum s => Complement(s) ?? e,
                _ => e,
            };
            next = _expansion.Cancelled(next) ?? next;
            if (ReferenceEquals(next, e) || next.Equals(e))
            {
                return e;
            }

            e = next;
        }

        return e;
    }

    /// <summary>log(1 + exp(v)) = log1p(exp(v)) = softplus(v).</summary>
    private static Expr? Softplus(Call c) => c switch
    {
        { Function: Function.Log, Argument: var a } when StandardForms.OnePlusExp(a) is { } v => Algebra.Apply(Function.Softplus, v),
        { Function: Function.Log1p, Argument: Call { Function: Function.Exp } exp } => Algebra.Apply(Function.Softplus, exp.Argument),
        _ => null,
    };

    /// <summary>
    /// A product written in sigmoids as far as they go, for multiplying out (<see cref="StandardFormsExpansion"/>): there
    /// (exp(v) + 1)^k is also written sigmoid(-v)^-k, so that it meets the sigmoid(-v) it cancels with. Only a candidate
    /// form: the expansion keeps it only where the whole is then shorter.
    /// </summary>
    internal static Expr Tidy(Expr e)
    {
        if (e is not Product p)
        {
            return e;
        }

        var factors = p.Factors.Select(f => f switch
        {
            _ when StandardForms.OnePlusExp(f) is { } v => Algebra.Pow(StandardForms.Sigmoid(-v), -1),
            Power { Base: var b } power when StandardForms.OnePlusExp(b) is { } v && StandardForms.SmallInteger(power.Exponent) is { } k =>
                Algebra.Pow(StandardForms.Sigmoid(-v), -k),
            _ => f,
        }).ToArray();
        var rewritten = Algebra.Mul(factors);
        return rewritten is Product product ? SigmoidPairs(Quotients(product)) : rewritten;
    }

    /// <summary>1/(exp(v) + 1)^k = sigmoid(-v)^k.</summary>
    private static Expr? Reciprocal(Power p) =>
        StandardForms.OnePlusExp(p.Base) is { } v && StandardForms.SmallInteger(p.Exponent) is < 0 and var k
            ? Algebra.Pow(StandardForms.Sigmoid(-v), -k)
            : null;

    /// <summary>
    /// exp(v)^a*sigmoid(-v)^k = sigmoid(v)^m*exp(v)^(a - m)*sigmoid(-v)^(k - m), m = min(a, k), since
    /// exp(v)*sigmoid(-v) = exp(v)/(exp(v) + 1) = sigmoid(v). With <see cref="Reciprocal"/>, which has already written
    /// 1/(exp(v) + 1) as sigmoid(-v) below this node, it turns exp(v)/(exp(v) + 1) into sigmoid(v) and
    /// exp(-x)/(exp(-x) + 1)^2 into sigmoid(-x)*sigmoid(x).
    /// </summary>
    private static Expr Quotients(Product p)
    {
        var factors = p.Factors.ToList();
        var changed = false;
        for (var i = 0; i < factors.Count; i++)
        {
            if (ExpPower(factors[i]) is not ({ } v, var a))
            {
                continue;
            }

            var partner = Algebra.Neg(v);
            var j = factors.FindIndex(f => StandardFormsPass.SigmoidArgument(f) is { } u && u.Equals(partner));
            if (j < 0 || SigmoidPower(factors[j]) is not { } k)
            {
                continue;
            }

            var m = Math.Min(a, k);
            factors[i] = Algebra.Mul(
                Algebra.Pow(StandardForms.Sigmoid(v), m),
                Algebra.Pow(Algebra.Apply(Function.Exp, v), a - m));
            factors[j] = Algebra.Pow(StandardForms.Sigmoid(partner), k - m);
            changed = true;
        }

        return changed ? Algebra.Mul([.. factors]) : p;
    }

    /// <summary>(v, a) when <paramref name="f"/> is exp(v)^a for a small positive integer a; null otherwise.</summary>
    private static (Expr Argument, int Power)? ExpPower(Expr f) => f switch
    {
        Call { Function: Function.Exp } exp => (exp.Argument, 1),
        Power { Base: Call { Function: Function.Exp } exp } p when StandardForms.SmallInteger(p.Exponent) is > 0 and var a => (exp.Argument, a),
        _ => null,
    };

    /// <summary>k when <paramref name="f"/> is sigmoid(v)^k for a small positive integer k (1 for sigmoid(v)); null otherwise.</summary>
    private static int? SigmoidPower(Expr f) => f switch
    {
        Call { Function: Function.Sigmoid } => 1,
        Power { Base: Call { Function: Function.Sigmoid } } p when StandardForms.SmallInteger(p.Exponent) is > 0 and var k => k,
        _ => null,
    };

    /// <summary>
    /// sigmoid(v)^a*sigmoid(-v)^b = sigmoid(v)^a*(1 - sigmoid(v))^b with v the one written without a leading minus: the
    /// textbook's sigmoid(x)*(1 - sigmoid(x)), which is also how the engine writes d/dx sigmoid(x) (same operation count).
    /// </summary>
    private static Expr SigmoidPairs(Expr e)
    {
        if (e is not Product p)
        {
            return e;
        }

        var sigmoids = p.Factors.Select(SigmoidArgument).OfType<Expr>().ToList();
        foreach (var negative in sigmoids)
        {
            if (StandardForms.Negative(negative) != true)
            {
                continue;
            }

            var positive = Algebra.Neg(negative);
            if (!sigmoids.Contains(positive))
            {
                continue;
            }

            var complement = 1 - StandardForms.Sigmoid(positive);
            var factors = p.Factors.Select(f => SigmoidArgument(f) is { } v && v.Equals(negative)
                ? (f is Power power ? Algebra.Pow(complement, power.Exponent) : complement)
                : f);
            return SigmoidPairs(Algebra.Mul([.. factors]));
        }

        return e;
    }

    /// <summary>
    /// r*sigmoid(v) - r*sigmoid(v)^2 = r*sigmoid(v)*(1 - sigmoid(v)): d/dx exp(x)/(1 + exp(x)), recognised, reads as
    /// d/dx sigmoid(x) does, in the textbook's form, not as sigmoid(x) - sigmoid(x)^2 (the same operation count).
    /// </summary>
    private static Expr? Complement(Sum s)
    {
        if (s.Terms.Length != 2)
        {
            return null;
        }

        foreach (var (first, second) in new[] { (s.Terms[0], s.Terms[1]), (s.Terms[1], s.Terms[0]) })
        {
            foreach (var factor in first is Product p ? p.Factors : [first])
            {
                if (factor is Call { Function: Function.Sigmoid } sigmoid && Algebra.Mul(-1, first, sigmoid).Equals(second))
                {
                    return Algebra.Mul(first, 1 - sigmoid);
                }
            }
        }

        return null;
    }

    /// <summary>v when <paramref name="f"/> is sigmoid(v) or a power of it; null otherwise.</summary>
    internal static Expr? SigmoidArgument(Expr f) => f switch
    {
        Call { Function: Function.Sigmoid } s => s.Argument,
        Power { Base: Call { Function: Function.Sigmoid } s } => s.Argument,
        _ => null,
    };
}
