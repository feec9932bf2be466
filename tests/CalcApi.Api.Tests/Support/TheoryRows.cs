namespace CalcApi.Api.Tests.Support;

public static class TheoryRows
{
    public static TheoryData<T1, T2> Of<T1, T2>(IEnumerable<(T1, T2)> rows)
    {
        var data = new TheoryData<T1, T2>();
        foreach (var (a, b) in rows)
        {
            data.Add(a, b);
        }

        return data;
    }
}
