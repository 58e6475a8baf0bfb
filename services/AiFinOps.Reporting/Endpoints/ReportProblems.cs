using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Reporting.Endpoints;

/// <summary>The RFC 9457 problems the report endpoints answer with.</summary>
public static class ReportProblems
{
    /// <summary>Reports cover the whole organisation: a key restricted to teams may not read or run them.</summary>
    public static IResult? OrganisationWide(HttpContext http) => http.ApiKey().IsTeamRestricted
        ? Results.Problem(statusCode: 403, title: "Forbidden",
            detail: "Reports cover the whole organisation; a key restricted to teams cannot read them. Read your teams' spend with GET /api/v1/spend.")
        : null;

    public static IResult InvalidPeriod(string parameter, string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [parameter] = [reason] }, title: "The report request is invalid");

    public static IResult NotGenerated(string kind, string period, int? version) => Results.Problem(statusCode: 404, title: "No such report",
        detail: version is null
            ? $"No {kind} report for {period} has been generated yet; POST /api/v1/reports/{kind}/{period} generates it."
            : $"The {kind} report for {period} has no version {version}.");

    public static IResult UnknownTable(string table, IEnumerable<string> tables) =>
        Results.Problem(statusCode: 404, title: "No such table", detail: $"The report has no table '{table}'; its tables are {string.Join(", ", tables)}.");

    /// <summary>A source did not answer: the run is left to a Hangfire job that retries it (visible at /hangfire).</summary>
    public static IResult SourceUnavailable(Exception exception, string jobId) => Results.Problem(statusCode: 503,
        title: "A source service did not answer",
        detail: $"The report could not be gathered: {exception.Message}. Background job {jobId} retries it (see /hangfire/jobs/details/{jobId}).",
        extensions: new Dictionary<string, object?> { ["jobId"] = jobId });
}
