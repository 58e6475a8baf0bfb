using System.Net;
using System.Net.Http.Json;
using AiFinOps.Notifications.Deliveries;
using AiFinOps.Notifications.Deliveries.GettingDeliveries;
using AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;

namespace AiFinOps.Notifications.Tests;

/// <summary>The notifications REST API as the tests call it.</summary>
public static class Api
{
    public static object Webhook(string url, string kind, string? format = null, string? secret = null, string? name = null) => new
    {
        name = name ?? Alerts.NewName(),
        kind = "webhook",
        url,
        format,
        secret,
        filter = new { kinds = new[] { kind } },
    };

    public static async Task<SubscriptionView> SubscribeAsync(NotificationsApp app, object body)
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/subscriptions", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SubscriptionView>())!;
    }

    public static async Task<List<Delivery>> DeliveriesAsync(NotificationsApp app, string query, string key = TestApiKeys.Reader) =>
        (await app.ClientWithKey(key).GetFromJsonAsync<List<Delivery>>("/api/v1/deliveries?" + query))!;

    public static async Task<DeliveryDetail> DeliveryAsync(NotificationsApp app, Guid id) =>
        (await app.ClientWithKey(TestApiKeys.Reader).GetFromJsonAsync<DeliveryDetail>($"/api/v1/deliveries/{id}"))!;

    /// <summary>The one delivery of an alert once it is delivered or failed for good (or as it stands after 30 s).</summary>
    public static async Task<Delivery> SettledDeliveryAsync(NotificationsApp app, Guid alertId)
    {
        var deliveries = await Eventually.MatchesAsync(() => DeliveriesAsync(app, $"alertId={alertId}"),
            d => d.Count == 1 && d[0].Status != DeliveryStatus.Pending);
        return Assert.Single(deliveries);
    }
}
