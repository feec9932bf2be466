using System.Text.RegularExpressions;

namespace CalcApi.Api.Tests.Support;

/// <summary>One request of a .http file, with its variables substituted.</summary>
public sealed record HttpFileRequest(string Name, string Method, Uri Url, IReadOnlyList<(string Name, string Value)> Headers, string Body);

/// <summary>
/// Reads .http files in the format of VS Code's REST Client and Visual Studio: requests separated by
/// lines starting with <c>###</c> (the rest of the line names the request), file variables
/// <c>@name = value</c> used as <c>{{name}}</c>, comment lines starting with <c>#</c> or <c>//</c>,
/// then a request line <c>METHOD URL [HTTP/1.1]</c>, headers, a blank line and the body.
/// </summary>
public static partial class HttpFile
{
    public static IReadOnlyList<HttpFileRequest> Parse(string text)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        var requests = new List<HttpFileRequest>();
        var blocks = Blocks(text.ReplaceLineEndings("\n").Split('\n'));
        foreach (var (title, lines) in blocks)
        {
            var request = ParseBlock(title, lines, variables, requests.Count + 1);
            if (request is not null)
            {
                requests.Add(request);
            }
        }

        return requests;
    }

    private static List<(string Title, List<string> Lines)> Blocks(string[] lines)
    {
        var blocks = new List<(string, List<string>)> { ("", []) };
        foreach (var line in lines)
        {
            if (line.StartsWith("###", StringComparison.Ordinal))
            {
                blocks.Add((line[3..].Trim(), []));
            }
            else
            {
                blocks[^1].Item2.Add(line);
            }
        }

        return blocks;
    }

    private static HttpFileRequest? ParseBlock(string title, List<string> lines, Dictionary<string, string> variables, int number)
    {
        var i = 0;
        for (; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            var variable = VariableLine().Match(line);
            if (variable.Success)
            {
                variables[variable.Groups[1].Value] = Substitute(variable.Groups[2].Value.Trim(), variables);
            }
            else if (line.Length > 0 && !IsComment(line))
            {
                break;
            }
        }

        if (i == lines.Count)
        {
            return null;
        }

        var requestLine = RequestLine().Match(Substitute(lines[i].Trim(), variables));
        if (!requestLine.Success)
        {
            throw new FormatException($"Expected a request line 'METHOD URL' in request {number}, but found '{lines[i]}'.");
        }

        var headers = new List<(string, string)>();
        for (i++; i < lines.Count && lines[i].Trim().Length > 0; i++)
        {
            if (IsComment(lines[i].Trim()))
            {
                continue;
            }

            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Expected a header 'Name: value' in request {number}, but found '{lines[i]}'.");
            }

            headers.Add((lines[i][..colon].Trim(), Substitute(lines[i][(colon + 1)..].Trim(), variables)));
        }

        var body = Substitute(string.Join("\n", lines.Skip(i)).Trim(), variables);
        var name = title.Length > 0 ? title : $"{requestLine.Groups[1].Value} {requestLine.Groups[2].Value}";
        return new HttpFileRequest(name, requestLine.Groups[1].Value, new Uri(requestLine.Groups[2].Value), headers, body);
    }

    private static bool IsComment(string line) => line.StartsWith('#') || line.StartsWith("//", StringComparison.Ordinal);

    private static string Substitute(string text, Dictionary<string, string> variables) =>
        Placeholder().Replace(text, m => variables.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new FormatException($"The variable {{{{{m.Groups[1].Value}}}}} is used but never defined."));

    [GeneratedRegex(@"^@([A-Za-z_][\w-]*)\s*=\s*(.*)$")]
    private static partial Regex VariableLine();

    [GeneratedRegex(@"^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\S+)(?:\s+HTTP/[\d.]+)?$")]
    private static partial Regex RequestLine();

    [GeneratedRegex(@"\{\{\s*([\w-]+)\s*\}\}")]
    private static partial Regex Placeholder();
}
