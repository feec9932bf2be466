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
        /// <summary>
        /// The declaration a numeric value implies: a number is a scalar, an array a vector, an array of arrays a
        /// matrix, whatever the sizes ([2] is a vector of length 1, [[2]] a 1×1 matrix).
        /// </summary>
        public static VariableDeclaration FromValue(Value value) => value.Form switch
        {
            ValueForm.Number => VariableDeclaration.Scalar,
            ValueForm.Vector => VariableDeclaration.Vector(Dim.Of(value.Matrix?.RowCount ?? 1)),
            _ => VariableDeclaration.Matrix(Dim.Of(value.Matrix?.RowCount ?? 1), Dim.Of(value.Matrix?.ColumnCount ?? 1)),
        };
    }

    extension(VariableDeclaration declaration)
    {
        /// <summary>How a value of this kind is written: as a number, an array, or an array of rows.</summary>
        public ValueForm Form => declaration.Kind switch
        {
            VariableKind.Scalar => ValueForm.Number,
            VariableKind.Vector => ValueForm.Vector,
            _ => ValueForm.Matrix,
        };
    }
}
