using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Caching.Memory;

namespace AiFinOps.ServiceDefaults.Security;

/// <summary>
/// Asks the ingest service (which owns API keys) whether a key is valid. Answers are cached by key hash:
/// valid keys for 30 s (so a revocation reaches every service within 30 s), unknown keys for 5 s.
/// </summary>
public sealed class RemoteApiKeyVerifier(HttpClient http, IMemoryCache cache) : IApiKeyVerifier
{
    public const string VerifyPath = "/internal/keys/verify";

    public Task<ApiKeyIdentity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken) =>
        cache.GetOrVerifyAsync(KeyHash.Of(presentedKey), () => AskIngestAsync(presentedKey, cancellationToken));

    private async Task<ApiKeyIdentity?> AskIngestAsync(string presentedKey, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(VerifyPath, new KeyVerificationRequest(presentedKey), cancellationToken);
        ApiKeyIdentity? identity = response.StatusCode switch
        {
            HttpStatusCode.OK => await response.Content.ReadFromJsonAsync<ApiKeyIdentity>(cancellationToken),
            HttpStatusCode.NotFound => null,
            _ => throw new HttpRequestException($"Key verification failed with {(int)response.StatusCode}", null, response.StatusCode),
        };
        return identity;
    }
}

public sealed record KeyVerificationRequest(string Key);
