using AiFinOps.Budgeting.Alerts;
using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Npgsql;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

/// <summary>
/// Accrues the priced usage of several bus messages at once (a MassTransit batch, see
/// <see cref="UsageBatchPricedConsumerDefinition"/>) in one transaction: every transaction locks the spend rows of the
/// budgets it adds to — the org-wide ones on every message — so fewer, larger transactions are what keeps budgeting
/// up with ingest. Exactly-once stays per usage (the <c>accrued_events</c> key); a failed batch is retried whole.
/// </summary>
public sealed class UsageBatchPricedConsumer(NpgsqlDataSource database, IDocumentStore store, AlertSignal signal,
    BudgetingSettings settings, TimeProvider clock, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<Batch<UsageBatchPriced>>
{
    public async Task Consume(ConsumeContext<Batch<UsageBatchPriced>> context)
    {
        var usages = context.Message.SelectMany(m => m.Message.Usages).ToList();
        var recorded = await RecordSpend.HandleAsync(database, store, usages, clock.GetUtcNow(), settings.Forecast, context.CancellationToken);
        if (recorded.Alerts.Total > 0) signal.Raise();
        logger.LogDebug("{Messages} batches: accrued {Accrued} of {Usages} usages, {Thresholds} threshold and {Forecasts} forecast alerts",
            context.Message.Length, recorded.Accrued, usages.Count, recorded.Alerts.Thresholds, recorded.Alerts.Forecasts);
    }
}
