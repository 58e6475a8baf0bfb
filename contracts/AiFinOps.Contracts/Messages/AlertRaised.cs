namespace AiFinOps.Contracts.Messages;

/// <summary>
/// An alert any service raised, in the one shape the notifications service delivers (webhooks, Slack, e-mail). Budget
/// threshold and forecast alerts come from budgeting, anomaly alerts from the anomaly service. Published at least once
/// with <see cref="AlertId"/> as the message id: the same alert always carries the same id, which deliveries and
/// subscribers deduplicate on. Amounts are decimal USD of effective cost (catalogue price after discounts).
/// </summary>
public sealed record AlertRaised
{
    public required Guid AlertId { get; init; }
    /// <summary>What kind of alert: <c>budget.threshold</c>, <c>budget.forecast</c>, <c>org.monthly-spend</c>, <c>anomaly.token-spike</c>, …</summary>
    public required string Kind { get; init; }
    /// <summary>The service that raised it: <c>budgeting</c>, <c>anomaly</c>.</summary>
    public required string Source { get; init; }
    /// <summary><c>info</c>, <c>warning</c> or <c>critical</c>.</summary>
    public required string Severity { get; init; }
    /// <summary>One line a person reads first: <c>Budget "Search" at 80 % of $1,000 in 2026-11</c>.</summary>
    public required string Title { get; init; }
    /// <summary>The explanation with the numbers behind it: what Slack's <c>text</c> and an e-mail body show.</summary>
    public required string Text { get; init; }
    public required DateTimeOffset RaisedAt { get; init; }
    /// <summary>What the alert is about: <c>org</c>, <c>team:search</c>, <c>workflow:triage</c>, <c>tag:product=chat</c>, …</summary>
    public required string Scope { get; init; }
    /// <summary>The team the alert concerns, when it concerns one (team-scoped subscriptions and keys see only theirs).</summary>
    public string? Team { get; init; }
    /// <summary>The period: <c>2026-11</c>, <c>2026-Q4</c>, or the hour/day an anomaly was seen in.</summary>
    public required string Period { get; init; }
    public DateTimeOffset? PeriodStart { get; init; }
    public DateTimeOffset? PeriodEnd { get; init; }
    public decimal? SpentUsd { get; init; }
    public decimal? BudgetUsd { get; init; }
    public decimal? PercentUsed { get; init; }
    /// <summary>Projected spend at the period's end (method: docs/budgets.md), when one is known.</summary>
    public decimal? ForecastUsd { get; init; }
    /// <summary>The workflows that spent most in the scope and period, largest first (at most 5).</summary>
    public IReadOnlyList<AlertContributor> TopWorkflows { get; init; } = [];
    /// <summary>The models that spent most in the scope and period, largest first (at most 5).</summary>
    public IReadOnlyList<AlertContributor> TopModels { get; init; } = [];
    /// <summary>The dashboard view that shows it, e.g. <c>http://localhost:8080/budgets/b-search?period=2026-11</c>.</summary>
    public string? DashboardUrl { get; init; }
    /// <summary>Who owns what the alert is about (a budget's owner, a workflow's team).</summary>
    public string? Owner { get; init; }
    /// <summary>Where the raiser asks it to go besides subscriptions: e-mail addresses and <c>webhook:NAME</c>s.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];
    /// <summary>Kind-specific figures (threshold percent, budget id, run id, factor, …) as text, for templates and payloads.</summary>
    public IReadOnlyDictionary<string, string> Facts { get; init; } = new Dictionary<string, string>();
}

/// <summary>One contributor to an alert's spend: a workflow or a model, and what it spent in the alert's scope and period.</summary>
public sealed record AlertContributor(string Name, decimal SpentUsd);
