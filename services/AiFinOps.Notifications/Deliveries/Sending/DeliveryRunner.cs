using Marten;
using Npgsql;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// Claims due deliveries, makes one attempt at each (a claimed batch side by side) and records every attempt with the
/// delivery's next state. Sends and records are never cancelled half-way: what was sent is recorded, or — if the process
/// dies in between — sent again after the claim runs out, with the same <c>X-AiFinOps-Delivery-Id</c>.
/// </summary>
public sealed class DeliveryRunner(NpgsqlDataSource database, IDocumentStore store, DeliverySender sender, DeliveryPolicy policy,
    TimeProvider clock, ILogger<DeliveryRunner> logger)
{
    public const int BatchSize = 20;

    private string Schema => store.Options.DatabaseSchemaName;

    /// <summary>One batch of due deliveries; returns how many were claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await DeliveryStore.ClaimAsync(database, Schema, Guid.NewGuid(), now, now + policy.Lease, null, BatchSize, cancellationToken);
        await Task.WhenAll(claimed.Select(AttemptAsync));
        return claimed.Count;
    }

    /// <summary>An attempt at this delivery now, if it is due and no one else holds it; false when not.</summary>
    public async Task<bool> SendNowAsync(Guid deliveryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await DeliveryStore.ClaimAsync(database, Schema, Guid.NewGuid(), now, now + policy.Lease, deliveryId, 1, cancellationToken);
        await Task.WhenAll(claimed.Select(AttemptAsync));
        return claimed.Count == 1;
    }

    private async Task AttemptAsync(DeliveryWork work)
    {
        var attemptedAt = clock.GetUtcNow();
        AttemptResult result;
        try
        {
            result = await sender.SendAsync(work, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Delivery {DeliveryId}: the attempt failed unexpectedly", work.Id);
            result = AttemptResult.Failure($"unexpected {ex.GetType().Name} in the delivery worker", clock.GetUtcNow() - attemptedAt);
        }
        var now = clock.GetUtcNow();
        var state = DeliveryProgress.After(work.FailedInRound, result, now, policy);
        if (!await DeliveryStore.RecordAsync(database, Schema, work, result, attemptedAt, state, now, CancellationToken.None))
        {
            logger.LogWarning("Delivery {DeliveryId}: attempt {Attempt} outlived its claim and was not recorded", work.Id, work.Attempts + 1);
            return;
        }
        // The target is a key (subscription:ID, webhook:NAME, email:ADDRESS), never a URL: Slack's carry their token.
        if (result.Delivered)
            logger.LogInformation("Delivery {DeliveryId} of alert {AlertId} to {Target} delivered at attempt {Attempt}",
                work.Id, work.Alert.AlertId, work.Target, work.Attempts + 1);
        else
            logger.LogWarning("Delivery {DeliveryId} of alert {AlertId} to {Target}: attempt {Attempt} failed ({Error}); now {Status}",
                work.Id, work.Alert.AlertId, work.Target, work.Attempts + 1, result.Error, state.Status);
    }
}
