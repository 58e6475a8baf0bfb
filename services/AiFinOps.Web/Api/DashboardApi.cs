using System.Net.Http.Headers;
using System.Text.Json;

namespace AiFinOps.Web.Api;

/// <summary>
/// Reads the services' REST APIs with the signed-in user's own key — the dashboard holds no key of its own, so every
/// answer is what that key may see (a team key only its teams).
/// </summary>
public sealed class DashboardApi(IHttpClientFactory clients, ILogger<DashboardApi> logger)
{
    public async Task<ApiAnswer> GetAsync(string key, string service, string pathAndQuery, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await SendAsync(key, service, pathAndQuery, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var body = text.Length > 0 && IsJson(response) ? JsonDocument.Parse(text).RootElement.Clone() : default;
            return new ApiAnswer(response.StatusCode, body, response.IsSuccessStatusCode ? null : ApiAnswer.ProblemOf(body));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The key is never part of the message: only the service and the path.
            logger.LogWarning("Reading {Service} {Path} failed: {Reason}", service, pathAndQuery.Split('?')[0], exception.Message);
            return ApiAnswer.Unreachable(exception.Message);
        }
    }

    /// <summary>The raw response, for downloads streamed to the browser as the service wrote them.</summary>
    public async Task<HttpResponseMessage> SendAsync(string key, string service, string pathAndQuery, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(service);
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static bool IsJson(HttpResponseMessage response) =>
        response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
}
