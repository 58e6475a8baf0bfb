using Marten.Events.Aggregation;

namespace AiFinOps.Reporting.Storing;

/// <summary>The latest version of a report (earlier ones stay in its stream), written inline with its stream.</summary>
public sealed record StoredReport(string Id, string Kind, string Period, int Version, string ContentHash, DateTimeOffset GeneratedAt, ReportGenerated Latest)
{
    public static StoredReport Create(ReportGenerated e) =>
        new(ReportGenerated.StreamKey(e.Kind, e.Period), e.Kind, e.Period, 1, e.ContentHash, e.GeneratedAt, e);

    public StoredReport Apply(ReportGenerated e) => this with { Version = Version + 1, ContentHash = e.ContentHash, GeneratedAt = e.GeneratedAt, Latest = e };
}

public sealed partial class StoredReportProjection : SingleStreamProjection<StoredReport, string>
{
    public StoredReport Create(ReportGenerated e) => StoredReport.Create(e);

    public StoredReport Apply(ReportGenerated e, StoredReport report) => report.Apply(e);
}
