using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFinOps.Cli.Common;

/// <summary>The REST gateway, with the API key as a bearer token. Failures become <see cref="GatewayException"/>.</summary>
public sealed class GatewayClient : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http;

    /// <summary>Answers are awaited <paramref name="timeout"/> (default 30 s); long work (a report run) asks for more.</summary>
    public GatewayClient(Uri gateway, string? apiKey, HttpMessageHandler? handler = null, TimeSpan? timeout = null)
    {
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.BaseAddress = gateway;
        _http.Timeout = timeout ?? TimeSpan.FromSeconds(30);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (apiKey is not null) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<JsonElement> PostAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<JsonElement> PutAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);

    /// <summary>GET a body as the service wrote it (e.g. CSV), asking for <paramref name="mediaType"/>.</summary>
    public async Task<string> GetTextAsync(string path, string mediaType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        return (await ReadAsync(request, cancellationToken)).Body;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (status, body) = await ReadAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(body)) return default;
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(body, Json);
        }
        catch (JsonException)
        {
            throw new GatewayException($"The gateway answered {(int)status} with something that is not JSON.");
        }
    }

    private async Task<(System.Net.HttpStatusCode Status, string Body)> ReadAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException exception)
            {
                throw GatewayException.Unreachable(_http.BaseAddress!, exception);
            }
            catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
            {
                throw GatewayException.Unreachable(_http.BaseAddress!, exception);
            }
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!response.IsSuccessStatusCode) throw GatewayException.FromResponse(response.StatusCode, response.ReasonPhrase, body);
                return (response.StatusCode, body);
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
