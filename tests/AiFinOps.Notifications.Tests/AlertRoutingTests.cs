using AiFinOps.Notifications.Deliveries;
using AiFinOps.Notifications.Deliveries.RoutingAlerts;
using AiFinOps.Notifications.Subscriptions;

namespace AiFinOps.Notifications.Tests;

/// <summary>Which subscriptions and recipients an alert goes to (pure).</summary>
public sealed class AlertRoutingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    private static Subscription Webhook(string id, AlertFilter filter, bool enabled = true, bool removed = false) =>
        new(id, new SubscriptionTerms(id + "-name", SubscriptionTerms.Webhook, $"https://hooks.example/{id}", SubscriptionTerms.Json, [],
            filter, null, enabled), Now, Now, removed);

    private static IReadOnlyList<string> Keys(IEnumerable<DeliveryTarget> targets) => targets.Select(t => t.Key).ToList();

    [Theory]
    [InlineData("budget.threshold", "budget.threshold", true)]
    [InlineData("budget.*", "budget.forecast", true)]
    [InlineData("budget.*", "budgeting.threshold", false)]
    [InlineData("budget.*", "budget", false)]
    [InlineData("*", "anomaly.token-spike", true)]
    [InlineData("anomaly.token-spike", "anomaly.volume-spike", false)]
    [InlineData("Budget.Threshold", "budget.threshold", true)]
    public void A_kind_matches_exactly_or_by_prefix(string pattern, string kind, bool matches) =>
        Assert.Equal(matches, AlertFilter.KindMatches(pattern, kind));

    [Fact]
    public void Subscriptions_whose_filter_lets_the_alert_through_are_its_targets()
    {
        var alert = Alerts.Budget("budget.threshold", team: "search", severity: "warning");
        var subscriptions = new[]
        {
            Webhook("a-every", AlertFilter.Everything),
            Webhook("b-budgets", new(["budget.*"], null, null)),
            Webhook("c-anomalies", new(["anomaly.*"], null, null)),
            Webhook("d-search", new([], "search", null)),
            Webhook("e-other-team", new([], "payments", null)),
            Webhook("f-warning-up", new([], null, "warning")),
            Webhook("g-critical-only", new([], null, "critical")),
            Webhook("h-disabled", AlertFilter.Everything, enabled: false),
            Webhook("i-removed", AlertFilter.Everything, removed: true),
        };

        var targets = AlertRouting.Route(alert, subscriptions);

        Assert.Equal(["subscription:a-every", "subscription:b-budgets", "subscription:d-search", "subscription:f-warning-up"], Keys(targets));
    }

    [Fact]
    public void An_org_wide_alert_has_no_team_and_skips_team_filters()
    {
        var alert = Alerts.Budget("org.monthly-spend", team: null, severity: "critical");

        var targets = AlertRouting.Route(alert, [Webhook("a-search", new([], "search", null)), Webhook("b-org", new(["org.*"], null, "critical"))]);

        Assert.Equal(["subscription:b-org"], Keys(targets));
    }

    [Fact]
    public void Recipients_add_named_webhooks_whatever_their_filter_and_e_mail_addresses_once_each()
    {
        var alert = Alerts.Budget(recipients: ["webhook:ops-name", "Lead@Example.com", "webhook:nobody", "lead@example.com", "webhook:budgets-name"]);
        var subscriptions = new[] { Webhook("budgets", new(["budget.*"], null, null)), Webhook("ops", new(["anomaly.*"], null, null)) };

        var targets = AlertRouting.Route(alert, subscriptions);

        Assert.Equal(["subscription:budgets", "subscription:ops", "email:lead@example.com", "webhook:nobody"], Keys(targets));
        Assert.Equal(["webhook", "webhook", "email", "webhook"], targets.Select(t => t.Channel));
    }

    [Fact]
    public void A_recipient_naming_a_removed_subscription_stays_an_unresolved_webhook_name()
    {
        var alert = Alerts.Budget(recipients: ["webhook:gone-name"]);

        var targets = AlertRouting.Route(alert, [Webhook("gone", AlertFilter.Everything, removed: true)]);

        Assert.Equal(["webhook:gone-name"], Keys(targets));
    }

    [Fact]
    public void Delivery_ids_are_the_same_for_the_same_alert_and_target_and_differ_otherwise()
    {
        var alert = Guid.NewGuid();
        var target = DeliveryTarget.ToSubscription("ops", SubscriptionTerms.Webhook);

        Assert.Equal(target.DeliveryIdFor(alert), DeliveryTarget.ToSubscription("ops", SubscriptionTerms.Webhook).DeliveryIdFor(alert));
        Assert.NotEqual(target.DeliveryIdFor(alert), target.DeliveryIdFor(Guid.NewGuid()));
        Assert.NotEqual(target.DeliveryIdFor(alert), DeliveryTarget.ToWebhookNamed("ops").DeliveryIdFor(alert));
        Assert.Equal(DeliveryTarget.ToEmail("A@x.org").DeliveryIdFor(alert), DeliveryTarget.ToEmail("a@x.org").DeliveryIdFor(alert));
        Assert.Equal(8, target.DeliveryIdFor(alert).Version);
    }
}
