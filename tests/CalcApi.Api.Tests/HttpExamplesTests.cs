using System.Text;
using System.Text.Json;
using CalcApi.Api.Tests.Support;

namespace CalcApi.Api.Tests;

/// <summary>The requests in http-examples/*.http work as they are written.</summary>
public sealed class HttpExamplesTests(CalcApiFactory factory) : IClassFixture<CalcApiFactory>
{
    private static readonly string Folder = TestFiles.Path("http-examples");

    public static TheoryData<string, int> Requests { get; } =
        TheoryRows.Of(Directory.GetFiles(Folder, "*.http").Order(StringComparer.Ordinal)
            .SelectMany(file => Enumerable.Range(0, Read(Path.GetFileName(file)).Count).Select(i => (Path.GetFileName(file), i))));

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task The_example_request_answers_2xx(string file, int index)
    {
        var example = Read(file)[index];
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(example.Method), example.Url.PathAndQuery);
        foreach (var (name, value) in example.Headers.Where(h => !h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (example.Body.Length > 0)
        {
            var contentType = example.Headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "text/plain";
            request.Content = new StringContent(example.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var response = await client.SendAsync(request);

        Assert.True(response.IsSuccessStatusCode, $"{file} '{example.Name}': {(int)response.StatusCode} {Calc.Shorten(await response.Content.ReadAsStringAsync())}");
    }

    [Fact]
    public void Every_example_targets_the_address_that_dotnet_run_listens_on()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(TestFiles.Path("api", "launchSettings.json")));
        var listening = new Uri(settings.RootElement.GetProperty("profiles").GetProperty("http").GetProperty("applicationUrl").GetString()!);

        var files = Directory.GetFiles(Folder, "*.http");

        Assert.Contains(files, f => Path.GetFileName(f) == "differentiate.http");
        Assert.Contains(files, f => Path.GetFileName(f) == "gradient.http");
        Assert.Contains(files, f => Path.GetFileName(f) == "health.http");
        Assert.All(files.SelectMany(f => Read(Path.GetFileName(f))), r => Assert.Equal(listening.GetLeftPart(UriPartial.Authority), r.Url.GetLeftPart(UriPartial.Authority)));
    }

    [Fact]
    public void The_parser_reads_variables_names_headers_and_bodies()
    {
        var requests = HttpFile.Parse("""
            @host = http://localhost:5000
            # a comment
            ### First
            POST {{host}}/api/differentiate HTTP/1.1
            Content-Type: application/json

            { "expression": "x^2" }

            ###
            GET {{host}}/health
            """);

        Assert.Equal(2, requests.Count);
        Assert.Equal("First", requests[0].Name);
        Assert.Equal("POST", requests[0].Method);
        Assert.Equal("http://localhost:5000/api/differentiate", requests[0].Url.ToString());
        Assert.Equal([("Content-Type", "application/json")], requests[0].Headers);
        Assert.Equal("""{ "expression": "x^2" }""", requests[0].Body);
        Assert.Equal("GET", requests[1].Method);
        Assert.Equal("", requests[1].Body);
    }

    private static IReadOnlyList<HttpFileRequest> Read(string file) => HttpFile.Parse(File.ReadAllText(Path.Combine(Folder, file)));
}
