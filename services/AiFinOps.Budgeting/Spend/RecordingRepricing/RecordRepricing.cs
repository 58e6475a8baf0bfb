using AiFinOps.Budgeting.Alerts.Forecasting;
using AiFinOps.Budgeting.Spend.RecordingSpend;
using AiFinOps.Contracts.Messages;
using Marten;
using Npgsql;

namespace AiFinOps.Budgeting.Spend.RecordingRepricing;

/// <summary>
/// Accrues a re-pricing page through the same path as usage (<see cref="RecordSpend"/>): each line once, keyed by its
/// ledger line id, in one transaction with the budget totals and the thresholds they cross (cause
/// <see cref="RepricedAccrual.Cause"/>). A page sent again — allocation re-publishes a page whenever it meets it
/// booked — finds its lines accrued and changes nothing. The differences count toward the workflow and model
/// contributors too, and may raise a forecast alert like usage does. A correction that takes spend back below a threshold raises
/// nothing, and the threshold stays crossed for the period.
/// </summary>
public static class RecordRepricing
{
    public static Task<SpendRecorded> HandleAsync(NpgsqlDataSource database, IDocumentStore store, SpendRepriced page,
        DateTimeOffset now, ForecastPolicy forecast, CancellationToken cancellationToken) =>
        RecordSpend.HandleAsync(database, store, page.Lines.Select(RepricedAccrual.From).ToList(), RepricedAccrual.Cause, now, forecast,
            cancellationToken);
}
