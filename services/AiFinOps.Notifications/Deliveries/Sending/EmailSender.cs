using System.Net.Sockets;
using AiFinOps.Contracts.Messages;
using AiFinOps.Notifications.Deliveries.Payloads;
using AiFinOps.Notifications.Subscriptions;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// Sends an alert as a plain-text e-mail over SMTP (MailKit), one message to all of a delivery's addresses, carrying
/// the same <c>X-AiFinOps-Alert-Id</c> and <c>X-AiFinOps-Delivery-Id</c> headers as a webhook, and the delivery id as
/// its Message-Id so mail systems drop a re-sent copy.
/// </summary>
public sealed class EmailSender(SmtpSettings smtp, DeliveryPolicy policy, TimeProvider clock)
{
    public async Task<AttemptResult> SendAsync(IReadOnlyList<string> addresses, Guid deliveryId, AlertRaised alert, CancellationToken cancellationToken)
    {
        if (!smtp.IsConfigured)
            return AttemptResult.Refused($"SMTP is not configured: set {SmtpSettings.Section}:Host and {SmtpSettings.Section}:From");
        if (!MailboxAddress.TryParse(smtp.From, out var from))
            return AttemptResult.Refused($"{SmtpSettings.Section}:From is not an e-mail address");
        var to = new List<MailboxAddress>();
        foreach (var address in addresses)
        {
            if (!SubscriptionDraft.IsEmailAddress(address)) return AttemptResult.Refused($"'{address}' is not an e-mail address");
            to.Add(MailboxAddress.Parse(address));
        }
        if (to.Count == 0) return AttemptResult.Refused("no e-mail address to send to");

        var message = new MimeMessage { Subject = AlertEmail.Subject(alert), MessageId = $"{deliveryId:N}@aifinops" };
        message.From.Add(from);
        message.To.AddRange(to);
        message.Headers.Add(WebhookSender.AlertIdHeader, alert.AlertId.ToString());
        message.Headers.Add(WebhookSender.DeliveryIdHeader, deliveryId.ToString());
        message.Body = new TextPart("plain") { Text = AlertEmail.Body(alert, deliveryId) };

        // Each step (connect, authenticate, send) has the attempt's timeout; the whole exchange at most three of them.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout * 3);
        var started = clock.GetTimestamp();
        using var client = new SmtpClient { Timeout = (int)policy.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, Security(), timeout.Token);
            if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", timeout.Token);
            await client.SendAsync(message, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return AttemptResult.Success(null, clock.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.Failure($"the SMTP server gave no answer within {(policy.Timeout * 3).TotalSeconds:0.###} s", clock.GetElapsedTime(started));
        }
        catch (SmtpCommandException ex)
        {
            return AttemptResult.Failure($"the SMTP server refused ({(int)ex.StatusCode}): {ErrorText.Of(ex, smtp.Password)}", clock.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is IOException or SocketException or TimeoutException or SmtpProtocolException
                                       or AuthenticationException or SslHandshakeException or ServiceNotConnectedException)
        {
            return AttemptResult.Failure($"could not send through {smtp.Host}: {ErrorText.Of(ex, smtp.Password)}", clock.GetElapsedTime(started));
        }
    }

    private SecureSocketOptions Security() =>
        !smtp.EnableSsl ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
}
