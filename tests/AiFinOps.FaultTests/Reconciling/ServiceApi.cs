using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace AiFinOps.FaultTests.Reconciling;

/// <summary>A service's REST API, called as a client would, with the admin key.</summary>
public sealed class ServiceApi(Uri address, string key) : IDisposable
{
    private readonly HttpClient http = new()
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    public async Task<JsonElement> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return await ReadAsync(response, "GET " + path);
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, "POST " + path);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string call)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => http.Dispose();
}
