using System.Globalization;
using System.Text;

namespace AiFinOps.Allocation.Chargeback.GettingStatements;

/// <summary>
/// Pure: a statement as RFC 4180 CSV for finance systems — a header row, one row per line (no totals row, so a sum
/// of the column is the total), CRLF line ends, fields quoted only when they hold a comma, a quote or a line break,
/// invariant culture, decimals exactly as summed (never rounded, never in exponent form).
/// </summary>
public static class ChargebackCsv
{
    public const string ContentType = "text/csv; charset=utf-8; header=present";

    private static readonly string[] Figures =
    [
        "list_cost_usd", "effective_cost_usd", "billed_cost_usd", "events", "unpriced_events", "input_tokens",
        "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
    ];

    public static string Write(ChargebackStatement statement)
    {
        var csv = new StringBuilder();
        Row(csv, ["billing_period", .. statement.GroupBy, "charge_class", "shared_from", .. Figures]);
        foreach (var line in statement.Lines)
        {
            var a = line.Amounts;
            Row(csv, [statement.Heading.Period, .. line.Dimensions, line.ChargeClass, line.SharedFrom ?? "",
                Number(a.ListCostUsd), Number(a.EffectiveCostUsd), Number(a.BilledCostUsd), Number(a.Events), Number(a.UnpricedEvents),
                Number(a.InputTokens), Number(a.OutputTokens), Number(a.CacheReadTokens), Number(a.CacheWriteTokens), Number(a.ReasoningTokens)]);
        }
        return csv.ToString();
    }

    /// <summary>A field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, a quote, CR or LF.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static void Row(StringBuilder csv, IEnumerable<string> fields) =>
        csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
