using System.Globalization;
using System.Net;
using System.Text;

namespace AiFinOps.Reporting.Rendering;

/// <summary>
/// Pure: a report as one self-contained HTML page — inline CSS (with print rules: A4, no broken rows, charts kept
/// whole), headline figures, inline SVG charts and every table with a link to its CSV. No script, no external resource.
/// </summary>
public static class Html
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        :root { --ink: #1c2430; --muted: #5b6573; --line: #d9dee5; --accent: #2f6fb2; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 980px; padding: 0 1rem; }
        h1 { font-size: 1.6rem; margin: 0 0 .2rem; } h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; }
        .subtitle, .empty, .csv { color: var(--muted); } .csv { font-size: .8rem; font-weight: normal; margin-left: .5rem; }
        .headline { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.2rem 0; }
        .figure { border: 1px solid var(--line); border-radius: 6px; padding: .6rem 1rem; min-width: 180px; }
        .figure .label { color: var(--muted); font-size: .8rem; } .figure .value { font-size: 1.3rem; font-weight: 600; }
        table { border-collapse: collapse; width: 100%; font-size: .85rem; }
        th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
        .wide { overflow-x: auto; } th { background: #f3f5f8; } td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        svg { max-width: 100%; height: auto; font-size: 11px; fill: var(--ink); } svg .bar { fill: var(--accent); }
        @media print {
          @page { size: A4; margin: 14mm; }
          body { margin: 0; max-width: none; font-size: 10pt; } table { font-size: 8pt; } .wide { overflow: visible; } a { color: inherit; text-decoration: none; } .csv { display: none; }
          tr, .figure, figure { break-inside: avoid; } h2 { break-after: avoid; } th { background: #eee !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          svg .bar { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """;

    /// <summary>The page; <paramref name="csvBase"/> is the path the tables' CSV files hang under (<c>{csvBase}/{table}.csv</c>).</summary>
    public static string Page(ReportView view, string csvBase)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Encode(view.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>")
            .Append("<header><h1>").Append(Encode(view.Title)).Append("</h1><p class=\"subtitle\">").Append(Encode(view.Subtitle)).Append("</p></header>")
            .Append("<section class=\"headline\">");
        foreach (var (label, value) in view.Headline)
            html.Append("<div class=\"figure\"><div class=\"label\">").Append(Encode(label)).Append("</div><div class=\"value\">").Append(Encode(value)).Append("</div></div>");
        html.Append("</section>");
        foreach (var chart in view.Charts)
            html.Append("<figure><h2>").Append(Encode(chart.Title)).Append("</h2>").Append(SvgCharts.Draw(chart)).Append("</figure>");
        foreach (var table in view.Tables)
        {
            html.Append("<section><h2>").Append(Encode(table.Title))
                .Append("<a class=\"csv\" href=\"").Append(Encode($"{csvBase}/{table.Name}.csv")).Append("\">CSV</a></h2>");
            if (table.Rows.Count == 0)
            {
                html.Append("<p class=\"empty\">None.</p></section>");
                continue;
            }
            html.Append("<div class=\"wide\"><table><thead><tr>");
            foreach (var column in table.Columns) html.Append("<th>").Append(Encode(column.Replace('_', ' '))).Append("</th>");
            html.Append("</tr></thead><tbody>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>");
                for (var i = 0; i < row.Count; i++)
                    html.Append(row[i] is IFormattable ? "<td class=\"num\">" : "<td>").Append(Encode(Cell(table.Columns[i], row[i]))).Append("</td>");
                html.Append("</tr>");
            }
            html.Append("</tbody></table></div></section>");
        }
        return html.Append("<footer class=\"subtitle\"><p>AiFinOps reporting. Figures tie out to the allocation API for the same period.</p></footer></body></html>").ToString();
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public static string Usd(decimal amount) => "$" + amount.ToString(Math.Abs(amount) < 1 && amount != 0 ? "N4" : "N2", CultureInfo.InvariantCulture);

    public static string Signed(decimal amount) => (amount > 0 ? "+" : amount < 0 ? "-" : "") + Usd(Math.Abs(amount));

    /// <summary>Money columns in dollars, percentages to two places, counts with separators.</summary>
    private static string Cell(string column, object? value) => value switch
    {
        null => "–",
        decimal d when column.EndsWith("_usd", StringComparison.Ordinal) => Usd(d),
        decimal d => d.ToString("#,0.####", CultureInfo.InvariantCulture),
        double d => d.ToString("#,0.####", CultureInfo.InvariantCulture),
        long or int => ((IFormattable)value).ToString("N0", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
