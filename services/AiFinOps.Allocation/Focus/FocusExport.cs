using AiFinOps.Allocation.Periods;
using Microsoft.Extensions.Options;

namespace AiFinOps.Allocation.Focus;

/// <summary>Streams a billing period's FOCUS dataset: rollup rows in, FOCUS rows out, one rollup row at a time.</summary>
public sealed class FocusExport(FocusChargeReader reader, IOptions<AllocationOptions> allocation, IOptions<FocusExportOptions> focus)
{
    public IReadOnlyList<FocusColumn> Columns(string detail = FocusDetail.Charge) => FocusColumns.For(allocation.Value.ExtraDimensions, detail);

    public IFocusWriter Writer(string format, Stream output, string detail = FocusDetail.Charge) => format == FocusFormat.Parquet
        ? new FocusParquetWriter(output, Columns(detail))
        : new FocusCsvWriter(output, Columns(detail));

    /// <summary>
    /// Writes the rows of <paramref name="period"/> (only those of <paramref name="onlyTeams"/> when given) at the level
    /// of <paramref name="detail"/>; returns how many.
    /// </summary>
    public async Task<long> WriteAsync(BillingPeriod period, IReadOnlyList<string> onlyTeams, IFocusWriter writer,
        CancellationToken cancellationToken, string detail = FocusDetail.Charge)
    {
        var context = FocusContext.Of(period, allocation.Value.Zone, focus.Value);
        var rows = 0L;
        await foreach (var (row, runId) in reader.ReadAsync(period, onlyTeams, detail, allocation.Value.Zone, cancellationToken))
        {
            foreach (var charge in FocusCharges.Of(row, context))
            {
                await writer.WriteAsync(runId is null ? charge : charge with { RunId = runId }, cancellationToken);
                rows++;
            }
        }
        await writer.CompleteAsync(cancellationToken);
        return rows;
    }
}
