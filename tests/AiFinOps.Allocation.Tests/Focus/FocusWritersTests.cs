using System.Text;
using AiFinOps.Allocation.Focus;
using AiFinOps.Allocation.Ledger;
using Parquet;
using Parquet.Schema;
using static AiFinOps.Allocation.Tests.Focus.DailyRows;

namespace AiFinOps.Allocation.Tests.Focus;

public sealed class FocusWritersTests
{
    private static readonly IReadOnlyList<FocusColumn> Columns = FocusColumns.For(["customer"]);

    private static List<FocusCharge> Charges(RollupRow? row = null) =>
        FocusCharges.Of(row ?? Row(key: Key(extra: """{"customer":"Acme, \"Inc\""}""")), Context()).ToList();

    private static async Task<string> CsvAsync(IEnumerable<FocusCharge> charges)
    {
        var body = new AsyncOnlyStream();
        await using (var writer = new FocusCsvWriter(body, Columns))
        {
            foreach (var charge in charges) await writer.WriteAsync(charge, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }
        return Encoding.UTF8.GetString(body.Written.ToArray());
    }

    private static async Task<MemoryStream> ParquetAsync(IEnumerable<FocusCharge> charges)
    {
        var body = new AsyncOnlyStream();
        await using (var writer = new FocusParquetWriter(body, Columns))
        {
            foreach (var charge in charges) await writer.WriteAsync(charge, CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }
        return new MemoryStream(body.Written.ToArray());
    }

    [Fact]
    public async Task Csv_has_a_header_of_the_column_names_and_one_line_per_charge()
    {
        var csv = await CsvAsync(Charges());

        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(',', Columns.Select(c => c.Name)), lines[0]);
        Assert.Equal(7, lines.Length); // header, 5 SKUs, and the empty string after the last CRLF
        Assert.Equal("", lines[^1]);
        Assert.False(csv.StartsWith('\uFEFF'), "no byte-order mark");
    }

    [Fact]
    public async Task Csv_writes_iso_utc_date_times_exact_decimals_nulls_as_empty_fields_and_quotes_json()
    {
        var charge = Charges()[0] with { ListUnitPrice = 0.000000123456789012345678m, RegionId = null };

        var fields = Fields((await CsvAsync([charge])).Split("\r\n")[1]);
        var value = Columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => fields[x.i]);

        Assert.Equal("2026-11-01T00:00:00Z", value["BillingPeriodStart"]);
        Assert.Equal("2026-12-01T00:00:00Z", value["BillingPeriodEnd"]);
        Assert.Equal("2026-11-15T00:00:00Z", value["ChargePeriodStart"]);
        Assert.Equal("2026-11-16T00:00:00Z", value["ChargePeriodEnd"]);
        Assert.Equal("0.000000123456789012345678", value["ListUnitPrice"]);
        Assert.Equal("0.006", value["ListCost"]);
        Assert.Equal("", value["RegionId"]);
        Assert.Equal("", value["ChargeClass"]);
        Assert.Equal("Acme, \"Inc\"", value["x_Customer"]);
        Assert.Equal(charge.Tags, value["Tags"]);
    }

    [Fact]
    public async Task An_empty_period_is_a_csv_with_only_its_header()
    {
        Assert.Equal(string.Join(',', Columns.Select(c => c.Name)) + "\r\n", await CsvAsync([]));
    }

    [Fact]
    public async Task Parquet_has_every_column_with_its_logical_type_and_required_where_focus_forbids_nulls()
    {
        using var file = await ParquetAsync(Charges());
        await using var reader = await ParquetReader.CreateAsync(file);

        var fields = reader.Schema.GetDataFields();
        Assert.Equal(Columns.Select(c => c.Name), fields.Select(f => f.Name));
        foreach (var (column, field) in Columns.Zip(fields))
        {
            Assert.Equal(column.Nullable, field.IsNullable);
            switch (column.Type)
            {
                case FocusType.Decimal:
                    var number = Assert.IsType<DecimalDataField>(field);
                    Assert.Equal((38, 18), (number.Precision, number.Scale));
                    break;
                case FocusType.DateTime:
                    Assert.True(Assert.IsType<DateTimeDataField>(field).IsAdjustedToUTC, $"{column.Name} is a UTC timestamp");
                    break;
                default:
                    var element = reader.Metadata!.Schema.Single(e => e.Name == column.Name);
                    Assert.NotNull(element.LogicalType?.STRING);
                    break;
            }
        }
    }

    [Fact]
    public async Task Parquet_round_trips_the_values()
    {
        var charges = Charges();
        using var file = await ParquetAsync(charges);
        await using var reader = await ParquetReader.CreateAsync(file);
        var group = reader.OpenRowGroupReader(0);
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Name);

        var listCost = new decimal[5];
        await group.ReadAsync<decimal>(fields["ListCost"], listCost.AsMemory());
        var unitPrice = new decimal?[5];
        await group.ReadAsync<decimal>(fields["ListUnitPrice"], unitPrice.AsMemory());
        var start = new DateTime[5];
        await group.ReadAsync<DateTime>(fields["ChargePeriodStart"], start.AsMemory());
        var chargeClass = new string?[5];
        await group.ReadAsync(fields["ChargeClass"], chargeClass.AsMemory());
        var meter = new string?[5];
        await group.ReadAsync(fields["SkuMeter"], meter.AsMemory());

        Assert.Equal(5, group.RowCount);
        Assert.Equal(charges.Select(c => c.ListCost), listCost);
        Assert.Equal(3.00m, unitPrice[0]);
        Assert.Equal(charges[0].ChargePeriodStart.UtcDateTime, start[0]);
        Assert.All(chargeClass, Assert.Null);
        Assert.Equal(charges.Select(c => c.SkuMeter), meter);
    }

    [Fact]
    public async Task Parquet_writes_a_row_group_per_batch_so_memory_stays_bounded()
    {
        var charge = Charges()[0];

        using var file = await ParquetAsync(Enumerable.Repeat(charge, FocusParquetWriter.RowGroupSize + 1));
        await using var reader = await ParquetReader.CreateAsync(file);

        Assert.Equal(2, reader.RowGroupCount);
        Assert.Equal(FocusParquetWriter.RowGroupSize + 1, reader.Metadata!.NumRows);
    }

    [Fact]
    public async Task An_empty_period_is_a_valid_parquet_file_without_rows()
    {
        using var file = await ParquetAsync([]);
        await using var reader = await ParquetReader.CreateAsync(file);

        Assert.Equal(0, reader.Metadata!.NumRows);
        Assert.Equal(Columns.Count, reader.Schema.GetDataFields().Length);
    }

    [Theory]
    [InlineData(null, null, "csv")]
    [InlineData("parquet", "text/csv", "parquet")]
    [InlineData("CSV", null, "csv")]
    [InlineData(null, "application/vnd.apache.parquet", "parquet")]
    [InlineData(null, "application/x-parquet", "parquet")]
    [InlineData(null, "text/csv", "csv")]
    [InlineData(null, "*/*", "csv")]
    public void The_format_is_asked_by_parameter_or_accept_header_and_csv_by_default(string? format, string? accept, string expected)
    {
        Assert.Equal((expected, null), FocusFormat.Choose(format, accept));
    }

    [Fact]
    public void An_unknown_format_is_refused()
    {
        Assert.NotNull(FocusFormat.Choose("xlsx", null).Error);
    }

    /// <summary>RFC 4180 fields of one line.</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else field.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }
}
