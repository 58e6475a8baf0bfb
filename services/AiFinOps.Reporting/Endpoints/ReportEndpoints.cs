using AiFinOps.Reporting.Jobs;
using AiFinOps.Reporting.Periods;
using AiFinOps.Reporting.Publishing;
using AiFinOps.Reporting.Rendering;
using AiFinOps.Reporting.Storing;
using AiFinOps.ServiceDefaults.Security;
using Hangfire;
using Marten;

namespace AiFinOps.Reporting.Endpoints;

/// <summary>
/// The monthly report and the quarterly review pack: run on demand (finance), read as JSON, as one HTML page, and each
/// table as CSV (read). Reports cover the whole organisation, so team-restricted keys get a 403.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        Map(app, ReportKinds.Monthly, "month", "2026-10", "The monthly AI cost report");
        Map(app, ReportKinds.Quarterly, "quarter", "2026-Q3", "The quarterly review pack");
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, string kind, string unit, string example, string what)
    {
        var root = $"/api/v1/reports/{kind}";
        app.MapPost(root + "/{period}", (string period, HttpContext http, ReportGenerator generator, IBackgroundJobClient jobs, CancellationToken ct) =>
                RunAsync(kind, unit, period, http, generator, jobs, ct))
            .RequireScope(ApiScopes.Finance).WithName($"Run{Name(kind)}Report")
            .WithSummary($"{what} for a {unit} ({example}), generated now: a new version when its figures changed, else the stored one. " +
                "When a source service does not answer: 503, and a Hangfire job (jobId, see /hangfire) retries the run.");
        app.MapGet(root, (HttpContext http, IQuerySession session, CancellationToken ct) => ListAsync(kind, http, session, ct))
            .RequireScope(ApiScopes.Read).WithName($"List{Name(kind)}Reports").WithSummary($"{what}s generated so far, latest version each.");
        app.MapGet(root + "/{period}", (string period, int? version, HttpContext http, ReportStore store, CancellationToken ct) =>
                GetAsync(kind, unit, period, version, http, store, ct))
            .RequireScope(ApiScopes.Read).WithName($"Get{Name(kind)}Report")
            .WithSummary($"{what} as JSON: the latest version, or ?version=n.");
        app.MapGet(root + "/{period}.html", (string period, int? version, HttpContext http, ReportStore store, CancellationToken ct) =>
                HtmlAsync(kind, unit, period, version, http, store, ct))
            .RequireScope(ApiScopes.Read).WithName($"Get{Name(kind)}ReportHtml")
            .WithSummary($"{what} as one self-contained HTML page (inline SVG charts, prints on A4).");
        app.MapGet(root + "/{period}/{table}.csv", (string period, string table, int? version, HttpContext http, ReportStore store, CancellationToken ct) =>
                CsvAsync(kind, unit, period, table, version, http, store, ct))
            .RequireScope(ApiScopes.Read).WithName($"Get{Name(kind)}ReportTableCsv")
            .WithSummary($"One table of {what.ToLowerInvariant()} as CSV (RFC 4180, decimals unrounded); the JSON's links list the tables.");
    }

    private static async Task<IResult> RunAsync(string kind, string unit, string period, HttpContext http, ReportGenerator generator,
        IBackgroundJobClient jobs, CancellationToken ct)
    {
        if (ReportProblems.OrganisationWide(http) is { } forbidden) return forbidden;
        if (Parse(kind, period) is not { } parsed) return ReportProblems.InvalidPeriod("period", Reason(kind, unit, period));
        try
        {
            var stored = kind == ReportKinds.Monthly ? await generator.MonthlyAsync(parsed.Key, ct) : await generator.QuarterlyAsync(parsed.Key, ct);
            return Results.Ok(new ReportRun(kind, parsed.Key, stored.Report.Version, stored.Added, stored.Report.GeneratedAt, Links(stored.Report)));
        }
        catch (Exception exception) when (SourceDidNotAnswer(exception, ct))
        {
            var job = kind == ReportKinds.Monthly
                ? jobs.Enqueue<ReportGenerator>(g => g.MonthlyJobAsync(parsed.Key, CancellationToken.None))
                : jobs.Enqueue<ReportGenerator>(g => g.QuarterlyJobAsync(parsed.Key, CancellationToken.None));
            return ReportProblems.SourceUnavailable(exception, job);
        }
    }

    private static async Task<IResult> ListAsync(string kind, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (ReportProblems.OrganisationWide(http) is { } forbidden) return forbidden;
        var reports = await session.Query<StoredReport>().Where(r => r.Kind == kind).ToListAsync(ct);
        return Results.Ok(reports.OrderByDescending(r => r.Period, StringComparer.Ordinal)
            .Select(r => new ReportListing(r.Kind, r.Period, r.Version, r.GeneratedAt, Links(r).Html)).ToList());
    }

    private static async Task<IResult> GetAsync(string kind, string unit, string period, int? version, HttpContext http, ReportStore store, CancellationToken ct)
    {
        var (report, problem) = await LoadAsync(kind, unit, period, version, http, store, ct);
        if (report is null) return problem!;
        return Results.Ok(new ReportDocument(report.Kind, report.Period, report.Version, report.GeneratedAt, report.ContentHash,
            (object?)report.Latest.Monthly ?? report.Latest.Quarterly!, Links(report)));
    }

    private static async Task<IResult> HtmlAsync(string kind, string unit, string period, int? version, HttpContext http, ReportStore store, CancellationToken ct)
    {
        var (report, problem) = await LoadAsync(kind, unit, period, version, http, store, ct);
        if (report is null) return problem!;
        return Results.Content(Html.Page(View(report), ReportAnnouncement.Path(report.Kind, report.Period)), Html.ContentType);
    }

    private static async Task<IResult> CsvAsync(string kind, string unit, string period, string table, int? version, HttpContext http, ReportStore store,
        CancellationToken ct)
    {
        var (report, problem) = await LoadAsync(kind, unit, period, version, http, store, ct);
        if (report is null) return problem!;
        var tables = View(report).Tables;
        if (tables.FirstOrDefault(t => t.Name == table) is not { } found) return ReportProblems.UnknownTable(table, tables.Select(t => t.Name));
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{report.Kind}-{report.Period}-{found.Name}.csv\"";
        return Results.Text(Csv.Write(found), Csv.ContentType);
    }

    private static async Task<(StoredReport? Report, IResult? Problem)> LoadAsync(string kind, string unit, string period, int? version, HttpContext http,
        ReportStore store, CancellationToken ct)
    {
        if (ReportProblems.OrganisationWide(http) is { } forbidden) return (null, forbidden);
        if (Parse(kind, period) is not { } parsed) return (null, ReportProblems.InvalidPeriod("period", Reason(kind, unit, period)));
        var report = await store.LoadAsync(kind, parsed.Key, version, ct);
        return report is null ? (null, ReportProblems.NotGenerated(kind, parsed.Key, version)) : (report, null);
    }

    /// <summary>A source refused the connection, answered an error, or the resilience pipeline gave up on it (timeout, open circuit).</summary>
    private static bool SourceDidNotAnswer(Exception exception, CancellationToken ct) =>
        exception is HttpRequestException or Polly.ExecutionRejectedException || (exception is TaskCanceledException && !ct.IsCancellationRequested);

    public static ReportView View(StoredReport report) => report.Latest.Monthly is { } monthly
        ? MonthlyReportView.Of(report, monthly)
        : ReviewPackView.Of(report, report.Latest.Quarterly!);

    private static ReportLinks Links(StoredReport report)
    {
        var path = ReportAnnouncement.Path(report.Kind, report.Period);
        return new ReportLinks(path, path + ".html", path, View(report).Tables.Select(t => t.Name).ToList());
    }

    private static ReportPeriod? Parse(string kind, string period) =>
        kind == ReportKinds.Monthly ? ReportPeriod.ParseMonth(period, out _) : ReportPeriod.ParseQuarter(period, out _);

    private static string Reason(string kind, string unit, string period)
    {
        _ = kind == ReportKinds.Monthly ? ReportPeriod.ParseMonth(period, out var reason) : ReportPeriod.ParseQuarter(period, out reason);
        return reason ?? $"'{period}' is not a {unit}";
    }

    private static string Name(string kind) => char.ToUpperInvariant(kind[0]) + kind[1..];
}
