using System.Globalization;
using System.Runtime.ExceptionServices;
using CalcApi.Domain;
using CalcApi.Domain.Errors;

namespace CalcApi.Fuzz.Tests.Support;

/// <summary>
/// The suite's budgets, and the guard every engine call runs under: a call that throws is a bug, a
/// call that does not return within <see cref="CallTimeout"/> is a hang, and an error must say what
/// went wrong and, when it points into the expression, point inside it.
/// </summary>
public static class Harness
{
    /// <summary>What the engine gets, as the API gives it (RequestTimeoutSeconds): a token cancelled after this long.</summary>
    public static readonly TimeSpan EngineBudget = TimeSpan.FromSeconds(2);

    /// <summary>A call still running after this long is a hang (the engine did not honour its budget).</summary>
    /// <remarks>Far above the budget, so that a machine busy with other test projects (CI runs them side by side) does not pass for a hang.</remarks>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static EngineLimits Limits => EngineLimits.Default;

    /// <summary>
    /// Seconds for one property: <paramref name="seconds"/>, times CALCAPI_FUZZ_SCALE when it is set
    /// (CALCAPI_FUZZ_SCALE=20 for a long local hunt). CsCheck_Seed=... replays a reported failure.
    /// </summary>
    public static int Seconds(int seconds)
    {
        var scale = Environment.GetEnvironmentVariable("CALCAPI_FUZZ_SCALE");
        return scale is not null && double.TryParse(scale, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0
            ? Math.Max(1, (int)Math.Round(seconds * s))
            : seconds;
    }

    /// <summary>CsCheck's threads: one per property, since xunit runs two test classes at a time already.</summary>
    public const int Threads = 1;

    /// <summary>Runs one engine call with a budget, failing on a hang and rethrowing what it threw, as it was thrown.</summary>
    public static T Call<T>(string what, Func<CancellationToken, T> call)
    {
        var budget = new CancellationTokenSource(EngineBudget);
        var task = Task.Run(() => call(budget.Token));
        bool completed;
        try
        {
            completed = task.Wait(CallTimeout);
        }
        catch (AggregateException failed)
        {
            // The call threw: rethrow what it threw, with its own stack trace.
            ExceptionDispatchInfo.Capture(failed.InnerException ?? failed).Throw();
            throw;
        }

        if (!completed)
        {
            throw new TimeoutException($"{what} did not return within {CallTimeout.TotalSeconds:0} s (its budget was {EngineBudget.TotalSeconds:0} s): a hang.");
        }

        budget.Dispose();
        return task.Result;
    }

    /// <summary>A failed outcome's error is well formed (see below).</summary>
    public static void AssertWellFormed<T>(Outcome<T> outcome, string expression)
    {
        if (!outcome.IsSuccess)
        {
            AssertWellFormed(outcome.Error, expression);
        }
    }

    /// <summary>Every error has a title and a detail, names its limit, and points inside the expression.</summary>
    public static void AssertWellFormed(CalcError error, string expression)
    {
        Assert.False(string.IsNullOrWhiteSpace(error.Title), $"an error without a title: {error}");
        Assert.False(string.IsNullOrWhiteSpace(error.Detail), $"an error without a detail: {error}");
        if (error.Position is { } position)
        {
            Assert.True(position >= 0 && position <= expression.Length,
                $"the error's position {position} lies outside the expression (length {expression.Length}): {error.Detail}");
        }

        if (error.Kind == ErrorKind.LimitExceeded)
        {
            Assert.False(string.IsNullOrWhiteSpace(error.Limit), $"a limit error that names no limit: {error.Detail}");
        }
    }
}
