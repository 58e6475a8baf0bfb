using System.Net.Mail;
using System.Text.RegularExpressions;

namespace AiFinOps.Notifications.Subscriptions;

/// <summary>What a request does to the write-only secret: leaves it as it is (field absent), clears it, or sets it.</summary>
public sealed record SecretChange(bool Keep, string? Value)
{
    public static readonly SecretChange Unchanged = new(true, null);
    public static readonly SecretChange Cleared = new(false, null);

    public static SecretChange To(string value) => new(false, value);
}

/// <summary>
/// A subscription as a caller wrote it, every field unchecked. <see cref="Validate"/> turns it into
/// <see cref="SubscriptionTerms"/> or reports every problem at once, each with its field.
/// </summary>
public sealed record SubscriptionDraft(
    string? Name,
    string? Kind,
    string? Url,
    string? Format,
    IReadOnlyList<string>? Addresses,
    IReadOnlyList<string>? FilterKinds,
    string? FilterTeam,
    string? MinSeverity,
    SecretChange Secret,
    bool? Enabled)
{
    public const int MaxAddresses = 50;
    public const int MaxKinds = 50;
    public const int MinSecretLength = 16;
    public const int MaxSecretLength = 256;

    /// <summary>The names <c>webhook:NAME</c> recipients use (the same rule budgets check their recipients by).</summary>
    private static readonly Regex NamePattern = new("^[a-z0-9][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);

    public static bool IsName(string? name) => name is not null && NamePattern.IsMatch(name);

    /// <param name="currentSecret">The secret the subscription has now, which an absent <c>secret</c> field keeps.</param>
    public (SubscriptionTerms? Terms, IReadOnlyList<FieldError> Errors) Validate(string? currentSecret = null)
    {
        var errors = new List<FieldError>();
        var name = Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new("name", "a subscription needs a name (what webhook:NAME recipients call it)"));
        else if (!IsName(name)) errors.Add(new("name", $"'{name}' is not a subscription name; use 1 to 64 lower-case letters, digits, '.', '_' or '-'"));

        var kind = Kind?.Trim().ToLowerInvariant() ?? "";
        var webhook = kind == SubscriptionTerms.Webhook;
        if (!SubscriptionTerms.Kinds.Contains(kind)) errors.Add(new("kind", $"'{Kind}' is not a subscription kind; use webhook or email"));

        var url = Url?.Trim();
        if (webhook && string.IsNullOrEmpty(url)) errors.Add(new("url", "a webhook needs a url"));
        else if (webhook && WebhookUrlMask.IsMasked(url!))
            errors.Add(new("url", "this is a webhook URL as the API shows it, masked; send the whole URL (or, to amend, the current masked one to keep it)"));
        else if (webhook && !IsWebhookUrl(url!)) errors.Add(new("url", "expected an absolute http:// or https:// URL"));
        else if (kind == SubscriptionTerms.Email && !string.IsNullOrEmpty(url)) errors.Add(new("url", "an e-mail subscription has addresses, not a url"));

        var format = Format?.Trim().ToLowerInvariant();
        if (webhook && format is not null && !SubscriptionTerms.Formats.Contains(format))
            errors.Add(new("format", $"'{Format}' is not a webhook format; use json or slack"));
        else if (kind == SubscriptionTerms.Email && format is not null) errors.Add(new("format", "only webhooks have a format"));

        var addresses = (Addresses ?? []).Select(a => a?.Trim() ?? "").ToList();
        if (kind == SubscriptionTerms.Email && addresses.Count == 0) errors.Add(new("addresses", "an e-mail subscription needs at least one address"));
        else if (webhook && addresses.Count > 0) errors.Add(new("addresses", "a webhook has a url, not addresses"));
        if (addresses.Count > MaxAddresses) errors.Add(new("addresses", $"at most {MaxAddresses} addresses"));
        for (var i = 0; i < addresses.Count; i++)
        {
            if (!IsEmailAddress(addresses[i])) errors.Add(new($"addresses[{i}]", $"'{addresses[i]}' is not an e-mail address"));
        }

        var kinds = (FilterKinds ?? []).Select(k => k?.Trim().ToLowerInvariant() ?? "").ToList();
        if (kinds.Count > MaxKinds) errors.Add(new("filter.kinds", $"at most {MaxKinds} kinds"));
        for (var i = 0; i < kinds.Count; i++)
        {
            if (!AlertFilter.IsKindPattern(kinds[i]))
                errors.Add(new($"filter.kinds[{i}]", $"'{kinds[i]}' is not an alert kind; write budget.threshold, a prefix such as budget.*, or *"));
        }
        var team = string.IsNullOrWhiteSpace(FilterTeam) ? null : FilterTeam.Trim();
        var minSeverity = string.IsNullOrWhiteSpace(MinSeverity) ? null : MinSeverity.Trim().ToLowerInvariant();
        if (minSeverity is not null && !Severities.IsKnown(minSeverity))
            errors.Add(new("filter.minSeverity", $"'{MinSeverity}' is not a severity; use info, warning or critical"));

        var secret = Secret.Keep ? currentSecret : string.IsNullOrEmpty(Secret.Value) ? null : Secret.Value;
        if (!Secret.Keep && secret is not null)
        {
            if (!webhook) errors.Add(new("secret", "only webhooks are signed"));
            else if (secret.Length is < MinSecretLength or > MaxSecretLength)
                errors.Add(new("secret", $"a signing secret has {MinSecretLength} to {MaxSecretLength} characters"));
        }

        if (errors.Count > 0) return (null, errors);
        var terms = new SubscriptionTerms(name, kind, webhook ? url : null, webhook ? format ?? SubscriptionTerms.Json : null,
            addresses.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            new AlertFilter(kinds.Distinct().ToList(), team, minSeverity), webhook ? secret : null, Enabled ?? true);
        return (terms, errors);
    }

    public static bool IsWebhookUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0 && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>A bare address (<c>lead@example.com</c>), not a display form.</summary>
    public static bool IsEmailAddress(string address) =>
        MailAddress.TryCreate(address, out var parsed) && parsed.Address == address && parsed.DisplayName.Length == 0;
}
