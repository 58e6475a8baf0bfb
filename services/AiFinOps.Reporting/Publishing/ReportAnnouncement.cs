using System.Globalization;
using AiFinOps.Contracts.Messages;
using AiFinOps.Reporting.Storing;

namespace AiFinOps.Reporting.Publishing;

/// <summary>
/// Pure: the two messages that announce a stored report version — <see cref="ReportPublished"/> for whoever consumes
/// reports, and an <see cref="AlertRaised"/> of kind <c>report.published</c> (severity info) that the notifications
/// service delivers to subscribed webhooks with the link. Both ids derive from kind, period and version.
/// </summary>
public static class ReportAnnouncement
{
    public const string AlertKind = "report.published";

    public static string Path(string kind, string period) => $"/api/v1/reports/{kind}/{period}";

    public static string Title(StoredReport report) => report.Kind == ReportKinds.Monthly
        ? $"Monthly AI cost report {report.Period}"
        : $"Quarterly AI review pack {report.Period}";

    public static decimal TotalCostUsd(StoredReport report) =>
        report.Latest.Monthly?.Total.CostUsd ?? report.Latest.Quarterly?.Total.CostUsd ?? 0;

    public static ReportPublished Published(StoredReport report, string publicUrl) => new()
    {
        ReportId = DerivedIds.Of($"{report.Id}:v{report.Version}"),
        Kind = report.Kind,
        Period = report.Period,
        Version = report.Version,
        Title = Title(report),
        GeneratedAt = report.GeneratedAt,
        TotalCostUsd = TotalCostUsd(report),
        HtmlUrl = $"{publicUrl}{Path(report.Kind, report.Period)}.html",
        JsonUrl = $"{publicUrl}{Path(report.Kind, report.Period)}",
    };

    public static AlertRaised Alert(StoredReport report, string publicUrl)
    {
        var published = Published(report, publicUrl);
        var total = published.TotalCostUsd.ToString("N2", CultureInfo.InvariantCulture);
        var change = report.Latest.Monthly?.Total.ChangePercent ?? report.Latest.Quarterly?.Total.ChangePercent;
        return new AlertRaised
        {
            AlertId = DerivedIds.Of($"{report.Id}:v{report.Version}:alert"),
            Kind = AlertKind,
            Source = "reporting",
            Severity = "info",
            Title = $"{published.Title} is ready (version {report.Version})",
            Text = $"{published.Title}: ${total} of AI spend" +
                (change is null ? "" : $", {change.Value.ToString("+0.##;-0.##;0", CultureInfo.InvariantCulture)} % on the period before") +
                $". Read it at {published.HtmlUrl}",
            RaisedAt = report.GeneratedAt,
            Scope = "org",
            Period = report.Period,
            PeriodStart = report.Latest.Monthly?.From ?? report.Latest.Quarterly?.From,
            PeriodEnd = report.Latest.Monthly?.To ?? report.Latest.Quarterly?.To,
            SpentUsd = published.TotalCostUsd,
            DashboardUrl = published.HtmlUrl,
            Facts = new Dictionary<string, string>
            {
                ["reportKind"] = report.Kind,
                ["version"] = report.Version.ToString(CultureInfo.InvariantCulture),
                ["jsonUrl"] = published.JsonUrl,
            },
        };
    }
}
