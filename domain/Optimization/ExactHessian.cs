using CalcApi.Domain.Compilation;
using MathNet.Numerics.LinearAlgebra;

namespace CalcApi.Domain.Optimization;

/// <summary>
/// The Hessian of a loss over its optimised unknowns, written down by the engine and compiled into a program of
/// its own: either the second partials ∂²f/∂xᵢ∂xⱼ (i ≤ j) of a function of scalar unknowns, one output each
/// (<paramref name="Entries"/>), or the closed form of a function of one vector (A + A' for x'Ax), one n×n output.
/// Newton's method runs it on each iterate; <paramref name="Form"/> says which it was, for the run's notes.
/// </summary>
internal sealed record ExactHessian(CompiledProgram Program, IReadOnlyList<string> Names, (int Row, int Col)[]? Entries, string Form)
{
    /// <summary>Writes the Hessian at <paramref name="from"/>'s current point into <paramref name="into"/>; false where an entry is not finite.</summary>
    public bool Fill(CompiledProgram from, Matrix<double> into)
    {
        foreach (var name in Names)
        {
            // A name the Hessian does not depend on (every name, for a quadratic) is no input of its program.
            if (Program.Inputs.ContainsKey(name))
            {
                from.Input(name).CopyTo(Program.Input(name));
            }
        }

        Program.Run();
        if (Entries is null)
        {
            var values = Program.Output(0);
            var n = into.RowCount;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    into[i, j] = values[(i * n) + j];
                }
            }
        }
        else
        {
            for (var k = 0; k < Entries.Length; k++)
            {
                var (i, j) = Entries[k];
                into[i, j] = into[j, i] = Program.ScalarOutput(k);
            }
        }

        for (var i = 0; i < into.RowCount; i++)
        {
            for (var j = 0; j < into.ColumnCount; j++)
            {
                if (!double.IsFinite(into[i, j]))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
