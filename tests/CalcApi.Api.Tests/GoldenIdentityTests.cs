using CalcApi.Api.Endpoints;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>Every scalar result of the lecture (Data/seed-identities.jsonl), asked for through HTTP.</summary>
public sealed class GoldenIdentityTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static readonly string[] ScalarEndpoints = [Routes.Differentiate, Routes.Gradient];

    public static TheoryData<string> ScalarCases { get; } =
        new(GoldenCases.All.Where(c => ScalarEndpoints.Contains(c.Endpoint)).Select(c => c.Id));

    [Theory]
    [MemberData(nameof(ScalarCases))]
    public async Task The_lecture_result_is_what_the_api_answers(string id)
    {
        var golden = GoldenCases.Get(id);
        using var client = factory.CreateClient();

        var answer = await (await client.PostJsonAsync(golden.Endpoint, golden.Request.GetRawText())).ReadOkAsync();

        if (golden.Endpoint == Routes.Differentiate)
        {
            Approx.Equal(golden.Expect.GetProperty("value").GetDouble(), answer.GetProperty("value").GetDouble(), id);
        }
        else
        {
            foreach (var expected in golden.Expect.GetProperty("gradient").EnumerateObject())
            {
                var component = answer.GetProperty("gradient").GetProperty(expected.Name);
                Approx.Equal(expected.Value.GetDouble(), component.GetProperty("value").GetDouble(), $"{id}: d/d{expected.Name}");
            }
        }
    }
}
