using System.Net.Http.Headers;
using AiFinOps.Contracts.Messages;
using AiFinOps.Notifications.Deliveries.Payloads;
using AiFinOps.Notifications.Subscriptions;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// POSTs an alert to a webhook in its subscription's format, with <c>X-AiFinOps-Alert-Id</c>,
/// <c>X-AiFinOps-Delivery-Id</c> (the same on every attempt: receivers deduplicate on it) and, when the subscription
/// has a secret, <c>X-AiFinOps-Signature</c>. Its own client: no retries under ours, no redirects (a 3xx is a failed
/// attempt), and no request logging that would write a secret-bearing URL (Slack's) to the logs.
/// </summary>
public sealed class WebhookSender(DeliveryPolicy policy, TimeProvider clock) : IDisposable
{
    public const string AlertIdHeader = "X-AiFinOps-Alert-Id";
    public const string DeliveryIdHeader = "X-AiFinOps-Delivery-Id";
    private const int SnippetBytes = 300;

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

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout);
        var started = clock.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return AttemptResult.Success(status, clock.GetElapsedTime(started));
            var snippet = await SnippetAsync(response, timeout.Token);
            var error = ErrorText.Clean($"HTTP {status} {response.ReasonPhrase}{(snippet.Length > 0 ? ": " + snippet : "")}", terms.Url, terms.Secret);
            return AttemptResult.Failure(error, clock.GetElapsedTime(started), status);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failure($"no answer within {policy.Timeout.TotalSeconds:0.###} s", clock.GetElapsedTime(started));
        }
        catch (HttpRequestException ex)
        {
            return AttemptResult.Failure("could not reach the webhook: " + ErrorText.Of(ex, terms.Url, terms.Secret), clock.GetElapsedTime(started));
        }
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
