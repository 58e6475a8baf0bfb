using AiFinOps.Contracts.Messages;
using MassTransit;

namespace AiFinOps.Allocation.Repricing.OnCatalogueChange;

/// <summary>
/// Re-prices the usage a catalogue change affects (issue "Price catalogue": the catalogue says which usage; the
/// ledger books the corrections). Idempotent on the change's sequence: a redelivery finds its pages booked.
/// </summary>
public sealed class CatalogueChangedConsumer(UsageRepricer repricer) : IConsumer<CatalogueChanged>
{
    public Task Consume(ConsumeContext<CatalogueChanged> context) =>
        repricer.RepriceAsync(RepricingScope.Of(context.Message), report: null, context.CancellationToken);
}
