using System.Text.Json;

namespace AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;

/// <summary>
/// Reads a subscription from a JSON body field by field, so a wrong type is a problem naming its field rather than a
/// bare 400: <c>{ "id"?, "name", "kind", "url"?, "format"?, "addresses"?, "filter"?: { "kinds"?, "team"?, "minSeverity"? },
/// "secret"?, "enabled"? }</c>. An absent <c>secret</c> keeps the current one; <c>null</c> or <c>""</c> clears it.
/// </summary>
public static class SubscriptionRequest
{
    public static (string? Id, SubscriptionDraft Draft, IReadOnlyList<FieldError> Errors) Parse(JsonElement body)
    {
        var errors = new List<FieldError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, new SubscriptionDraft(null, null, null, null, null, null, null, null, SecretChange.Unchanged, null),
                [new("body", "expected a JSON object describing the subscription")]);
        }

        var filter = body.TryGetProperty("filter", out var f) && f.ValueKind != JsonValueKind.Null ? f : (JsonElement?)null;
        if (filter is { ValueKind: not JsonValueKind.Object })
        {
            errors.Add(new("filter", "expected an object: { \"kinds\": [...], \"team\": \"...\", \"minSeverity\": \"warning\" }"));
            filter = null;
        }

        var secret = SecretChange.Unchanged;
        if (body.TryGetProperty("secret", out var s))
        {
            if (s.ValueKind == JsonValueKind.Null) secret = SecretChange.Cleared;
            else if (s.ValueKind == JsonValueKind.String) secret = SecretChange.To(s.GetString()!);
            else errors.Add(new("secret", $"expected a string, got {Kind(s)}"));
        }

        bool? enabled = null;
        if (body.TryGetProperty("enabled", out var e) && e.ValueKind != JsonValueKind.Null)
        {
            if (e.ValueKind is JsonValueKind.True or JsonValueKind.False) enabled = e.GetBoolean();
            else errors.Add(new("enabled", $"expected true or false, got {Kind(e)}"));
        }

        var draft = new SubscriptionDraft(
            Text(body, "name", "name", errors), Text(body, "kind", "kind", errors), Text(body, "url", "url", errors),
            Text(body, "format", "format", errors), Texts(body, "addresses", "addresses", errors),
            filter is { } k ? Texts(k, "kinds", "filter.kinds", errors) : null,
            filter is { } t ? Text(t, "team", "filter.team", errors) : null,
            filter is { } m ? Text(m, "minSeverity", "filter.minSeverity", errors) : null,
            secret, enabled);
        return (Text(body, "id", "id", errors), draft, errors);
    }

    private static string? Text(JsonElement owner, string name, string field, List<FieldError> errors)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        errors.Add(new(field, $"expected a string, got {Kind(value)}"));
        return null;
    }

    private static List<string>? Texts(JsonElement owner, string name, string field, List<FieldError> errors)
    {
        if (!owner.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new(field, $"expected a list of strings, got {Kind(value)}"));
            return null;
        }
        var texts = new List<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String) texts.Add(item.GetString()!);
            else errors.Add(new($"{field}[{i}]", $"expected a string, got {Kind(item)}"));
            i++;
        }
        return texts;
    }

    private static string Kind(JsonElement value) => value.ValueKind.ToString().ToLowerInvariant();
}
