namespace AiFinOps.Reporting.Rendering;

/// <summary>
/// One table of a report as the HTML page and the CSV files show it: <see cref="Name"/> is its CSV file name
/// (<c>.../{name}.csv</c>), cells are text, numbers (decimal, long, double) or null, so each format writes them its way.
/// </summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A chart of the HTML page: labelled values, drawn as horizontal bars or as columns over time.</summary>
public sealed record ReportChart(string Title, bool OverTime, IReadOnlyList<(string Label, decimal Value)> Values);

/// <summary>What a page shows: its title, the headline figures, the charts and the tables.</summary>
public sealed record ReportView(string Title, string Subtitle, IReadOnlyList<(string Label, string Value)> Headline, IReadOnlyList<ReportChart> Charts,
    IReadOnlyList<ReportTable> Tables);
