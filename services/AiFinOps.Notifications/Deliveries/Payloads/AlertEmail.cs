using AiFinOps.Contracts.Messages;

namespace AiFinOps.Notifications.Deliveries.Payloads;

/// <summary>An alert as a plain-text e-mail: the title as subject, then the text, the figures, the link and where it came from.</summary>
public static class AlertEmail
{
    public static string Subject(AlertRaised alert) => $"[AiFinOps {alert.Severity}] {OneLine(alert.Title)}";

    public static string Body(AlertRaised alert, Guid deliveryId)
    {
        var lines = new List<string> { alert.Title, "" };
        if (!string.IsNullOrWhiteSpace(alert.Text)) lines.AddRange([alert.Text, ""]);
        lines.AddRange(AlertFigures.Lines(alert));
        if (AlertFigures.DashboardLink(alert) is { } link) lines.AddRange(["", $"Open in AiFinOps: {link}"]);
        lines.AddRange(["", "--",
            $"Alert {alert.AlertId} ({alert.Kind}) raised by {alert.Source} at {alert.RaisedAt:u}; delivery {deliveryId}."]);
        return string.Join("\n", lines);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
