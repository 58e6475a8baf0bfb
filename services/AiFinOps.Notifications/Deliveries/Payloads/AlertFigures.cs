using System.Globalization;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Deliveries.Payloads;

/// <summary>The figures behind an alert as plain lines (what Slack and e-mail show under the text), only those it has.</summary>
public static class AlertFigures
{
    public static IReadOnlyList<string> Lines(AlertRaised alert)
    {
        var lines = new List<string>();
        var spend = new List<string>();
        if (alert.SpentUsd is { } spent) spend.Add(alert.BudgetUsd is { } budget ? $"Spent {Usd(spent)} of {Usd(budget)}" : $"Spent {Usd(spent)}");
        else if (alert.BudgetUsd is { } budgetOnly) spend.Add($"Budget {Usd(budgetOnly)}");
        if (alert.PercentUsed is { } percent) spend.Add($"{Percent(percent)} used");
        if (alert.ForecastUsd is { } forecast) spend.Add($"forecast {Usd(forecast)} by the period's end");
        if (spend.Count > 0) lines.Add(string.Join(" · ", spend));
        if (alert.TopWorkflows.Count > 0) lines.Add("Top workflows: " + Contributors(alert.TopWorkflows));
        if (alert.TopModels.Count > 0) lines.Add("Top models: " + Contributors(alert.TopModels));
        lines.Add(string.Join(" · ", new[] { $"Period {alert.Period}", $"scope {alert.Scope}", $"severity {alert.Severity}" }
            .Concat(alert.Owner is { Length: > 0 } owner ? [$"owner {owner}"] : [])));
        return lines;
    }

    /// <summary><c>$1,234.50</c>: dollars and cents, invariant culture.</summary>
    public static string Usd(decimal amount) => (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + " %";

    private static string Contributors(IEnumerable<AlertContributor> contributors) =>
        string.Join(", ", contributors.Take(5).Select(c => $"{c.Name} {Usd(c.SpentUsd)}"));

    /// <summary>The dashboard link when it is an absolute http(s) URL; anything else is not offered as a link.</summary>
    public static string? DashboardLink(AlertRaised alert) =>
        Uri.TryCreate(alert.DashboardUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri.AbsoluteUri
            : null;
}
