using AiFinOps.Reporting.Monthly;
using AiFinOps.Reporting.Quarterly;

namespace AiFinOps.Reporting.Storing;

/// <summary>
/// A new version of a report: its content (a monthly report or a review pack) and the SHA-256 of that content, which
/// is how a later run knows it computed the same report and adds no version. Stream <c>report:{kind}:{period}</c>.
/// </summary>
public sealed record ReportGenerated(string Kind, string Period, string ContentHash, DateTimeOffset GeneratedAt, MonthlyReport? Monthly, ReviewPack? Quarterly)
{
    public static string StreamKey(string kind, string period) => $"report:{kind}:{period}";
}

/// <summary>The kinds of report, as the API paths name them.</summary>
public static class ReportKinds
{
    public const string Monthly = "monthly";
    public const string Quarterly = "quarterly";
}
