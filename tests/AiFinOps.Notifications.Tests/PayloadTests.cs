using System.Text;
using System.Text.Json;
using AiFinOps.Notifications.Deliveries.Payloads;

namespace AiFinOps.Notifications.Tests;

/// <summary>What receivers get (pure): the json body, the Slack text, the e-mail, the signature.</summary>
public sealed class PayloadTests
{
    [Fact]
    public void The_slack_text_has_the_title_the_text_the_figures_the_top_spenders_and_the_dashboard_link()
    {
        var text = SlackMessage.Text(Alerts.Budget(severity: "warning"));

        Assert.Equal(string.Join("\n",
            ":warning: *Budget \"Search\" at 80 % of $1,000 in 2026-11*",
            "Team search has spent $812.40 of its $1,000.00 monthly budget.",
            "Spent $812.40 of $1,000.00 · 81.24 % used · forecast $1,130.00 by the period's end",
            "Top workflows: triage $400.00, search-rerank $300.50",
            "Top models: gpt-4o $500.00, claude-sonnet-4 $200.00",
            "Period 2026-11 · scope team:search · severity warning · owner lead@example.com",
            "<http://localhost:8080/budgets/b-search?period=2026-11|Open in AiFinOps>"), text);
    }

    [Fact]
    public void The_slack_text_leaves_out_figures_the_alert_has_not_and_escapes_slack_control_characters()
    {
        var alert = Alerts.Budget(severity: "critical") with
        {
            Title = "Workflow <triage> & friends",
            SpentUsd = 1234567.891m,
            BudgetUsd = null,
            PercentUsed = null,
            ForecastUsd = null,
            TopWorkflows = [],
            TopModels = [],
            DashboardUrl = "javascript:alert(1)",
            Owner = null,
        };

        var lines = SlackMessage.Text(alert).Split('\n');

        Assert.Equal(":rotating_light: *Workflow &lt;triage&gt; &amp; friends*", lines[0]);
        Assert.Equal("Spent $1,234,567.89", lines[2]);
        Assert.DoesNotContain(lines, l => l.StartsWith("Top ") || l.Contains("Open in AiFinOps"));
        Assert.Equal("Period 2026-11 · scope team:search · severity critical", lines[^1]);
    }

    [Fact]
    public void The_slack_body_is_an_incoming_webhook_message_with_one_text_field()
    {
        var alert = Alerts.Budget();

        using var body = JsonDocument.Parse(SlackMessage.Body(alert));

        Assert.Equal(["text"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(SlackMessage.Text(alert), body.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void The_json_body_is_the_alert_in_camel_case_and_reads_back_equal()
    {
        var alert = Alerts.Budget(recipients: ["webhook:ops"]);

        var body = AlertJson.Body(alert);
        using var json = JsonDocument.Parse(body);

        Assert.Contains("\"title\":\"Budget \\\"Search\\\" at 80 % of $1,000 in 2026-11\"", Encoding.UTF8.GetString(body));
        Assert.Equal(alert.AlertId, json.RootElement.GetProperty("alertId").GetGuid());
        Assert.Equal(812.40m, json.RootElement.GetProperty("spentUsd").GetDecimal());
        Assert.Equal("triage", json.RootElement.GetProperty("topWorkflows")[0].GetProperty("name").GetString());
        Assert.Equal("80", json.RootElement.GetProperty("facts").GetProperty("thresholdPercent").GetString());
        var read = AlertJson.Read(Encoding.UTF8.GetString(body));
        Assert.Equal((alert.Title, alert.ForecastUsd, alert.Recipients.Single()), (read.Title, read.ForecastUsd, read.Recipients.Single()));
        Assert.Equal(alert.TopModels, read.TopModels);
    }

    [Fact]
    public void The_signature_is_the_hex_hmac_sha256_of_the_body()
    {
        // RFC 4231, test case 2.
        var body = Encoding.UTF8.GetBytes("what do ya want for nothing?");

        var signature = WebhookSignature.Of(body, "Jefe");

        Assert.Equal("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", signature);
        Assert.True(WebhookSignature.Verify(body, "Jefe", signature));
        Assert.False(WebhookSignature.Verify(Encoding.UTF8.GetBytes("what do ya want for nothing!"), "Jefe", signature));
        Assert.False(WebhookSignature.Verify(body, "Jeff", signature));
    }

    [Fact]
    public void The_e_mail_has_the_severity_and_title_as_subject_and_the_figures_and_ids_in_its_body()
    {
        var alert = Alerts.Budget(severity: "critical");
        var delivery = Guid.NewGuid();

        var body = AlertEmail.Body(alert, delivery);

        Assert.Equal("[AiFinOps critical] Budget \"Search\" at 80 % of $1,000 in 2026-11", AlertEmail.Subject(alert));
        Assert.StartsWith("Budget \"Search\" at 80 % of $1,000 in 2026-11\n\nTeam search has spent", body);
        Assert.Contains("\nSpent $812.40 of $1,000.00 · 81.24 % used · forecast $1,130.00 by the period's end\n", body);
        Assert.Contains("\nOpen in AiFinOps: http://localhost:8080/budgets/b-search?period=2026-11\n", body);
        Assert.EndsWith($"Alert {alert.AlertId} (budget.threshold) raised by budgeting at 2026-11-20 09:30:00Z; delivery {delivery}.", body);
    }
}
