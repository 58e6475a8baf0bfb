using System.Globalization;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;

namespace AiFinOps.Ingest.Recording;

/// <summary>
/// Pure validation of one usage event against the contract. Returns the normalised call (untagged dimensions made
/// explicit, provider lower-cased, tier defaulted) or the first rule it breaks.
/// </summary>
public static class UsageValidation
{
    public static readonly IReadOnlySet<string> ServiceTiers = new HashSet<string> { "standard", "batch", "priority", "flex" };

    public static (ValidUsage? Usage, EventRejection? Rejection) Validate(UsageEvent e, IngestLimits limits, DateTimeOffset now)
    {
        decimal? reportedCost = null;
        var rejection =
            Identifier(e.EventId, "event_id", limits, required: true)
            ?? OccurredAt(e.OccurredAt, limits, now)
            ?? Name(e.Provider, "provider", limits, required: true)
            ?? Name(e.Model, "model", limits, required: true)
            ?? Tokens(e.InputTokens, "input_tokens", limits)
            ?? Tokens(e.OutputTokens, "output_tokens", limits)
            ?? Tokens(e.CacheReadTokens, "cache_read_tokens", limits)
            ?? Tokens(e.CacheWriteTokens, "cache_write_tokens", limits)
            ?? Tokens(e.ReasoningTokens, "reasoning_tokens", limits)
            ?? Rule(e.CacheReadTokens <= e.InputTokens - e.CacheWriteTokens, "cache_read_tokens", // both known non-negative: no overflow
                $"cache_read_tokens ({e.CacheReadTokens}) + cache_write_tokens ({e.CacheWriteTokens}) exceed input_tokens ({e.InputTokens}); input_tokens must count ALL input tokens, cache reads and writes included")
            ?? Rule(e.ReasoningTokens <= e.OutputTokens, "reasoning_tokens",
                $"reasoning_tokens ({e.ReasoningTokens}) exceed output_tokens ({e.OutputTokens}); output_tokens must count ALL output tokens, reasoning included")
            ?? Name(e.Team, "team", limits, required: false)
            ?? Name(e.Workflow, "workflow", limits, required: false)
            ?? Name(e.Environment, "environment", limits, required: false)
            ?? Tags(e.Tags, limits)
            ?? Identifier(e.RunId, "run_id", limits, required: false)
            ?? Rule(e.ServiceTier.Length == 0 || ServiceTiers.Contains(e.ServiceTier.ToLowerInvariant()), "service_tier",
                $"'{Truncate(e.ServiceTier)}' is not a service tier; use one of: standard, batch, priority, flex (or leave empty for standard)")
            ?? Identifier(e.PromptFingerprint, "prompt_fingerprint", limits, required: false)
            ?? Rule(e.MaxOutputTokens >= 0, "max_output_tokens", "must be 0 (no limit) or positive")
            ?? ReportedCost(e.ReportedCostUsd, out reportedCost)
            ?? NotNegative(e.LatencyMs, "latency_ms");

        if (rejection is not null) return (null, rejection);

        return (new ValidUsage(
            EventId: e.EventId,
            OccurredAt: e.OccurredAt.ToDateTimeOffset(),
            Provider: e.Provider.Trim().ToLowerInvariant(),
            Model: e.Model.Trim(),
            InputTokens: e.InputTokens,
            OutputTokens: e.OutputTokens,
            CacheReadTokens: e.CacheReadTokens,
            CacheWriteTokens: e.CacheWriteTokens,
            ReasoningTokens: e.ReasoningTokens,
            Team: OrUntagged(e.Team),
            Workflow: OrUntagged(e.Workflow),
            Environment: OrUntagged(e.Environment),
            Tags: new Dictionary<string, string>(e.Tags),
            RunId: e.RunId,
            ServiceTier: e.ServiceTier.Length == 0 ? "standard" : e.ServiceTier.ToLowerInvariant(),
            PromptFingerprint: e.PromptFingerprint,
            MaxOutputTokens: e.MaxOutputTokens,
            ReportedCostUsd: reportedCost,
            LatencyMs: e.LatencyMs), null);
    }

    private static string OrUntagged(string value) =>
        string.IsNullOrWhiteSpace(value) ? UsageDimensions.Untagged : value.Trim();

    private static EventRejection? Rule(bool holds, string field, string reason) =>
        holds ? null : new EventRejection(field, reason);

    private static EventRejection? Tokens(long value, string field, IngestLimits limits) =>
        NotNegative(value, field)
        ?? Rule(value <= limits.MaxTokensPerEvent, field, $"{value} tokens in one call is more than the {limits.MaxTokensPerEvent.ToString("N0", CultureInfo.InvariantCulture)} ingest accepts; is it a sum of many calls?");

    private static EventRejection? NotNegative(long value, string field) =>
        Rule(value >= 0, field, $"must not be negative (was {value})");

    private static EventRejection? Identifier(string value, string field, IngestLimits limits, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? new EventRejection(field, "is required") : null;
        if (value.Length > limits.MaxIdLength)
            return new EventRejection(field, $"is {value.Length} characters long; at most {limits.MaxIdLength} are allowed");
        return value.Any(char.IsControl) || value != value.Trim()
            ? new EventRejection(field, "must not contain control characters or leading/trailing spaces")
            : null;
    }

    private static EventRejection? Name(string value, string field, IngestLimits limits, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? new EventRejection(field, "is required") : null;
        if (value.Length > limits.MaxNameLength)
            return new EventRejection(field, $"is {value.Length} characters long; at most {limits.MaxNameLength} are allowed");
        return value.Any(char.IsControl) ? new EventRejection(field, "must not contain control characters") : null;
    }

    private static EventRejection? OccurredAt(Google.Protobuf.WellKnownTypes.Timestamp? at, IngestLimits limits, DateTimeOffset now)
    {
        if (at is null) return new EventRejection("occurred_at", "is required (UTC timestamp of the call)");
        if (at.Seconds < -62135596800 || at.Seconds > 253402300799 || at.Nanos < 0 || at.Nanos > 999_999_999)
            return new EventRejection("occurred_at", "is not a valid timestamp");
        var when = at.ToDateTimeOffset();
        if (when > now + limits.MaxFutureSkew)
            return new EventRejection("occurred_at", $"{when:O} is in the future (more than {limits.MaxFutureSkew.TotalMinutes:0} minutes ahead of the server clock {now:O})");
        if (when < now - limits.MaxEventAge)
            return new EventRejection("occurred_at", $"{when:O} is older than the ingest horizon of {limits.MaxEventAge.TotalDays:0} days");
        return null;
    }

    private static EventRejection? Tags(IDictionary<string, string> tags, IngestLimits limits)
    {
        if (tags.Count > limits.MaxTags)
            return new EventRejection("tags", $"has {tags.Count} entries; at most {limits.MaxTags} are allowed");
        foreach (var (key, value) in tags)
        {
            if (key.Length == 0 || key.Length > limits.MaxTagKeyLength || !key.All(IsTagKeyChar))
                return new EventRejection("tags", $"key '{Truncate(key)}' must be 1-{limits.MaxTagKeyLength} characters of a-z, 0-9, '_', '-', '.'");
            if (value.Length > limits.MaxTagValueLength)
                return new EventRejection("tags", $"value of '{key}' is {value.Length} characters long; at most {limits.MaxTagValueLength} are allowed");
            if (value.Any(char.IsControl))
                return new EventRejection("tags", $"value of '{key}' must not contain control characters");
        }
        return null;
    }

    private static bool IsTagKeyChar(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.';

    private static EventRejection? ReportedCost(string value, out decimal? cost)
    {
        cost = null;
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            return new EventRejection("reported_cost_usd", $"'{Truncate(value)}' is not a decimal number of US dollars such as \"0.0125\"");
        if (parsed < 0)
            return new EventRejection("reported_cost_usd", $"must not be negative (was {value})");
        cost = parsed;
        return null;
    }

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
