using System.Text;

namespace AiFinOps.Web.Downloads;

/// <summary>RFC 4180 CSV: a header line, then one line per row; fields with commas, quotes or line breaks quoted,
/// quotes doubled; CRLF line ends; decimals written as the API gave them (never rounded).</summary>
public static class Csv
{
    public static string Build(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var csv = new StringBuilder();
        Line(csv, header);
        foreach (var row in rows) Line(csv, row);
        return csv.ToString();
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static void Line(StringBuilder csv, IReadOnlyList<string> fields) =>
        csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
}
