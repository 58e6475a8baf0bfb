using Microsoft.Extensions.Configuration;

namespace AiFinOps.Notifications.Deliveries.Sending;

/// <summary>
/// The SMTP server alert e-mail leaves through, from <c>Notifications:Smtp</c>: <c>Host</c>, <c>Port</c> (0 or absent:
/// 25, or 587 with <c>EnableSsl</c>; 465 means TLS from the first byte), <c>From</c>, <c>UserName</c> and
/// <c>Password</c> (both optional), <c>EnableSsl</c> (STARTTLS, required). Without a host and a sender address e-mail
/// deliveries fail, visibly, with that reason.
/// </summary>
public sealed record SmtpSettings(string? Host, int Port, string? From, string? UserName, string? Password, bool EnableSsl)
{
    public const string Section = "Notifications:Smtp";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public static SmtpSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        return new SmtpSettings(section["Host"], section.GetValue<int?>("Port") ?? 0, section["From"], section["UserName"],
            section["Password"], section.GetValue<bool?>("EnableSsl") ?? false);
    }
}
