using System.Text;
using System.Text.Json;
using AiFinOps.Web.Api;
using AiFinOps.Web.Exploring;
using AiFinOps.Web.SigningIn;

namespace AiFinOps.Web.Downloads;

/// <summary>
/// Files the browser downloads with the signed-in key (which it never sees): the Explore breakdown as CSV, and the
/// services' own files — chargeback CSV, FOCUS export, report HTML and CSV — passed through as the service wrote them.
/// </summary>
public static class DownloadEndpoints
{
    /// <summary>The services whose GET files may be passed through: only reads, and only under <c>/api/v1/</c>.</summary>
    private static readonly IReadOnlyList<string> FileServices = [ApiServices.Allocation, ApiServices.Reporting];

    public static void MapDownloads(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/downloads/spend.csv", SpendCsvAsync).RequireAuthorization().ExcludeFromDescription();
        routes.MapGet("/downloads/{service}/{**path}", PassThroughAsync).RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>The link to a service's file, passed through <c>/downloads</c>.</summary>
    public static string Link(string service, string apiPathAndQuery) => $"/downloads/{service}{apiPathAndQuery}";

    private static async Task<IResult> SpendCsvAsync(HttpContext http, DashboardApi api, CancellationToken ct)
    {
        var (filter, _) = ExploreFilter.Parse(http.Request.QueryString.Value);
        var answer = await api.GetAsync(DashboardUser.KeyOf(http.User)!, ApiServices.Allocation, "/api/v1/spend" + filter.ToSpendQuery(filter.Level), ct);
        if (!answer.IsOk) return Results.Problem(answer.Explanation, statusCode: answer.Status == 0 ? 503 : (int)answer.Status);
        var csv = SpendCsv.Of(filter.Level, answer.Body);
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"spend-by-{filter.Level}.csv");
    }

    private static async Task<IResult> PassThroughAsync(string service, string path, HttpContext http, DashboardApi api, CancellationToken ct)
    {
        if (!FileServices.Contains(service) || !path.StartsWith("api/v1/", StringComparison.Ordinal) || path.Contains(".."))
            return Results.NotFound();
        var response = await api.SendAsync(DashboardUser.KeyOf(http.User)!, service, "/" + path + http.Request.QueryString, ct);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var problem = body.StartsWith('{') ? ApiAnswer.ProblemOf(JsonDocument.Parse(body).RootElement) : null;
            return Results.Problem(problem, statusCode: (int)response.StatusCode);
        }
        var type = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        var name = Path.GetFileName(path);
        // HTML opens in the browser; everything else is saved under the name the path gives it.
        var inline = type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase);
        return Results.Stream(await response.Content.ReadAsStreamAsync(ct), type, inline ? null : FileName(name, type));
    }

    private static string FileName(string name, string type) =>
        Path.HasExtension(name) ? name : name + (type.Contains("csv") ? ".csv" : type.Contains("parquet") ? ".parquet" : "");
}
