using System.Globalization;
using System.Text;

namespace AiFinOps.Cli.Common;

/// <summary>Pure RFC 4180 CSV: a header line, then one line per row; fields quoted when they hold a comma, a quote or
/// a line break; CRLF line ends, as spreadsheets and finance imports expect.</summary>
public static class CsvText
{
    public static string Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        var csv = new StringBuilder();
        Line(csv, headers);
        foreach (var row in rows) Line(csv, row);
        return csv.ToString();
    }

    /// <summary>A number as CSV carries it: invariant culture, unrounded, no thousands separator or currency sign.</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder csv, IReadOnlyList<string?> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) csv.Append(',');
            csv.Append(Field(fields[i] ?? ""));
        }
        csv.Append("\r\n");
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
