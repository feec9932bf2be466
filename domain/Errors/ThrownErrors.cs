namespace CalcApi.Domain.Errors;

/// <summary>
/// The one place where a user error carried out of a deep pass as an exception turns back into a value:
/// a <see cref="CalcException"/>, the same wrapped by a sort (a limit hit inside a comparer), and, where
/// the caller names the nesting limit, an exhausted stack.
/// </summary>
internal static class ThrownErrors
{
    /// <param name="work">The work, which may throw a <see cref="CalcException"/> anywhere inside.</param>
    /// <param name="maxNestingDepth">When given, a stack too deep for the work is this limit's error; otherwise it propagates.</param>
    public static Outcome<T> Catch<T>(Func<Outcome<T>> work, int? maxNestingDepth = null)
    {
        try
        {
            return work();
        }
        catch (CalcException ex)
        {
            return ex.Error;
        }
        catch (InvalidOperationException ex) when (ex.InnerException is CalcException inner)
        {
            // A limit hit inside a sort's comparer (a time budget while ordering terms) comes wrapped.
            return inner.Error;
        }
        catch (InsufficientExecutionStackException) when (maxNestingDepth is { } max)
        {
            return CalcError.LimitExceeded("maxNestingDepth", max,
                "The expression or its derivative nests too deeply to work on (limit maxNestingDepth).");
        }
    }
}
