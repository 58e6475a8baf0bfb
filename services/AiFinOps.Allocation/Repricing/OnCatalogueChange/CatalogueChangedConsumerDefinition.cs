using AiFinOps.ServiceDefaults.Messaging;
using MassTransit;

namespace AiFinOps.Allocation.Repricing.OnCatalogueChange;

public sealed class CatalogueChangedConsumerDefinition : ConsumerDefinition<CatalogueChangedConsumer>
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint,
        IConsumerConfigurator<CatalogueChangedConsumer> consumer, IRegistrationContext context)
    {
        // Re-pricings run one at a time anyway (they share one lock); in order, as ingest publishes them.
        endpoint.ConcurrentMessageLimit = 1;
        endpoint.UseMessageRetry(r => r.Intervals(ConsumerRetry.IntervalsMs));
    }
}
