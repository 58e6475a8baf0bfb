using System.Globalization;
using System.Text;

namespace AiFinOps.Reporting.Rendering;

/// <summary>Pure: a report table as RFC 4180 CSV (CRLF, quoted where needed, invariant numbers unrounded, empty for null).</summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(ReportTable table)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(",", table.Columns.Select(Field))).Append("\r\n");
        foreach (var row in table.Rows) csv.Append(string.Join(",", row.Select(Cell))).Append("\r\n");
        return csv.ToString();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        IFormattable number => Field(number.ToString(null, CultureInfo.InvariantCulture)),
        _ => Field(value.ToString() ?? ""),
    };

    private static string Field(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
