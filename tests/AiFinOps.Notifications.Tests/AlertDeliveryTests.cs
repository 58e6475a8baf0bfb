using System.Net;
using System.Text.Json;
using AiFinOps.Notifications.Deliveries;
using AiFinOps.Notifications.Deliveries.Payloads;
using AiFinOps.Notifications.Deliveries.RoutingAlerts;
using AiFinOps.Notifications.Subscriptions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Notifications.Tests;

/// <summary>Alerts from the real bus to a real local webhook and SMTP sink, through the delivery log in the real PostgreSQL.</summary>
public sealed class AlertDeliveryTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    [Fact]
    public async Task An_alert_raised_on_the_bus_reaches_the_webhook_once_with_its_ids_and_a_valid_signature()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var kind = Alerts.NewKind();
        const string secret = "whsec-0123456789abcdef";
        var subscription = await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind, secret: secret));
        var alert = Alerts.Budget(kind);

        await app.RaiseAsync(alert);

        var delivery = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal((DeliveryStatus.Delivered, 1, 200), (delivery.Status, delivery.Attempts, delivery.LastHttpStatus));
        Assert.Equal((subscription.Id, $"subscription:{subscription.Id}", "webhook"), (delivery.SubscriptionId, delivery.Target, delivery.Channel));
        var call = Assert.Single(webhook.Calls);
        Assert.Equal(alert.AlertId.ToString(), call.Header("X-AiFinOps-Alert-Id"));
        Assert.Equal(delivery.Id.ToString(), call.Header("X-AiFinOps-Delivery-Id"));
        Assert.True(WebhookSignature.Verify(call.Body, secret, call.Header("X-AiFinOps-Signature")));
        Assert.StartsWith("application/json", call.Header("Content-Type"));
        using var body = JsonDocument.Parse(call.Body);
        Assert.Equal(alert.AlertId, body.RootElement.GetProperty("alertId").GetGuid());
        Assert.Equal(kind, body.RootElement.GetProperty("kind").GetString());
        Assert.Equal(812.40m, body.RootElement.GetProperty("spentUsd").GetDecimal());
        Assert.Equal("claude-sonnet-4", body.RootElement.GetProperty("topModels")[1].GetProperty("name").GetString());
        var attempt = Assert.Single((await Api.DeliveryAsync(app, delivery.Id)).Attempts);
        Assert.Equal((1, "delivered", 200, null), (attempt.Attempt, attempt.Outcome, attempt.HttpStatus, attempt.Error));
    }

    [Fact]
    public async Task The_same_alert_published_twice_is_delivered_once()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var kind = Alerts.NewKind();
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind));
        var alert = Alerts.Budget(kind);

        await app.RaiseAsync(alert);
        await app.RaiseAsync(alert);

        await Eventually.MatchesAsync(() => Task.FromResult(app.Consumed.GetValueOrDefault(alert.AlertId)), n => n == 2);
        var delivery = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal(2, app.Consumed[alert.AlertId]);
        Assert.Equal((DeliveryStatus.Delivered, 1), (delivery.Status, delivery.Attempts));
        Assert.Single(webhook.Calls);
    }

    [Fact]
    public async Task Routing_an_alert_again_and_from_two_consumers_at_once_queues_each_delivery_once()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var kind = Alerts.NewKind();
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind));
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind, format: "slack"));
        var alert = Alerts.Budget(kind, recipients: [$"{Guid.NewGuid():N}@example.com"]);
        var database = app.Services.GetRequiredService<NpgsqlDataSource>();
        var store = app.Services.GetRequiredService<IDocumentStore>();

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            BusRetry.RunAsync(() => RouteAlert.HandleAsync(database, store, alert, DateTimeOffset.UtcNow, CancellationToken.None))));
        var again = await RouteAlert.HandleAsync(database, store, alert, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(3, concurrent.Sum(q => q.Count));
        Assert.Equal(3, concurrent.SelectMany(q => q).Distinct().Count());
        Assert.Empty(again);
        await using var count = database.CreateCommand($"SELECT count(*) FROM {app.Schema}.{DeliveryTables.Deliveries} WHERE alert_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = alert.AlertId });
        Assert.Equal(3L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_webhook_failing_twice_is_delivered_at_the_third_attempt_with_three_attempts_in_the_log()
    {
        await using var webhook = await TestWebhook.StartAsync(call => call <= 2 ? 500 : 200);
        var kind = Alerts.NewKind();
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind));
        var alert = Alerts.Budget(kind);

        await app.RaiseAsync(alert);

        var delivery = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal((DeliveryStatus.Delivered, 3), (delivery.Status, delivery.Attempts));
        var attempts = (await Api.DeliveryAsync(app, delivery.Id)).Attempts;
        Assert.Equal([(1, "failed", 500), (2, "failed", 500), (3, "delivered", 200)],
            attempts.Select(a => (a.Attempt, a.Outcome, a.HttpStatus ?? 0)));
        Assert.Equal("HTTP 500 Internal Server Error: receiver says no", attempts[0].Error);
        Assert.True(attempts[1].AttemptedAt > attempts[0].AttemptedAt && attempts[2].AttemptedAt > attempts[1].AttemptedAt);
        Assert.Equal(3, webhook.Calls.Count);
        Assert.All(webhook.Calls, c => Assert.Equal(delivery.Id.ToString(), c.Header("X-AiFinOps-Delivery-Id")));
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_ends_failed_after_the_last_attempt_is_listed_and_can_be_retried()
    {
        await using var webhook = await TestWebhook.StartAsync(call => call <= NotificationsApp.MaxAttempts ? 503 : 200);
        var kind = Alerts.NewKind();
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind));
        var alert = Alerts.Budget(kind);

        await app.RaiseAsync(alert);

        var failed = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal((DeliveryStatus.Failed, NotificationsApp.MaxAttempts, 503), (failed.Status, failed.Attempts, failed.LastHttpStatus));
        Assert.Null(failed.NextAttemptAt);
        Assert.Contains(await Api.DeliveriesAsync(app, "status=failed"), d => d.Id == failed.Id);
        Assert.DoesNotContain(await Api.DeliveriesAsync(app, "status=delivered"), d => d.Id == failed.Id);

        using var asReader = await app.ClientWithKey(TestApiKeys.Reader).PostAsync($"/api/v1/deliveries/{failed.Id}/retry", null);
        using var asAdmin = await app.ClientWithKey(TestApiKeys.Admin).PostAsync($"/api/v1/deliveries/{failed.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Forbidden, asReader.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, asAdmin.StatusCode);

        var retried = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal((DeliveryStatus.Delivered, NotificationsApp.MaxAttempts + 1), (retried.Status, retried.Attempts));
        using var again = await app.ClientWithKey(TestApiKeys.Admin).PostAsync($"/api/v1/deliveries/{failed.Id}/retry", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_slack_subscription_gets_an_incoming_webhook_message_with_the_alert_as_text()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var kind = Alerts.NewKind();
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind, format: "slack"));
        var alert = Alerts.Budget(kind, severity: "critical");

        await app.RaiseAsync(alert);

        Assert.Equal(DeliveryStatus.Delivered, (await Api.SettledDeliveryAsync(app, alert.AlertId)).Status);
        var call = Assert.Single(webhook.Calls);
        using var body = JsonDocument.Parse(call.Body);
        var text = body.RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith(":rotating_light: *Budget \"Search\" at 80 % of $1,000 in 2026-11*\n", text);
        Assert.Contains("\nTop workflows: triage $400.00, search-rerank $300.50\n", text);
        Assert.EndsWith("\n<http://localhost:8080/budgets/b-search?period=2026-11|Open in AiFinOps>", text);
        Assert.Equal("", call.Header("X-AiFinOps-Signature"));
    }

    [Fact]
    public async Task E_mail_recipients_and_e_mail_subscriptions_receive_the_alert_through_smtp()
    {
        var kind = Alerts.NewKind();
        var recipient = $"lead-{Guid.NewGuid():N}@example.com";
        var team = new[] { $"a-{Guid.NewGuid():N}@example.com", $"b-{Guid.NewGuid():N}@example.com" };
        await Api.SubscribeAsync(app, new { name = Alerts.NewName(), kind = "email", addresses = team, filter = new { kinds = new[] { kind } } });
        var alert = Alerts.Budget(kind, severity: "critical", recipients: [recipient]);

        await app.RaiseAsync(alert);

        var mails = await Eventually.MatchesAsync(() => Task.FromResult(app.Smtp.Received.Where(m => m.Data.Contains(alert.AlertId.ToString())).ToList()),
            m => m.Count == 2);
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.To.SequenceEqual([recipient]));
        Assert.Contains(mails, m => m.To.Order().SequenceEqual(team.Order()));
        var message = mails[0].Message;
        Assert.Equal("[AiFinOps critical] Budget \"Search\" at 80 % of $1,000 in 2026-11", message.Subject);
        Assert.Equal("aifinops@example.com", mails[0].From);
        Assert.Equal(alert.AlertId.ToString(), message.Headers["X-AiFinOps-Alert-Id"]);
        Assert.Contains("Spent $812.40 of $1,000.00 · 81.24 % used", message.TextBody);
        var deliveries = await Eventually.MatchesAsync(() => Api.DeliveriesAsync(app, $"alertId={alert.AlertId}"),
            d => d.Count == 2 && d.All(x => x.Status == DeliveryStatus.Delivered));
        Assert.All(deliveries, d => Assert.Equal(("email", DeliveryStatus.Delivered), (d.Channel, d.Status)));
        Assert.Contains(mails, m => m.Message.Headers["X-AiFinOps-Delivery-Id"] == deliveries.Single(d => d.Target == $"email:{recipient}").Id.ToString());
    }

    [Fact]
    public async Task A_recipient_naming_no_subscription_fails_visibly_at_once()
    {
        var name = Alerts.NewName();
        var alert = Alerts.Budget(Alerts.NewKind(), recipients: [$"webhook:{name}"]);

        await app.RaiseAsync(alert);

        var delivery = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal((DeliveryStatus.Failed, 1, $"webhook:{name}"), (delivery.Status, delivery.Attempts, delivery.Target));
        Assert.Equal($"no subscription is named '{name}' (recipient webhook:{name})", delivery.LastError);
    }

    [Fact]
    public async Task A_recipient_whose_subscription_is_defined_later_is_delivered_when_retried()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var name = Alerts.NewName();
        var alert = Alerts.Budget(Alerts.NewKind(), recipients: [$"webhook:{name}"]);
        await app.RaiseAsync(alert);
        var failed = await Api.SettledDeliveryAsync(app, alert.AlertId);
        // Its filter does not let the alert through: the recipient names it, which is enough.
        await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, "anomaly.*", name: name));

        using var retry = await app.ClientWithKey(TestApiKeys.Admin).PostAsync($"/api/v1/deliveries/{failed.Id}/retry", null);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var delivered = await Api.SettledDeliveryAsync(app, alert.AlertId);
        Assert.Equal((failed.Id, DeliveryStatus.Delivered, 2), (delivered.Id, delivered.Status, delivered.Attempts));
        Assert.Equal(failed.Id.ToString(), Assert.Single(webhook.Calls).Header("X-AiFinOps-Delivery-Id"));
    }

    [Fact]
    public async Task Testing_a_subscription_sends_a_test_alert_through_the_delivery_log()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var subscription = await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, Alerts.NewKind()));

        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsync($"/api/v1/subscriptions/{subscription.Id}/test", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var delivery = detail.RootElement.GetProperty("delivery");
        Assert.Equal(("test", "delivered"), (delivery.GetProperty("alertKind").GetString(), delivery.GetProperty("status").GetString()));
        Assert.Equal(1, detail.RootElement.GetProperty("attempts").GetArrayLength());
        var call = Assert.Single(webhook.Calls);
        Assert.Equal("test", JsonDocument.Parse(call.Body).RootElement.GetProperty("kind").GetString());
        Assert.Equal(delivery.GetProperty("id").GetString(), call.Header("X-AiFinOps-Delivery-Id"));
    }

    [Fact]
    public async Task Neither_subscriptions_nor_deliveries_show_a_webhook_url_whole()
    {
        const string token = "url-token-never-shown";
        await using var webhook = await TestWebhook.StartAsync(_ => 503);
        var url = $"{webhook.Url}?token={token}";
        var subscription = await Api.SubscribeAsync(app, Api.Webhook(url, Alerts.NewKind()));

        using var tested = await app.ClientWithKey(TestApiKeys.Admin).PostAsync($"/api/v1/subscriptions/{subscription.Id}/test", null);

        Assert.Equal(HttpStatusCode.Created, tested.StatusCode);
        var admin = app.ClientWithKey(TestApiKeys.Admin);
        var delivery = JsonDocument.Parse(await tested.Content.ReadAsStringAsync()).RootElement.GetProperty("delivery").GetProperty("id").GetString();
        var answers = new[]
        {
            await tested.Content.ReadAsStringAsync(),
            await admin.GetStringAsync("/api/v1/subscriptions"),
            await admin.GetStringAsync($"/api/v1/subscriptions/{subscription.Id}"),
            await admin.GetStringAsync($"/api/v1/deliveries?subscriptionId={subscription.Id}"),
            await admin.GetStringAsync($"/api/v1/deliveries/{delivery}"),
        };
        Assert.NotEmpty(webhook.Calls);
        Assert.All(answers, answer => Assert.DoesNotContain(token, answer));
        Assert.All(answers, answer => Assert.DoesNotContain(webhook.Url, answer));
        Assert.Equal(WebhookUrlMask.Of(url), subscription.Url);
    }

    [Fact]
    public async Task A_team_key_sees_only_the_deliveries_of_alerts_about_its_teams()
    {
        await using var webhook = await TestWebhook.StartAsync();
        var kind = Alerts.NewKind();
        var subscription = await Api.SubscribeAsync(app, Api.Webhook(webhook.Url, kind));
        var (mine, theirs) = (Alerts.Budget(kind, team: Alerts.NewTeam()), Alerts.Budget(kind, team: Alerts.NewTeam()));

        await app.RaiseAsync(mine);
        await app.RaiseAsync(theirs);

        var (myDelivery, theirDelivery) = (await Api.SettledDeliveryAsync(app, mine.AlertId), await Api.SettledDeliveryAsync(app, theirs.AlertId));
        var teamKey = TestApiKeys.ReaderOf(mine.Team!);
        Assert.Equal([myDelivery.Id], (await Api.DeliveriesAsync(app, $"subscriptionId={subscription.Id}", teamKey)).Select(d => d.Id));
        Assert.Equal(2, (await Api.DeliveriesAsync(app, $"subscriptionId={subscription.Id}")).Count);
        Assert.Empty(await Api.DeliveriesAsync(app, $"alertId={theirs.AlertId}", teamKey));
        using var theirsByTeamKey = await app.ClientWithKey(teamKey).GetAsync($"/api/v1/deliveries/{theirDelivery.Id}");
        using var mineByTeamKey = await app.ClientWithKey(teamKey).GetAsync($"/api/v1/deliveries/{myDelivery.Id}");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (theirsByTeamKey.StatusCode, mineByTeamKey.StatusCode));
    }

    [Fact]
    public async Task A_bad_delivery_query_is_a_problem_naming_each_parameter()
    {
        using var response = await app.ClientWithKey(TestApiKeys.Reader).GetAsync("/api/v1/deliveries?status=lost&alertId=42&limit=5000");

        await ServiceAssert.ValidationProblemAsync(response, "status", "alertId", "limit");
    }

    [Fact]
    public async Task The_service_is_ready_with_postgres_and_the_bus()
    {
        await ServiceAssert.ReadyWithPostgresAndBusAsync(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientWithKey(null).GetAsync("/api/v1/deliveries")).StatusCode);
        Assert.Contains("/api/v1/subscriptions", await app.ClientWithKey(null).GetStringAsync("/openapi/v1.json"));
    }
}
