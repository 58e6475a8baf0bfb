using System.Net;
using System.Net.Sockets;
using AiFinOps.Notifications.Deliveries.Sending;
using AiFinOps.Notifications.Subscriptions;

namespace AiFinOps.Notifications.Tests;

/// <summary>The webhook channel against a real local receiver (no database): what counts as a failed attempt and how it reads.</summary>
public sealed class WebhookSenderTests
{
    /// <summary>Only for the timeout itself: a loaded machine may take longer than this for a first request.</summary>
    private static readonly DeliveryPolicy HalfSecond = DeliveryPolicy.Default with { Timeout = TimeSpan.FromMilliseconds(500) };

    private static SubscriptionTerms Hook(string url) =>
        new("ops", SubscriptionTerms.Webhook, url, SubscriptionTerms.Json, [], AlertFilter.Everything, null, true);

    [Fact]
    public async Task A_webhook_that_does_not_answer_within_the_timeout_is_a_failed_attempt()
    {
        await using var webhook = await TestWebhook.StartAsync(delayOf: _ => TimeSpan.FromSeconds(30));
        using var sender = new WebhookSender(HalfSecond, TimeProvider.System);

        var result = await sender.SendAsync(Hook(webhook.Url), Guid.NewGuid(), Alerts.Budget(), CancellationToken.None);

        Assert.Equal((false, false, null, "no answer within 0.5 s"), (result.Delivered, result.Permanent, result.HttpStatus, result.Error));
        Assert.Single(webhook.Calls);
    }

    [Fact]
    public async Task An_unreachable_webhook_is_a_failed_attempt_whose_error_never_shows_the_url_path()
    {
        using var sender = new WebhookSender(DeliveryPolicy.Default, TimeProvider.System);
        var url = $"http://127.0.0.1:{ClosedPort()}/services/T0001/B0001/very-secret-token";

        var result = await sender.SendAsync(Hook(url), Guid.NewGuid(), Alerts.Budget(), CancellationToken.None);

        Assert.False(result.Delivered || result.Permanent);
        Assert.StartsWith("could not reach the webhook: ", result.Error);
        Assert.DoesNotContain("very-secret-token", result.Error);
    }

    [Fact]
    public async Task A_redirect_is_a_failed_attempt_and_is_not_followed()
    {
        await using var webhook = await TestWebhook.StartAsync(_ => 308);
        using var sender = new WebhookSender(DeliveryPolicy.Default, TimeProvider.System);

        var result = await sender.SendAsync(Hook(webhook.Url), Guid.NewGuid(), Alerts.Budget(), CancellationToken.None);

        Assert.Equal((false, 308), (result.Delivered, result.HttpStatus));
        Assert.StartsWith("HTTP 308", result.Error);
    }

    [Fact]
    public async Task Gone_is_recorded_like_any_failure_and_retried()
    {
        await using var webhook = await TestWebhook.StartAsync(_ => 410);
        using var sender = new WebhookSender(DeliveryPolicy.Default, TimeProvider.System);

        var result = await sender.SendAsync(Hook(webhook.Url), Guid.NewGuid(), Alerts.Budget(), CancellationToken.None);

        Assert.Equal((false, false, 410, "HTTP 410 Gone: receiver says no"), (result.Delivered, result.Permanent, result.HttpStatus, result.Error));
    }

    /// <summary>A port nothing listens on: bound, read and released.</summary>
    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
