namespace AiFinOps.Reporting.Endpoints;

/// <summary>A stored report as the API returns it: which version, when it was generated, its content hash and the report.</summary>
public sealed record ReportDocument(string Kind, string Period, int Version, DateTimeOffset GeneratedAt, string ContentHash, object Report,
    ReportLinks Links);

/// <summary>Where the report's formats are: the JSON, the HTML page, and each table's CSV (<c>{Csv}/{table}.csv</c>).</summary>
public sealed record ReportLinks(string Json, string Html, string Csv, IReadOnlyList<string> Tables);

/// <summary>The answer to an on-demand run: the version it produced or met, and whether it added it.</summary>
public sealed record ReportRun(string Kind, string Period, int Version, bool Added, DateTimeOffset GeneratedAt, ReportLinks Links);

/// <summary>A stored report in a listing.</summary>
public sealed record ReportListing(string Kind, string Period, int Version, DateTimeOffset GeneratedAt, string Html);
