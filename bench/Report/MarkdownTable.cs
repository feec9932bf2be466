using System.Text;

namespace CalcApi.Bench.Report;

/// <summary>A Markdown table padded so it also reads as plain text; columns whose header ends with ':' are right-aligned.</summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly bool[] _right;
    private readonly List<string[]> _rows = [];

    public MarkdownTable(params string[] headers)
    {
        _right = [.. headers.Select(h => h.EndsWith(':'))];
        _headers = [.. headers.Select(h => h.TrimEnd(':'))];
    }

    public MarkdownTable Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"A row needs {_headers.Length} cells, not {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
        return this;
    }

    public override string ToString()
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Append(3).Max()).ToArray();
        var sb = new StringBuilder();
        Line(sb, _headers, widths);
        sb.Append('|');
        for (var i = 0; i < widths.Length; i++)
        {
            sb.Append(' ').Append(new string('-', widths[i] - (_right[i] ? 1 : 0))).Append(_right[i] ? ": |" : " |");
        }

        sb.AppendLine();
        foreach (var row in _rows)
        {
            Line(sb, row, widths);
        }

        return sb.ToString();
    }

    private void Line(StringBuilder sb, string[] cells, int[] widths)
    {
        sb.Append('|');
        for (var i = 0; i < cells.Length; i++)
        {
            sb.Append(' ').Append(_right[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i])).Append(" |");
        }

        sb.AppendLine();
    }
}
