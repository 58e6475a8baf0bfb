namespace AiFinOps.ServiceDefaults.Security;

/// <summary>Turns a presented key into an identity, or null when the key is unknown or revoked.</summary>
public interface IApiKeyVerifier
{
    Task<ApiKeyIdentity?> VerifyAsync(string presentedKey, CancellationToken cancellationToken);
}
