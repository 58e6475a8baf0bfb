using System.Text.Json;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Deliveries.Payloads;

/// <summary>
/// The <c>slack</c> format: <c>{"text": "…"}</c>, what a Slack incoming webhook (and Mattermost, Rocket.Chat, Teams'
/// Slack-compatible hooks) accepts. The text is mrkdwn: the severity and title in bold, the alert's text, its figures,
/// and a link to the dashboard; <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in the alert's words are escaped as Slack asks.
/// </summary>
public static class SlackMessage
{
    public static string Text(AlertRaised alert)
    {
        var lines = new List<string> { $"{Icon(alert.Severity)} *{Escape(alert.Title)}*" };
        if (!string.IsNullOrWhiteSpace(alert.Text)) lines.Add(Escape(alert.Text));
        lines.AddRange(AlertFigures.Lines(alert).Select(Escape));
        if (AlertFigures.DashboardLink(alert) is { } link) lines.Add($"<{Escape(link)}|Open in AiFinOps>");
        return string.Join("\n", lines);
    }

    public static byte[] Body(AlertRaised alert) => JsonSerializer.SerializeToUtf8Bytes(new { text = Text(alert) }, AlertJson.Options);

    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Icon(string severity) => severity.ToLowerInvariant() switch
    {
        "critical" => ":rotating_light:",
        "warning" => ":warning:",
        _ => ":information_source:",
    };
}
