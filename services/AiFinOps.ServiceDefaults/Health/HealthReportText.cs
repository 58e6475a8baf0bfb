using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiFinOps.ServiceDefaults.Health;

/// <summary>
/// The body of <c>/health</c> and <c>/alive</c>: the overall status on the first line (<c>Healthy</c> alone when all is
/// well, as orchestrators expect), then one line per check that is not healthy with its description — what an operator
/// reads with <c>curl</c> and Kubernetes shows in a failed probe's event. Exceptions are left out: their messages
/// and stack traces are for the log, not for an anonymous endpoint.
/// </summary>
public static class HealthReportText
{
    public static string Format(HealthReport report)
    {
        var lines = report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: {e.Value.Status}" + (string.IsNullOrWhiteSpace(e.Value.Description) ? "" : $" — {e.Value.Description}"));
        return string.Join('\n', lines.Prepend(report.Status.ToString()));
    }

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Format(report));
    }
}
