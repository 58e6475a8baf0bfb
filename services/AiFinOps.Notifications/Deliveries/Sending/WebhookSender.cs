using System.Diagnostics;
using System.Net.Http.Headers;
using AiFinOps.Contracts.Messages;
using AiFinOps.Notifications.Deliveries.Payloads;
using AiFinOps.Notifications.Subscriptions;
using OpenTelemetry;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// POSTs an alert to a webhook in its subscription's format, with <c>X-AiFinOps-Alert-Id</c>,
/// <c>X-AiFinOps-Delivery-Id</c> (the same on every attempt: receivers deduplicate on it) and, when the subscription
/// has a secret, <c>X-AiFinOps-Signature</c>. Its own client: no retries under ours, no redirects (a 3xx is a failed
/// attempt), and no request logging that would write a secret-bearing URL (Slack's) to the logs. For the same reason
/// HttpClient's own span (whose <c>url.full</c> holds the path) is suppressed: the attempt is traced as a span of ours
/// that names the host, the delivery and the status only.
/// </summary>
public sealed class WebhookSender(DeliveryPolicy policy, TimeProvider clock) : IDisposable
{
    public const string AlertIdHeader = "X-AiFinOps-Alert-Id";
    public const string DeliveryIdHeader = "X-AiFinOps-Delivery-Id";
    private const int SnippetBytes = 300;
    private static readonly ActivitySource Telemetry = new("AiFinOps.Notifications.Webhooks");

    private readonly HttpClient http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = policy.Timeout,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static byte[] BodyOf(SubscriptionTerms terms, AlertRaised alert) =>
        terms.Format == SubscriptionTerms.Slack ? SlackMessage.Body(alert) : AlertJson.Body(alert);

    public async Task<AttemptResult> SendAsync(SubscriptionTerms terms, Guid deliveryId, AlertRaised alert, CancellationToken cancellationToken)
    {
        var body = BodyOf(terms, alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, terms.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.ParseAdd("AiFinOps-Notifications/1.0");
        request.Headers.Add(AlertIdHeader, alert.AlertId.ToString());
        request.Headers.Add(DeliveryIdHeader, deliveryId.ToString());
        if (terms.Secret is { } secret) request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(body, secret));

        using var activity = Telemetry.StartActivity("webhook delivery", ActivityKind.Client);
        activity?.SetTag("server.address", request.RequestUri!.Host);
        activity?.SetTag("aifinops.delivery.id", deliveryId.ToString());
        activity?.SetTag("aifinops.alert.id", alert.AlertId.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout);
        var started = clock.GetTimestamp();
        try
        {
            using var response = await SendUntracedAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (response.IsSuccessStatusCode) return AttemptResult.Success(status, clock.GetElapsedTime(started));
            activity?.SetStatus(ActivityStatusCode.Error, $"HTTP {status}");
            var snippet = await SnippetAsync(response, timeout.Token);
            var error = ErrorText.Clean($"HTTP {status} {response.ReasonPhrase}{(snippet.Length > 0 ? ": " + snippet : "")}", terms.Url, terms.Secret);
            return AttemptResult.Failure(error, clock.GetElapsedTime(started), status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "timeout");
            return AttemptResult.Failure($"no answer within {policy.Timeout.TotalSeconds:0.###} s", clock.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, "unreachable");
            return AttemptResult.Failure("could not reach the webhook: " + ErrorText.Of(ex, terms.Url, terms.Secret), clock.GetElapsedTime(started));
        }
    }

    private async Task<HttpResponseMessage> SendUntracedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var untraced = SuppressInstrumentationScope.Begin();
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The start of the receiver's answer (Slack says why: <c>invalid_token</c>, <c>no_service</c>, …), best effort.</summary>
    private static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[SnippetBytes];
            var read = await stream.ReadAtLeastAsync(buffer, SnippetBytes, throwOnEndOfStream: false, cancellationToken);
            return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }

    public void Dispose() => http.Dispose();
}
