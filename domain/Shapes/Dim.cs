using System.Globalization;

namespace CalcApi.Domain.Shapes;

/// <summary>A dimension of a shape: a concrete size (3) or a symbolic one (n).</summary>
public readonly record struct Dim(int Size, string? Name)
{
    public static Dim One { get; } = new(1, null);

    public static Dim Of(int size) => new(size, null);

    public static Dim Symbolic(string name) => new(0, name);

    public bool IsConcrete => Name is null;

    public bool IsOne => IsConcrete && Size == 1;

    public override string ToString() => Name ?? Size.ToString(CultureInfo.InvariantCulture);
}
