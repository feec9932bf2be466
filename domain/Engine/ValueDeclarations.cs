using CalcApi.Domain.Binding;
using CalcApi.Domain.Evaluation;
using CalcApi.Domain.Shapes;

namespace CalcApi.Domain.Engine;

/// <summary>
/// The declaration a value implies. It lives with the front door, which has values in hand, so that
/// binding knows nothing of evaluation; callers still write <c>VariableDeclaration.FromValue(v)</c>.
/// </summary>
public static class ValueDeclarations
{
    extension(VariableDeclaration)
    {
        /// <summary>The declaration a numeric value implies: a number is a scalar, an array a vector, an array of arrays a matrix.</summary>
        public static VariableDeclaration FromValue(Value value) => value.IsScalar
            ? VariableDeclaration.Scalar
            : value.Matrix!.ColumnCount == 1 && value.IsVector
                ? VariableDeclaration.Vector(Dim.Of(value.Matrix.RowCount))
                : VariableDeclaration.Matrix(Dim.Of(value.Matrix.RowCount), Dim.Of(value.Matrix.ColumnCount));
    }
}
