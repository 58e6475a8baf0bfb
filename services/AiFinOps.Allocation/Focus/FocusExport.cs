using AiFinOps.Allocation.Periods;
using Microsoft.Extensions.Options;

namespace AiFinOps.Allocation.Focus;

/// <summary>Streams a billing period's FOCUS dataset: rollup rows in, FOCUS rows out, one rollup row at a time.</summary>
public sealed class FocusExport(FocusChargeReader reader, IOptions<AllocationOptions> allocation, IOptions<FocusExportOptions> focus)
{
    public IReadOnlyList<FocusColumn> Columns => FocusColumns.For(allocation.Value.ExtraDimensions);

    public IFocusWriter Writer(string format, Stream output) => format == FocusFormat.Parquet
        ? new FocusParquetWriter(output, Columns)
        : new FocusCsvWriter(output, Columns);

    /// <summary>Writes the rows of <paramref name="period"/> (only those of <paramref name="onlyTeams"/> when given); returns how many.</summary>
    public async Task<long> WriteAsync(BillingPeriod period, IReadOnlyList<string> onlyTeams, IFocusWriter writer, CancellationToken cancellationToken)
    {
        var context = FocusContext.Of(period, allocation.Value.Zone, focus.Value);
        var rows = 0L;
        await foreach (var row in reader.ReadAsync(period, onlyTeams, cancellationToken))
        {
            foreach (var charge in FocusCharges.Of(row, context))
            {
                await writer.WriteAsync(charge, cancellationToken);
                rows++;
            }
        }
        await writer.CompleteAsync(cancellationToken);
        return rows;
    }
}
