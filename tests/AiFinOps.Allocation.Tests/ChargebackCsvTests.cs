using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.Chargeback.GettingStatements;
using static AiFinOps.Allocation.Tests.ChargebackStatementTests;

namespace AiFinOps.Allocation.Tests;

public sealed class ChargebackCsvTests
{
    [Fact]
    public void The_csv_has_a_header_then_one_crlf_terminated_row_per_line_with_unrounded_invariant_decimals()
    {
        var charges = new[]
        {
            new Charge("CC-1", "search", "triage", "prod", "openai", "gpt-4o-mini", "Regular", null,
                new ChargeAmounts(1234.5678901234m, 0.000150m, 2m, 1_000_000, 2, 3, 4, 5, 6, 7)),
        };

        var csv = ChargebackCsv.Write(ChargebackStatement.Build(November, charges, ["cost_centre", "team"], []));

        Assert.Equal(
            "billing_period,cost_centre,team,charge_class,shared_from,list_cost_usd,effective_cost_usd,billed_cost_usd,events,unpriced_events," +
            "input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens\r\n" +
            "2026-11,CC-1,search,Regular,,1234.5678901234,0.000150,2,1000000,2,3,4,5,6,7\r\n",
            csv);
    }

    [Fact]
    public void Decimals_are_written_the_same_in_any_culture()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var csv = ChargebackCsv.Write(ChargebackStatement.Build(November, [Charge("CC", "t", 1234.5m)], ["cost_centre"], []));
            Assert.Contains(",1234.5,1234.5,1234.5,1,0,100,50,0,0,0\r\n", csv);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("line\nfeed", "\"line\nfeed\"")]
    [InlineData(" spaced ", " spaced ")]
    [InlineData("", "")]
    public void Fields_are_quoted_only_when_rfc_4180_requires_it(string value, string written) =>
        Assert.Equal(written, ChargebackCsv.Field(value));

    [Fact]
    public void A_value_with_commas_and_quotes_round_trips_through_a_csv_reader()
    {
        var csv = ChargebackCsv.Write(ChargebackStatement.Build(November, [Charge("Sales, \"EMEA\"", "t", 1m)], ["cost_centre"], []));

        var rows = ParseCsv(csv);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Sales, \"EMEA\"", rows[1][1]);
        Assert.Equal(rows[0].Count, rows[1].Count);
    }

    [Fact]
    public void The_rows_sum_to_the_statement_totals()
    {
        var statement = ChargebackStatement.Build(November,
            [Charge("A", "a", 0.1m), Charge("B", "b", 0.2m), Charge("A", "a", -0.05m, chargeClass: "Correction")], ["cost_centre"], []);

        var rows = ParseCsv(ChargebackCsv.Write(statement));
        var effective = rows[0].IndexOf("effective_cost_usd");
        Assert.Equal(statement.Totals.EffectiveCostUsd, rows.Skip(1).Sum(r => decimal.Parse(r[effective], System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>A minimal RFC 4180 reader, to check what a finance system would read back.</summary>
    private static List<List<string>> ParseCsv(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
            else field.Append(c);
        }
        return rows;
    }
}
