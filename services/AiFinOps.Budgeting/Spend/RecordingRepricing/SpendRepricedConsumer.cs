using AiFinOps.Budgeting.Alerts;
using AiFinOps.Contracts.Messages;
using Marten;
using MassTransit;
using Npgsql;

namespace AiFinOps.Budgeting.Spend.RecordingRepricing;

public sealed class SpendRepricedConsumer(NpgsqlDataSource database, IDocumentStore store, AlertSignal signal,
    BudgetingSettings settings, TimeProvider clock, ILogger<SpendRepricedConsumer> logger) : IConsumer<SpendRepriced>
{
    public async Task Consume(ConsumeContext<SpendRepriced> context)
    {
        var page = context.Message;
        var recorded = await RecordRepricing.HandleAsync(database, store, page, clock.GetUtcNow(), settings.Forecast, context.CancellationToken);
        if (recorded.Alerts.Total > 0) signal.Raise();
        logger.LogDebug("Re-pricing {Run} page {PageId}: accrued {Accrued} of {Lines} differences, {Alerts} alerts",
            page.Run, page.PageId, recorded.Accrued, page.Lines.Count, recorded.Alerts);
    }
}
