using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Tests;

/// <summary>Alerts as budgeting would raise them, each test with kinds and teams of its own so test classes never cross.</summary>
public static class Alerts
{
    /// <summary>A kind no other test uses, under <c>budget.</c>.</summary>
    public static string NewKind() => "budget.t" + Guid.NewGuid().ToString("N")[..10];

    public static string NewTeam() => "team-" + Guid.NewGuid().ToString("N")[..8];

    public static string NewName() => "hook-" + Guid.NewGuid().ToString("N")[..10];

    public static AlertRaised Budget(string kind = "budget.threshold", string? team = "search", string severity = "warning",
        params string[] recipients) => new()
        {
            AlertId = Guid.NewGuid(),
            Kind = kind,
            Source = "budgeting",
            Severity = severity,
            Title = "Budget \"Search\" at 80 % of $1,000 in 2026-11",
            Text = "Team search has spent $812.40 of its $1,000.00 monthly budget.",
            RaisedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
            Scope = team is null ? "org" : $"team:{team}",
            Team = team,
            Period = "2026-11",
            PeriodStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            PeriodEnd = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            SpentUsd = 812.40m,
            BudgetUsd = 1000m,
            PercentUsed = 81.24m,
            ForecastUsd = 1130m,
            TopWorkflows = [new("triage", 400m), new("search-rerank", 300.5m)],
            TopModels = [new("gpt-4o", 500m), new("claude-sonnet-4", 200m)],
            DashboardUrl = "http://localhost:8080/budgets/b-search?period=2026-11",
            Owner = "lead@example.com",
            Recipients = recipients,
            Facts = new Dictionary<string, string> { ["budgetId"] = "b-search", ["thresholdPercent"] = "80" },
        };
}
