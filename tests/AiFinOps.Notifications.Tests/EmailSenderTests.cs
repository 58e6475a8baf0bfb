using AiFinOps.Notifications.Deliveries.Sending;

namespace AiFinOps.Notifications.Tests;

/// <summary>What the e-mail channel refuses before it opens any connection.</summary>
public sealed class EmailSenderTests
{
    [Fact]
    public async Task Without_smtp_configured_an_e_mail_fails_for_good_with_that_reason()
    {
        var sender = new EmailSender(new SmtpSettings(null, 0, null, null, null, false), DeliveryPolicy.Default, TimeProvider.System);

        var result = await sender.SendAsync(["lead@example.com"], Guid.NewGuid(), Alerts.Budget(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Equal("SMTP is not configured: set Notifications:Smtp:Host and Notifications:Smtp:From", result.Error);
    }

    [Fact]
    public async Task An_address_that_is_not_one_fails_for_good()
    {
        var sender = new EmailSender(new SmtpSettings("127.0.0.1", 25, "aifinops@example.com", null, null, false), DeliveryPolicy.Default, TimeProvider.System);

        var result = await sender.SendAsync(["not an address"], Guid.NewGuid(), Alerts.Budget(), CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.Equal("'not an address' is not an e-mail address", result.Error);
    }
}
