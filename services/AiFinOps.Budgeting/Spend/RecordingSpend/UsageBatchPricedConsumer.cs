using AiFinOps.Budgeting.Alerts;
using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Npgsql;

namespace AiFinOps.Budgeting.Spend.RecordingSpend;

public sealed class UsageBatchPricedConsumer(NpgsqlDataSource database, IDocumentStore store, AlertSignal signal,
    BudgetingSettings settings, TimeProvider clock, ILogger<UsageBatchPricedConsumer> logger) : IConsumer<UsageBatchPriced>
{
    public async Task Consume(ConsumeContext<UsageBatchPriced> context)
    {
        var batch = context.Message;
        var recorded = await RecordSpend.HandleAsync(database, store, batch.Usages, clock.GetUtcNow(), settings.Forecast, context.CancellationToken);
        if (recorded.Alerts.Total > 0) signal.Raise();
        logger.LogDebug("Batch {BatchId}: accrued {Accrued} of {Usages} usages, {Thresholds} threshold and {Forecasts} forecast alerts",
            batch.BatchId, recorded.Accrued, batch.Usages.Count, recorded.Alerts.Thresholds, recorded.Alerts.Forecasts);
    }
}
