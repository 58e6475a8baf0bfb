using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.Ingest.Recording;
using Google.Protobuf.WellKnownTypes;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class UsageValidationTests
{
    private static ValidUsage Accepted(UsageEvent e, IngestLimits? limits = null)
    {
        var (usage, rejection) = UsageValidation.Validate(e, limits ?? Limits, Now);
        Assert.Null(rejection);
        return Assert.IsType<ValidUsage>(usage);
    }

    private static EventRejection Rejected(UsageEvent e, IngestLimits? limits = null)
    {
        var (usage, rejection) = UsageValidation.Validate(e, limits ?? Limits, Now);
        Assert.Null(usage);
        return Assert.IsType<EventRejection>(rejection);
    }

    private static void Set(UsageEvent e, string field, string value)
    {
        switch (field)
        {
            case "event_id": e.EventId = value; break;
            case "provider": e.Provider = value; break;
            case "model": e.Model = value; break;
            case "team": e.Team = value; break;
            case "workflow": e.Workflow = value; break;
            case "environment": e.Environment = value; break;
            case "run_id": e.RunId = value; break;
            case "prompt_fingerprint": e.PromptFingerprint = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }

    [Fact]
    public void A_well_formed_event_is_accepted_as_sent()
    {
        var usage = Accepted(Event(e =>
        {
            e.CacheReadTokens = 300;
            e.CacheWriteTokens = 100;
            e.ReasoningTokens = 50;
            e.Tags.Add("cost_centre", "cc-42");
            e.RunId = "run-7";
            e.PromptFingerprint = "sha256:abc";
            e.MaxOutputTokens = 1024;
            e.LatencyMs = 850;
        }));

        Assert.Equal("evt-0001", usage.EventId);
        Assert.Equal(Now.AddMinutes(-1), usage.OccurredAt);
        Assert.Equal("openai", usage.Provider);
        Assert.Equal("gpt-4o", usage.Model);
        Assert.Equal((1_000L, 200L, 300L, 100L, 50L),
            (usage.InputTokens, usage.OutputTokens, usage.CacheReadTokens, usage.CacheWriteTokens, usage.ReasoningTokens));
        Assert.Equal(("search", "answer-question", "prod"), (usage.Team, usage.Workflow, usage.Environment));
        Assert.Equal("cc-42", usage.Tags["cost_centre"]);
        Assert.Equal(("run-7", "sha256:abc", 1024, 850L), (usage.RunId, usage.PromptFingerprint, usage.MaxOutputTokens, usage.LatencyMs));
        Assert.Equal("standard", usage.ServiceTier);
        Assert.Null(usage.ReportedCostUsd);
    }

    // ---- required fields ----

    [Theory]
    [InlineData("event_id", "")]
    [InlineData("event_id", "   ")]
    [InlineData("provider", "")]
    [InlineData("provider", " ")]
    [InlineData("model", "")]
    [InlineData("model", "\t")]
    public void A_missing_required_field_is_rejected_on_that_field(string field, string value)
    {
        var rejection = Rejected(Event(e => Set(e, field, value)));

        Assert.Equal(field, rejection.Field);
        Assert.Contains("required", rejection.Reason);
    }

    [Fact]
    public void A_missing_occurred_at_is_rejected()
    {
        var rejection = Rejected(Event(e => e.OccurredAt = null));

        Assert.Equal("occurred_at", rejection.Field);
        Assert.Contains("required", rejection.Reason);
    }

    [Theory]
    [InlineData(253402300800L, 0)]      // 10000-01-01
    [InlineData(-62135596801L, 0)]      // before 0001-01-01
    [InlineData(1_790_000_000L, -1)]
    [InlineData(1_790_000_000L, 1_000_000_000)]
    public void An_occurred_at_outside_the_timestamp_range_is_rejected(long seconds, int nanos)
    {
        var rejection = Rejected(Event(e => e.OccurredAt = new Timestamp { Seconds = seconds, Nanos = nanos }));

        Assert.Equal("occurred_at", rejection.Field);
        Assert.Contains("not a valid timestamp", rejection.Reason);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("workflow")]
    [InlineData("environment")]
    [InlineData("run_id")]
    [InlineData("prompt_fingerprint")]
    public void Optional_fields_may_be_left_empty(string field)
    {
        Accepted(Event(e => Set(e, field, "")));
    }

    // ---- token counts ----

    [Theory]
    [InlineData("input_tokens")]
    [InlineData("output_tokens")]
    [InlineData("cache_read_tokens")]
    [InlineData("cache_write_tokens")]
    [InlineData("reasoning_tokens")]
    [InlineData("latency_ms")]
    public void A_negative_count_is_rejected_on_that_field(string field)
    {
        var e = Event();
        switch (field)
        {
            case "input_tokens": e.InputTokens = -1; break;
            case "output_tokens": e.OutputTokens = -1; break;
            case "cache_read_tokens": e.CacheReadTokens = -1; break;
            case "cache_write_tokens": e.CacheWriteTokens = -1; break;
            case "reasoning_tokens": e.ReasoningTokens = -1; break;
            case "latency_ms": e.LatencyMs = -1; break;
        }

        var rejection = Rejected(e);

        Assert.Equal(field, rejection.Field);
        Assert.Contains("negative", rejection.Reason);
    }

    [Fact]
    public void A_negative_output_limit_is_rejected()
    {
        var rejection = Rejected(Event(e => e.MaxOutputTokens = -1));

        Assert.Equal("max_output_tokens", rejection.Field);
    }

    [Fact]
    public void Zero_tokens_are_accepted()
    {
        Accepted(Event(e => { e.InputTokens = 0; e.OutputTokens = 0; }));
    }

    [Fact]
    public void Cache_reads_and_writes_beyond_input_tokens_are_rejected_explaining_that_input_counts_them()
    {
        var rejection = Rejected(Event(e => { e.InputTokens = 1_000; e.CacheReadTokens = 800; e.CacheWriteTokens = 300; }));

        Assert.Equal("cache_read_tokens", rejection.Field);
        Assert.Contains("800", rejection.Reason);
        Assert.Contains("300", rejection.Reason);
        Assert.Contains("1000", rejection.Reason);
        Assert.Contains("input_tokens must count ALL input tokens, cache reads and writes included", rejection.Reason);
    }

    [Fact]
    public void Cache_writes_alone_beyond_input_tokens_are_rejected()
    {
        var rejection = Rejected(Event(e => { e.InputTokens = 100; e.CacheWriteTokens = 101; }));

        Assert.Equal("cache_read_tokens", rejection.Field);
    }

    [Fact]
    public void Cache_reads_and_writes_making_up_all_the_input_are_accepted()
    {
        var usage = Accepted(Event(e => { e.InputTokens = 1_000; e.CacheReadTokens = 700; e.CacheWriteTokens = 300; }));

        Assert.Equal(700, usage.CacheReadTokens);
        Assert.Equal(300, usage.CacheWriteTokens);
    }

    [Theory]
    [InlineData(long.MaxValue, 1L, long.MaxValue)]
    [InlineData(long.MaxValue, long.MaxValue, 0L)]
    public void Cache_reads_and_writes_beyond_input_tokens_are_rejected_even_when_their_sum_overflows(long cacheRead, long cacheWrite, long input)
    {
        // With no ceiling on token counts, so that only the cache rule stands between the sum and an overflow.
        var rejection = Rejected(Event(e => { e.InputTokens = input; e.CacheReadTokens = cacheRead; e.CacheWriteTokens = cacheWrite; }),
            Limits with { MaxTokensPerEvent = long.MaxValue });

        Assert.Equal("cache_read_tokens", rejection.Field);
    }

    [Theory]
    [InlineData("input_tokens")]
    [InlineData("output_tokens")]
    [InlineData("cache_read_tokens")]
    [InlineData("cache_write_tokens")]
    [InlineData("reasoning_tokens")]
    public void A_token_count_above_the_ceiling_is_rejected_so_no_sum_of_them_can_overflow(string field)
    {
        Accepted(Event(e => { e.InputTokens = Limits.MaxTokensPerEvent; e.OutputTokens = Limits.MaxTokensPerEvent; }));

        var rejection = Rejected(Event(e =>
        {
            (e.InputTokens, e.OutputTokens, e.CacheReadTokens, e.CacheWriteTokens, e.ReasoningTokens) = (1, 1, 0, 0, 0);
            var above = Limits.MaxTokensPerEvent + 1;
            switch (field)
            {
                case "input_tokens": e.InputTokens = long.MaxValue; break;
                case "output_tokens": e.OutputTokens = long.MaxValue; break;
                case "cache_read_tokens": e.CacheReadTokens = above; break;
                case "cache_write_tokens": e.CacheWriteTokens = above; break;
                case "reasoning_tokens": e.ReasoningTokens = above; break;
            }
        }));

        Assert.Equal(field, rejection.Field);
        Assert.Contains("1,000,000,000", rejection.Reason);
    }

    [Fact]
    public void Reasoning_beyond_output_tokens_is_rejected_explaining_that_output_counts_it()
    {
        var rejection = Rejected(Event(e => { e.OutputTokens = 200; e.ReasoningTokens = 201; }));

        Assert.Equal("reasoning_tokens", rejection.Field);
        Assert.Contains("output_tokens must count ALL output tokens, reasoning included", rejection.Reason);
    }

    [Fact]
    public void Reasoning_making_up_all_the_output_is_accepted()
    {
        Accepted(Event(e => { e.OutputTokens = 200; e.ReasoningTokens = 200; }));
    }

    // ---- lengths and characters ----

    [Theory]
    [InlineData("event_id")]
    [InlineData("run_id")]
    [InlineData("prompt_fingerprint")]
    public void An_identifier_longer_than_the_id_limit_is_rejected(string field)
    {
        Accepted(Event(e => Set(e, field, new string('a', Limits.MaxIdLength))));

        var rejection = Rejected(Event(e => Set(e, field, new string('a', Limits.MaxIdLength + 1))));

        Assert.Equal(field, rejection.Field);
        Assert.Contains($"at most {Limits.MaxIdLength}", rejection.Reason);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData("model")]
    [InlineData("team")]
    [InlineData("workflow")]
    [InlineData("environment")]
    public void A_name_longer_than_the_name_limit_is_rejected(string field)
    {
        Accepted(Event(e => Set(e, field, new string('a', Limits.MaxNameLength))));

        var rejection = Rejected(Event(e => Set(e, field, new string('a', Limits.MaxNameLength + 1))));

        Assert.Equal(field, rejection.Field);
        Assert.Contains($"at most {Limits.MaxNameLength}", rejection.Reason);
    }

    [Fact]
    public void Configured_limits_are_the_ones_applied()
    {
        var tight = new IngestLimits { MaxNameLength = 8, MaxIdLength = 4 };

        Assert.Equal("model", Rejected(Event(e => { e.EventId = "e1"; e.Model = "gpt-4o-mini"; }), tight).Field);
        Assert.Equal("event_id", Rejected(Event(e => { e.Model = "gpt-4o"; e.EventId = "evt-1"; }), tight).Field);
    }

    [Theory]
    [InlineData("event_id", "evt\n1")]
    [InlineData("run_id", "run\u00001")]
    [InlineData("prompt_fingerprint", "abc\u007f")]
    [InlineData("provider", "open\rai")]
    [InlineData("model", "gpt-4o\u0000")]
    [InlineData("team", "se\tarch")]
    [InlineData("workflow", "a\u001bb")]
    [InlineData("environment", "pr\nod")]
    public void A_control_character_is_rejected_on_its_field(string field, string value)
    {
        var rejection = Rejected(Event(e => Set(e, field, value)));

        Assert.Equal(field, rejection.Field);
        Assert.Contains("control characters", rejection.Reason);
    }

    [Theory]
    [InlineData("event_id", " evt-1")]
    [InlineData("event_id", "evt-1 ")]
    [InlineData("run_id", "run-1 ")]
    public void An_identifier_with_leading_or_trailing_spaces_is_rejected_rather_than_silently_changed(string field, string value)
    {
        // An event id is an idempotency key: trimming it would merge two distinct keys.
        var rejection = Rejected(Event(e => Set(e, field, value)));

        Assert.Equal(field, rejection.Field);
    }

    // ---- tags ----

    [Fact]
    public void Tags_up_to_the_limit_are_accepted_and_one_more_is_rejected()
    {
        var atLimit = Event(e => { for (var i = 0; i < Limits.MaxTags; i++) e.Tags.Add($"k{i}", "v"); });
        Assert.Equal(Limits.MaxTags, Accepted(atLimit).Tags.Count);

        var rejection = Rejected(Event(e => { for (var i = 0; i <= Limits.MaxTags; i++) e.Tags.Add($"k{i}", "v"); }));

        Assert.Equal("tags", rejection.Field);
        Assert.Contains($"at most {Limits.MaxTags}", rejection.Reason);
    }

    [Theory]
    [InlineData("cost_centre")]
    [InlineData("feature.search-v2")]
    [InlineData("a")]
    [InlineData("0123456789")]
    public void A_tag_key_of_lower_case_letters_digits_and_separators_is_accepted(string key)
    {
        Assert.Equal("x", Accepted(Event(e => e.Tags.Add(key, "x"))).Tags[key]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Cost_Centre")]
    [InlineData("cost centre")]
    [InlineData("cost/centre")]
    [InlineData("coût")]
    public void A_tag_key_outside_the_pattern_is_rejected(string key)
    {
        var rejection = Rejected(Event(e => e.Tags.Add(key, "x")));

        Assert.Equal("tags", rejection.Field);
        Assert.Contains("a-z, 0-9", rejection.Reason);
    }

    [Fact]
    public void A_tag_key_longer_than_the_limit_is_rejected()
    {
        Accepted(Event(e => e.Tags.Add(new string('k', Limits.MaxTagKeyLength), "x")));

        var rejection = Rejected(Event(e => e.Tags.Add(new string('k', Limits.MaxTagKeyLength + 1), "x")));

        Assert.Equal("tags", rejection.Field);
    }

    [Fact]
    public void A_tag_value_longer_than_the_limit_is_rejected_naming_the_key()
    {
        Accepted(Event(e => e.Tags.Add("customer", new string('v', Limits.MaxTagValueLength))));

        var rejection = Rejected(Event(e => e.Tags.Add("customer", new string('v', Limits.MaxTagValueLength + 1))));

        Assert.Equal("tags", rejection.Field);
        Assert.Contains("'customer'", rejection.Reason);
        Assert.Contains($"at most {Limits.MaxTagValueLength}", rejection.Reason);
    }

    [Fact]
    public void A_tag_value_with_a_control_character_is_rejected()
    {
        var rejection = Rejected(Event(e => e.Tags.Add("customer", "acme\nltd")));

        Assert.Equal("tags", rejection.Field);
        Assert.Contains("control characters", rejection.Reason);
    }

    [Fact]
    public void An_empty_tag_value_is_accepted()
    {
        Assert.Equal("", Accepted(Event(e => e.Tags.Add("customer", ""))).Tags["customer"]);
    }

    // ---- service tier ----

    [Fact]
    public void An_empty_service_tier_means_standard()
    {
        Assert.Equal("standard", Accepted(Event(e => e.ServiceTier = "")).ServiceTier);
    }

    [Theory]
    [InlineData("standard", "standard")]
    [InlineData("batch", "batch")]
    [InlineData("priority", "priority")]
    [InlineData("flex", "flex")]
    [InlineData("BATCH", "batch")]
    [InlineData("Flex", "flex")]
    public void A_known_service_tier_is_accepted_in_lower_case(string sent, string recorded)
    {
        Assert.Equal(recorded, Accepted(Event(e => e.ServiceTier = sent)).ServiceTier);
    }

    [Theory]
    [InlineData("turbo")]
    [InlineData("default")]
    [InlineData(" batch")]
    public void An_unknown_service_tier_is_rejected_listing_the_tiers(string tier)
    {
        var rejection = Rejected(Event(e => e.ServiceTier = tier));

        Assert.Equal("service_tier", rejection.Field);
        Assert.Contains("standard, batch, priority, flex", rejection.Reason);
    }

    // ---- reported cost ----

    [Theory]
    [InlineData("0.0125", "0.0125")]
    [InlineData("12", "12")]
    [InlineData("0", "0")]
    [InlineData("+1.50", "1.50")]
    [InlineData("0.000000000001", "0.000000000001")]
    public void A_reported_cost_is_kept_as_an_exact_decimal(string sent, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            Accepted(Event(e => e.ReportedCostUsd = sent)).ReportedCostUsd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void No_reported_cost_is_recorded_as_none(string sent)
    {
        Assert.Null(Accepted(Event(e => e.ReportedCostUsd = sent)).ReportedCostUsd);
    }

    [Fact]
    public void A_negative_reported_cost_is_rejected()
    {
        var rejection = Rejected(Event(e => e.ReportedCostUsd = "-0.01"));

        Assert.Equal("reported_cost_usd", rejection.Field);
        Assert.Contains("negative", rejection.Reason);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("$0.01")]
    [InlineData("1e-3")]
    [InlineData("1,000.00")]
    [InlineData("0,01")]
    [InlineData("NaN")]
    [InlineData("99999999999999999999999999999999")]
    public void A_reported_cost_that_is_not_a_plain_decimal_is_rejected(string sent)
    {
        var rejection = Rejected(Event(e => e.ReportedCostUsd = sent));

        Assert.Equal("reported_cost_usd", rejection.Field);
        Assert.Contains("not a decimal number", rejection.Reason);
    }

    // ---- time ----

    [Fact]
    public void An_event_stamped_within_the_tolerated_clock_skew_is_accepted()
    {
        var at = Now + Limits.MaxFutureSkew;

        Assert.Equal(at, Accepted(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(at))).OccurredAt);
    }

    [Fact]
    public void An_event_stamped_further_in_the_future_than_the_skew_is_rejected()
    {
        var rejection = Rejected(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(Now + Limits.MaxFutureSkew + TimeSpan.FromSeconds(1))));

        Assert.Equal("occurred_at", rejection.Field);
        Assert.Contains("in the future", rejection.Reason);
    }

    [Fact]
    public void An_event_at_the_ingest_horizon_is_accepted()
    {
        Accepted(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(Now - Limits.MaxEventAge)));
    }

    [Fact]
    public void An_event_older_than_the_ingest_horizon_is_rejected()
    {
        var rejection = Rejected(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(Now - Limits.MaxEventAge - TimeSpan.FromSeconds(1))));

        Assert.Equal("occurred_at", rejection.Field);
        Assert.Contains("older than the ingest horizon of 90 days", rejection.Reason);
    }

    [Fact]
    public void The_horizon_and_skew_follow_the_configured_limits()
    {
        var limits = new IngestLimits { MaxEventAge = TimeSpan.FromDays(1), MaxFutureSkew = TimeSpan.Zero };

        Assert.Equal("occurred_at", Rejected(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(Now.AddDays(-2))), limits).Field);
        Assert.Equal("occurred_at", Rejected(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(Now.AddSeconds(1))), limits).Field);
        Accepted(Event(e => e.OccurredAt = Timestamp.FromDateTimeOffset(Now)), limits);
    }

    // ---- normalisation ----

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Usage_without_team_workflow_or_environment_lands_in_the_untagged_bucket(string blank)
    {
        var usage = Accepted(Event(e => { e.Team = blank; e.Workflow = blank; e.Environment = blank; }));

        Assert.Equal(UsageDimensions.Untagged, usage.Team);
        Assert.Equal(UsageDimensions.Untagged, usage.Workflow);
        Assert.Equal(UsageDimensions.Untagged, usage.Environment);
        Assert.Equal("(untagged)", UsageDimensions.Untagged);
    }

    [Fact]
    public void Dimensions_are_trimmed_but_keep_their_case()
    {
        var usage = Accepted(Event(e => { e.Team = " Search "; e.Workflow = "Answer "; e.Environment = " PROD"; }));

        Assert.Equal(("Search", "Answer", "PROD"), (usage.Team, usage.Workflow, usage.Environment));
    }

    [Theory]
    [InlineData("OpenAI", "openai")]
    [InlineData(" Anthropic ", "anthropic")]
    [InlineData("AZURE-OPENAI", "azure-openai")]
    public void The_provider_is_lower_cased_and_trimmed(string sent, string recorded)
    {
        Assert.Equal(recorded, Accepted(Event(e => e.Provider = sent)).Provider);
    }

    [Fact]
    public void The_model_is_trimmed_but_kept_as_the_provider_names_it()
    {
        Assert.Equal("GPT-4o-2024-08-06", Accepted(Event(e => e.Model = " GPT-4o-2024-08-06 ")).Model);
    }

    [Fact]
    public void The_first_broken_rule_is_the_one_reported()
    {
        var rejection = Rejected(Event(e => { e.EventId = ""; e.Model = ""; e.InputTokens = -5; }));

        Assert.Equal("event_id", rejection.Field);
    }
}
