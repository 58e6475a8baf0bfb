using System.Globalization;
using System.Text;

namespace AiFinOps.Budgeting.Budgets.ImportingBudgets;

/// <summary>One CSV row: its line number in the file, the budget id it names (if any), the draft, and its format errors.</summary>
public sealed record BudgetCsvRow(int Line, string? Id, BudgetDraft Draft, IReadOnlyList<FieldError> Errors);

/// <summary>
/// Budgets as CSV (RFC 4180, header required, columns in any order, names case-insensitive):
/// <c>id</c> (optional), <c>name</c>, <c>scope</c>, <c>period</c>, <c>amountUsd</c>, <c>thresholds</c> (e.g. <c>50;80;100</c>,
/// empty for the default), <c>owner</c>, <c>recipients</c> (<c>;</c>-separated). Lines count from 1, the header included.
/// </summary>
public static class BudgetCsv
{
    public static readonly IReadOnlyList<string> Columns = ["id", "name", "scope", "period", "amountUsd", "thresholds", "owner", "recipients"];
    private static readonly string[] Required = ["name", "scope", "period", "amountUsd", "owner"];

    public static (IReadOnlyList<BudgetCsvRow> Rows, IReadOnlyList<FieldError> HeaderErrors) Parse(string text)
    {
        var records = Records(text).ToList();
        if (records.Count == 0) return ([], [new("header", $"the file is empty; expected a header: {string.Join(",", Columns)}")]);

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var headerErrors = new List<FieldError>();
        for (var i = 0; i < header.Count; i++)
        {
            var known = Columns.FirstOrDefault(c => string.Equals(c, header[i], StringComparison.OrdinalIgnoreCase));
            if (known is null) headerErrors.Add(new("header", $"unknown column '{header[i]}'; the columns are {string.Join(", ", Columns)}"));
            else if (!index.TryAdd(known, i)) headerErrors.Add(new("header", $"column '{known}' appears twice"));
        }
        foreach (var missing in Required.Where(r => !index.ContainsKey(r))) headerErrors.Add(new("header", $"column '{missing}' is missing"));
        if (headerErrors.Count > 0) return ([], headerErrors);

        var rows = new List<BudgetCsvRow>();
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            var errors = new List<FieldError>();
            string? Field(string column) =>
                index.TryGetValue(column, out var i) && i < fields.Count && fields[i].Trim().Length > 0 ? fields[i].Trim() : null;
            if (fields.Count != header.Count) errors.Add(new("row", $"{fields.Count} fields where the header has {header.Count}"));

            decimal? amount = null;
            if (Field("amountUsd") is { } a)
            {
                if (decimal.TryParse(a, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) amount = d;
                else errors.Add(new("amountUsd", $"'{a}' is not an amount in USD; write e.g. 2500 or 2500.00"));
            }

            List<int>? thresholds = null;
            if (Field("thresholds") is { } t)
            {
                thresholds = [];
                foreach (var part in t.Split(';'))
                {
                    if (int.TryParse(part.Trim().TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p)) thresholds.Add(p);
                    else errors.Add(new("thresholds", $"'{part}' is not a whole percentage; write e.g. 80;100"));
                }
            }

            var recipients = Field("recipients")?.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
            var draft = new BudgetDraft(Field("name"), Field("scope"), Field("period"), amount, thresholds, Field("owner"), recipients);
            rows.Add(new BudgetCsvRow(line, Field("id"), draft, errors));
        }
        return (rows, []);
    }

    /// <summary>RFC 4180 records with the line each starts on (quoted fields may hold commas, quotes and line breaks).</summary>
    private static IEnumerable<(int Line, List<string> Fields)> Records(string text)
    {
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else { if (c == '\n') line++; field.Append(c); }
                }
                else if (c == '"' && field.Length == 0) quoted = true;
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
                else if (c == '\r') { }
                else if (c == '\n') { i++; line++; break; }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            yield return (start, fields);
        }
    }
}
