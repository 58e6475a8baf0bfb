using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Focus.FocusFiles;

namespace AiFinOps.IntegrationTests.Focus;

/// <summary>
/// The FOCUS 1.2 export of a billing period downloaded as finance would and read back by hand and with DuckDB: every
/// Mandatory column with its type and nullability, values from the spec, ISO 8601 UTC periods with exclusive ends,
/// and costs that sum exactly to the ledger.
/// </summary>
public sealed partial class FocusExportTests(FocusSystem system) : IClassFixture<FocusSystem>
{
    private const string Admin = AiFinOpsSystem.AdminKey;
    private static readonly string[] CostColumns = ["BilledCost", "ContractedCost", "EffectiveCost", "ListCost"];

    private string Period => system.Scenario.Period.ToString();
    private string ExportPath => $"/api/v1/exports/focus/{Period}";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex IsoUtc();

    private static decimal Sum(IEnumerable<Dictionary<string, string?>> rows, string column) =>
        rows.Sum(r => decimal.Parse(r[column]!, NumberStyles.Number, CultureInfo.InvariantCulture));

    private static DateTimeOffset Instant(string? text) => DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_csv_has_every_mandatory_column_values_from_the_spec_and_sums_exactly_to_the_ledger()
    {
        var finance = await SpendApi.IssueKeyAsync(system.Ingest, "finance", ["finance"]);
        var (header, rows) = ReadCsv(await DownloadAsync(system.Allocation, finance, ExportPath, system.Downloads, "csv"));
        var ledger = await system.LedgerAsync(Period);

        foreach (var column in FocusReference.Mandatory)
        {
            Assert.Contains(column.Name, header);
            if (!column.NullsAllowed) Assert.All(rows, r => Assert.NotNull(r[column.Name]));
        }
        Assert.All(header.Where(h => FocusReference.Columns.All(c => c.Name != h)), h => Assert.StartsWith("x_", h));

        Assert.Equal(ledger.Billed, Sum(rows, "BilledCost"));
        Assert.Equal(ledger.List, Sum(rows, "ListCost"));
        Assert.Equal(ledger.Effective, Sum(rows, "EffectiveCost"));
        Assert.Equal(ledger.Effective, Sum(rows, "ContractedCost"));

        Assert.All(rows, r =>
        {
            Assert.Equal("Usage", r["ChargeCategory"]);
            Assert.Contains(r["ChargeClass"], new[] { null, "Correction" });
            Assert.Equal("Usage-Based", r["ChargeFrequency"]);
            Assert.Equal("USD", r["BillingCurrency"]);
            Assert.Equal("AI and Machine Learning", r["ServiceCategory"]);
            Assert.Equal(("acme-corp", "Acme Corp"), (r["BillingAccountId"], r["BillingAccountName"]));
            Assert.Equal(r["x_Team"], r["SubAccountId"]);
            Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(r["Tags"]!).RootElement.ValueKind);
            foreach (var column in CostColumns) Assert.DoesNotContain("E", r[column]!, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Contains(rows, r => r["ChargeClass"] == "Correction");
        Assert.Contains(rows, r => r["ChargeClass"] is null);
        Assert.Equal(["cache-read", "cache-write", "input", "output", "reasoning"], rows.Select(r => r["x_TokenType"]).Distinct().Order());
        Assert.Contains(rows, r => r["ProviderName"] == "AWS" && r["PublisherName"] == "Anthropic" && r["ServiceName"] == "Amazon Bedrock");
        Assert.Contains(rows, r => r["RegionId"] == "eu-central-1" && r["x_Region"] == "eu-central-1");
        Assert.Contains(rows, r => r["x_Product"] == "p1");
    }

    [Fact]
    public async Task Each_token_sku_is_charged_at_its_catalogue_rate_per_million_tokens()
    {
        var (_, rows) = ReadCsv(await DownloadAsync(system.Allocation, Admin, ExportPath, system.Downloads, "csv"));
        decimal? Number(string? text) => text is null ? null : decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
        decimal Rate(string model, string tokenType) => Assert.Single(rows
            .Where(r => r["x_Model"] == model && r["x_TokenType"] == tokenType)
            .Select(r => Number(r["ListUnitPrice"]))
            .Distinct())!.Value;

        Assert.Equal((0.15m, 0.075m, 0.60m), (Rate("gpt-4o-mini", "input"), Rate("gpt-4o-mini", "cache-read"), Rate("gpt-4o-mini", "output")));
        Assert.Equal((3.00m, 0.30m, 3.75m, 15.00m), (Rate("claude-sonnet-4-20250514", "input"), Rate("claude-sonnet-4-20250514", "cache-read"),
            Rate("claude-sonnet-4-20250514", "cache-write"), Rate("claude-sonnet-4-20250514", "output")));
        Assert.Equal(8.00m, Rate("o3", "reasoning")); // o3 bills reasoning as output
        Assert.All(rows.Where(r => r["x_Provider"] == "acme"), r => Assert.Null(r["ListUnitPrice"])); // unpriced
        Assert.All(rows.Where(r => r["ListUnitPrice"] is not null), r =>
        {
            Assert.Equal(Number(r["ListCost"]), Number(r["ListUnitPrice"]) * Number(r["PricingQuantity"]));
            Assert.Equal(Number(r["ConsumedQuantity"]) / 1_000_000m, Number(r["PricingQuantity"]));
            Assert.Equal(("Tokens", "1000000 Tokens"), (r["ConsumedUnit"], r["PricingUnit"]));
        });
    }

    [Fact]
    public async Task Periods_are_iso_8601_utc_with_exclusive_ends_the_charge_a_utc_day_and_the_billing_period_the_org_month()
    {
        var (_, rows) = ReadCsv(await DownloadAsync(system.Allocation, Admin, ExportPath, system.Downloads, "csv"));
        var zone = TimeZoneInfo.FindSystemTimeZoneById(FocusSystem.TimeZone);
        var (start, end) = (system.Scenario.Period.Start(zone), system.Scenario.Period.End(zone));

        Assert.All(rows, r =>
        {
            foreach (var column in new[] { "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd" })
                Assert.Matches(IsoUtc(), r[column]);
            Assert.Equal((start, end), (Instant(r["BillingPeriodStart"]), Instant(r["BillingPeriodEnd"])));
            var (chargeStart, chargeEnd) = (Instant(r["ChargePeriodStart"]), Instant(r["ChargePeriodEnd"]));
            Assert.True(chargeStart < chargeEnd && chargeEnd - chargeStart <= TimeSpan.FromDays(1));
            if (r["ChargeClass"] is null) Assert.True(chargeStart >= start && chargeEnd <= end, "a regular charge lies in its billing period");
            else Assert.True(chargeEnd <= start, "a correction charges usage of the closed period before");
        });
    }

    [Fact]
    public async Task The_csv_imports_into_duckdb_with_auto_detection()
    {
        var file = await DownloadAsync(system.Allocation, Admin, $"{ExportPath}?format=csv", system.Downloads, "csv");
        var ledger = await system.LedgerAsync(Period);
        using var duck = DuckDb();

        var types = Query(duck, $"DESCRIBE SELECT * FROM read_csv('{file}', auto_detect = true, header = true)")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        foreach (var column in FocusReference.Mandatory)
        {
            var expected = column.Type switch
            {
                "Decimal" => new[] { "DOUBLE", "DECIMAL" },
                "Date/Time" => ["TIMESTAMP WITH TIME ZONE"],
                _ => ["VARCHAR"],
            };
            Assert.True(expected.Any(e => types[column.Name].StartsWith(e, StringComparison.Ordinal)),
                $"{column.Name} reads as {types[column.Name]}, expected {string.Join(" or ", expected)}");
        }

        var rows = Query(duck, $"SELECT count(*), sum(BilledCost) FROM read_csv('{file}', auto_detect = true)").Single();
        Assert.Equal(ReadCsv(file).Rows.Count, Convert.ToInt64(rows[0], CultureInfo.InvariantCulture));
        Assert.Equal((double)ledger.Billed, Convert.ToDouble(rows[1], CultureInfo.InvariantCulture), 9);

        var exact = Query(duck, $"SELECT sum(BilledCost), sum(ListCost) FROM read_csv('{file}', auto_detect = true, " +
            "types = {'BilledCost': 'DECIMAL(38,18)', 'ListCost': 'DECIMAL(38,18)'})").Single();
        Assert.Equal((ledger.Billed, ledger.List), ((decimal)exact[0]!, (decimal)exact[1]!));
        Assert.Equal(0L, Convert.ToInt64(Query(duck, $"SELECT count(*) FROM read_csv('{file}', auto_detect = true) " +
            "WHERE ChargeCategory <> 'Usage' OR ServiceCategory <> 'AI and Machine Learning' OR BilledCost IS NULL").Single()[0],
            CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_parquet_imports_into_duckdb_with_decimal_utc_timestamp_and_string_types_and_exact_sums()
    {
        var file = await DownloadAsync(system.Allocation, Admin, $"{ExportPath}?format=parquet", system.Downloads, "parquet");
        var csv = ReadCsv(await DownloadAsync(system.Allocation, Admin, ExportPath, system.Downloads, "csv"));
        var ledger = await system.LedgerAsync(Period);
        using var duck = DuckDb();

        var types = Query(duck, $"DESCRIBE SELECT * FROM read_parquet('{file}')").ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal(csv.Header, types.Keys);
        var schema = Query(duck, $"SELECT name, repetition_type FROM parquet_schema('{file}') WHERE name <> 'schema'")
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        foreach (var column in FocusReference.Mandatory)
        {
            var expected = column.Type switch { "Decimal" => "DECIMAL(38,18)", "Date/Time" => "TIMESTAMP WITH TIME ZONE", _ => "VARCHAR" };
            Assert.Equal((column.Name, expected), (column.Name, types[column.Name]));
            Assert.Equal((column.Name, column.NullsAllowed ? "OPTIONAL" : "REQUIRED"), (column.Name, schema[column.Name]));
        }

        var sums = Query(duck, $"SELECT count(*), sum(BilledCost), sum(EffectiveCost), sum(ListCost) FROM read_parquet('{file}')").Single();
        Assert.Equal(csv.Rows.Count, Convert.ToInt64(sums[0], CultureInfo.InvariantCulture));
        Assert.Equal((ledger.Billed, ledger.Effective, ledger.List), ((decimal)sums[1]!, (decimal)sums[2]!, (decimal)sums[3]!));

        var classes = Query(duck, $"SELECT DISTINCT coalesce(ChargeClass, '(null)') FROM read_parquet('{file}') ORDER BY 1").Select(r => r[0]);
        Assert.Equal(["(null)", "Correction"], classes);
        var products = Query(duck, $"SELECT count(*) FROM read_parquet('{file}') WHERE json_extract_string(Tags, '$.product') = x_Product");
        Assert.True(Convert.ToInt64(products.Single()[0], CultureInfo.InvariantCulture) > 0, "Tags is JSON that DuckDB reads");
    }

    [Fact]
    public async Task Parquet_is_chosen_by_the_accept_header_and_csv_is_the_default()
    {
        using var parquet = await GetAsync(system.Allocation, Admin, ExportPath, accept: "application/vnd.apache.parquet");
        Assert.Equal("application/vnd.apache.parquet", parquet.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"aifinops-focus-{Period}.parquet", parquet.Content.Headers.ContentDisposition?.FileNameStar ?? parquet.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("PAR1"u8.ToArray(), (await parquet.Content.ReadAsByteArrayAsync())[..4]);

        using var csv = await GetAsync(system.Allocation, Admin, ExportPath);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BilledCost,", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_team_restricted_key_exports_only_its_teams_rows_and_the_organisation_needs_the_finance_scope()
    {
        var searchFinance = await SpendApi.IssueKeyAsync(system.Ingest, "search finance", ["finance"], ["search"]);
        var searchReader = await SpendApi.IssueKeyAsync(system.Ingest, "search reader", ["read"], ["search"]);
        var reader = await SpendApi.IssueKeyAsync(system.Ingest, "org reader", ["read"]);
        var ledger = await system.LedgerAsync(Period, team: "search");
        var everything = await system.LedgerAsync(Period);
        Assert.True(ledger.Events > 0 && ledger.Billed < everything.Billed);

        foreach (var key in new[] { searchFinance, searchReader })
        {
            var (_, rows) = ReadCsv(await DownloadAsync(system.Allocation, key, ExportPath, system.Downloads, "csv"));
            Assert.All(rows, r => Assert.Equal(("search", "search"), (r["x_Team"], r["SubAccountId"])));
            Assert.Equal(ledger.Billed, Sum(rows, "BilledCost"));

            var parquet = await DownloadAsync(system.Allocation, key, $"{ExportPath}?format=parquet", system.Downloads, "parquet");
            using var duck = DuckDb();
            var seen = Query(duck, $"SELECT count(*) FILTER (WHERE x_Team <> 'search'), sum(BilledCost) FROM read_parquet('{parquet}')").Single();
            Assert.Equal((0L, ledger.Billed), (Convert.ToInt64(seen[0], CultureInfo.InvariantCulture), (decimal)seen[1]!));
        }

        using var forbidden = await GetAsync(system.Allocation, reader, ExportPath);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains("finance scope", await forbidden.Content.ReadAsStringAsync());
        using var anonymous = system.Allocation.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(ExportPath)).StatusCode);
    }

    [Fact]
    public async Task The_run_detail_splits_each_charge_by_run_id_and_still_sums_exactly_to_the_ledger()
    {
        var runs = ReadCsv(await DownloadAsync(system.Allocation, Admin, $"{ExportPath}?detail=run", system.Downloads, "csv"));
        var charges = ReadCsv(await DownloadAsync(system.Allocation, Admin, ExportPath, system.Downloads, "csv"));
        var ledger = await system.LedgerAsync(Period);

        Assert.Contains("x_RunId", runs.Header);
        Assert.DoesNotContain("x_RunId", charges.Header);
        Assert.True(runs.Rows.Count > charges.Rows.Count, "a charge of several runs becomes several rows");
        foreach (var (column, total) in new[] { ("BilledCost", ledger.Billed), ("ListCost", ledger.List), ("EffectiveCost", ledger.Effective) })
            Assert.Equal((column, total), (column, Sum(runs.Rows, column)));
        Assert.Equal(await system.RunIdsAsync(Period), runs.Rows.Select(r => r["x_RunId"]!).Distinct().Order(StringComparer.Ordinal));

        // Each charge of the default export is exactly the sum of its rows split by run: its list cost (itemised per SKU
        // by the ledger) and its tokens. Effective and billed costs are split per SKU in proportion, so only their totals tie.
        static string ChargeKey(Dictionary<string, string?> r) => string.Join("|", r.Where(c => c.Key is not ("x_RunId" or "BilledCost"
            or "ContractedCost" or "EffectiveCost" or "ListCost" or "ConsumedQuantity" or "PricingQuantity" or "ChargeDescription"
            or "ListUnitPrice" or "ContractedUnitPrice")).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value));
        var split = runs.Rows.GroupBy(ChargeKey).ToDictionary(g => g.Key, g => (Sum(g, "ListCost"),
            g.Sum(r => r["ConsumedQuantity"] is { } q ? decimal.Parse(q, CultureInfo.InvariantCulture) : 0m)));
        Assert.Equal(charges.Rows.Count, split.Count);
        Assert.All(charges.Rows, r => Assert.Equal((Sum([r], "ListCost"),
            r["ConsumedQuantity"] is { } q ? decimal.Parse(q, CultureInfo.InvariantCulture) : 0m), split[ChargeKey(r)]));

        using var parquet = await GetAsync(system.Allocation, Admin, $"{ExportPath}?detail=run&format=parquet");
        Assert.Equal($"aifinops-focus-{Period}-runs.parquet", parquet.Content.Headers.ContentDisposition?.FileNameStar ?? parquet.Content.Headers.ContentDisposition?.FileName);
        using var wrong = await GetAsync(system.Allocation, Admin, $"{ExportPath}?detail=call");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("\"detail\"", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_period_or_format_is_a_validation_problem()
    {
        using var period = await GetAsync(system.Allocation, Admin, "/api/v1/exports/focus/2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, period.StatusCode);
        Assert.Contains("\"period\"", await period.Content.ReadAsStringAsync());

        using var format = await GetAsync(system.Allocation, Admin, $"{ExportPath}?format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("\"format\"", await format.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_period_without_usage_is_a_file_with_only_the_header()
    {
        var (header, rows) = ReadCsv(await DownloadAsync(system.Allocation, Admin, "/api/v1/exports/focus/2001-01", system.Downloads, "csv"));

        Assert.Contains("BilledCost", header);
        Assert.Empty(rows);
    }
}
