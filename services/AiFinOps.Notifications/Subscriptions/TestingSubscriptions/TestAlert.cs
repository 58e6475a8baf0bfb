using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Subscriptions.TestingSubscriptions;

/// <summary>The alert <c>POST /api/v1/subscriptions/{id}/test</c> sends: kind <c>test</c>, about the subscription's team, with sample figures.</summary>
public static class TestAlert
{
    public const string Kind = "test";

    public static AlertRaised For(Subscription subscription, DateTimeOffset now, string requestedBy) => new()
    {
        AlertId = Guid.NewGuid(),
        Kind = Kind,
        Source = NotificationsModule.Name,
        Severity = "info",
        Title = $"Test alert for subscription \"{subscription.Terms.Name}\"",
        Text = $"{requestedBy} sent this test to check that AiFinOps alerts reach you. The figures below are samples.",
        RaisedAt = now,
        Scope = subscription.Terms.Filter.Team is { } team ? $"team:{team}" : "org",
        Team = subscription.Terms.Filter.Team,
        Period = now.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        SpentUsd = 812.40m,
        BudgetUsd = 1000m,
        PercentUsed = 81.24m,
        ForecastUsd = 1130m,
        TopWorkflows = [new("triage", 400m), new("search", 300m)],
        TopModels = [new("gpt-4o", 500m), new("claude-sonnet-4", 200m)],
    };
}
