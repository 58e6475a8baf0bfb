using System.Net.Http.Headers;

namespace AiFinOps.Reporting.Sources;

/// <summary>
/// Presents reporting's service key to the services it reads (the key the app host gives it as
/// <c>AIFINOPS_ADMIN_KEY</c>, or <c>Reporting:ServiceKey</c>). The key is only ever a header: never logged.
/// </summary>
public sealed class ServiceKeyHandler(ReportingSettings settings) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ServiceKey
            ?? throw new InvalidOperationException("Reporting has no service key (AIFINOPS_ADMIN_KEY or Reporting:ServiceKey) to read the other services with."));
        return base.SendAsync(request, cancellationToken);
    }
}
