using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Binding;

/// <summary>
/// A dimension being inferred: union-find over unknown sizes, so that a'*W*b ties the rows of W to the
/// length of a. A variable is concrete (3), named by the caller (n), or unknown with a descriptive hint
/// (rows(W)) for messages.
/// </summary>
internal sealed class DimVar
{
    private DimVar? _parent;

    private DimVar(int? size, string? name, string hint, bool isIdentity)
    {
        Size = size;
        Name = name;
        Hint = hint;
        IsIdentity = isIdentity;
    }

    public int? Size { get; private set; }

    /// <summary>A size name the caller gave (a symbolic size such as n).</summary>
    public string? Name { get; private set; }

    public string Hint { get; }

    /// <summary>A size of an identity matrix that nothing constrained: it is then 1.</summary>
    public bool IsIdentity { get; private set; }

    public static DimVar One { get; } = new(1, null, "1", false);

    public static DimVar Concrete(int size) => size == 1 ? One : new(size, null, size.ToString(System.Globalization.CultureInfo.InvariantCulture), false);

    public static DimVar Named(string name) => new(null, name, name, false);

    public static DimVar Unknown(string hint, bool isIdentity = false) => new(null, null, hint, isIdentity);

    public static DimVar From(Dim? dim, string hint) => dim switch
    {
        null => Unknown(hint),
        { IsConcrete: true } d => Concrete(d.Size),
        { } d => Named(d.Name!),
    };

    public DimVar Find()
    {
        var root = this;
        while (root._parent is not null)
        {
            root = root._parent;
        }

        return root;
    }

    public bool IsOne => Find().Size == 1;

    /// <summary>Makes a and b the same size; false when they are different known sizes.</summary>
    public static bool Unify(DimVar a, DimVar b)
    {
        var ra = a.Find();
        var rb = b.Find();
        if (ReferenceEquals(ra, rb))
        {
            return true;
        }

        if (ra.Size is { } sa && rb.Size is { } sb)
        {
            return sa == sb;
        }

        if (ra.Size is null && rb.Size is null && ra.Name is not null && rb.Name is not null)
        {
            return ra.Name == rb.Name;
        }

        // The one that knows more becomes the root.
        // Between two unknowns, a variable's size (rows(W)) names the pair rather than an identity's (size(I)), which
        // is no name of the language: a gradient of sum(W + I) prints ones(rows(W), rows(W)), which reads back.
        var (root, child) = ra.Size is not null || (rb.Size is null && ra.Name is not null) ? (ra, rb)
            : rb.Size is null && rb.Name is null && rb.IsIdentity && !ra.IsIdentity ? (ra, rb)
            : (rb, ra);
        if (ReferenceEquals(child, One))
        {
            (root, child) = (child, root);
        }

        child._parent = root;
        root.Name ??= child.Name;
        root.IsIdentity &= child.IsIdentity;
        return true;
    }

    public Dim Resolve()
    {
        var root = Find();
        return root.Size is { } size ? Dim.Of(size)
            : root.IsIdentity ? Dim.One
            : Dim.Symbolic(root.Name ?? root.Hint);
    }

    public override string ToString()
    {
        var root = Find();
        return root.Size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? root.Name ?? root.Hint;
    }
}
