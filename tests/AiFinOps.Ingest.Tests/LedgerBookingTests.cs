using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.RecordingUsage;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Ingest.Tests;

public sealed class LedgerBookingTests
{
    private static readonly Guid BatchId = Guid.Parse("0b5f4c1e-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero);

    private static PricedUsage Usage(string eventId, string team = "support", decimal? listCost = 0.01m) => new()
    {
        EventId = eventId,
        OccurredAt = At,
        Provider = "anthropic",
        Model = "claude-sonnet-4-20250514",
        InputTokens = 10_000,
        OutputTokens = 1_500,
        CacheReadTokens = 6_000,
        CacheWriteTokens = 2_000,
        ReasoningTokens = 0,
        Team = team,
        Workflow = "triage",
        Environment = "prod",
        Tags = new Dictionary<string, string> { ["cost_centre"] = "cc-42" },
        ServiceTier = "standard",
        Priced = listCost is not null,
        PriceReference = listCost is null ? null : "anthropic/claude-sonnet-4@2025-05-22",
        ListCostUsd = listCost,
        EffectiveCostUsd = listCost,
        BilledCostUsd = 0.0123m,
    };

    private static UsageBatchPriced Message(params PricedUsage[] usages) =>
        new() { BatchId = BatchId, AcceptedAt = At.AddSeconds(1), Usages = usages };

    private static readonly IReadOnlySet<string> NothingBooked = new HashSet<string>();

    [Fact]
    public void Each_new_usage_is_booked_with_its_figures_and_the_batch_it_came_in()
    {
        var booked = LedgerBooking.Book(Message(Usage("evt-1"), Usage("evt-2", listCost: null)), NothingBooked);

        Assert.Equal(["evt-1", "evt-2"], booked.Select(b => b.EventId));
        var first = booked[0];
        Assert.Equal(new UsageAllocated(
            "evt-1", At, "anthropic", "claude-sonnet-4-20250514", "support", "triage", "prod", first.Tags, "standard",
            10_000, 1_500, 6_000, 2_000, 0, true, "anthropic/claude-sonnet-4@2025-05-22", 0.01m, 0.01m, 0.0123m, BatchId), first);
        Assert.Equal("cc-42", first.Tags["cost_centre"]);
        Assert.False(booked[1].Priced);
        Assert.Null(booked[1].ListCostUsd);
    }

    [Fact]
    public void Usages_already_in_the_ledger_are_skipped()
    {
        var booked = LedgerBooking.Book(Message(Usage("evt-1"), Usage("evt-2"), Usage("evt-3")), new HashSet<string> { "evt-2" });

        Assert.Equal(["evt-1", "evt-3"], booked.Select(b => b.EventId));
    }

    [Fact]
    public void A_redelivered_message_books_nothing()
    {
        var booked = LedgerBooking.Book(Message(Usage("evt-1"), Usage("evt-2")), new HashSet<string> { "evt-1", "evt-2" });

        Assert.Empty(booked);
    }

    [Fact]
    public void A_usage_repeated_within_one_message_is_booked_once_as_first_seen()
    {
        var booked = LedgerBooking.Book(Message(Usage("evt-1", team: "support"), Usage("evt-2"), Usage("evt-1", team: "billing")), NothingBooked);

        Assert.Equal(["evt-1", "evt-2"], booked.Select(b => b.EventId));
        Assert.Equal("support", booked[0].Team);
    }

    [Fact]
    public void Event_ids_differing_only_in_case_are_different_usages()
    {
        var booked = LedgerBooking.Book(Message(Usage("evt-a"), Usage("EVT-A")), NothingBooked);

        Assert.Equal(2, booked.Count);
    }

    [Fact]
    public void An_empty_message_books_nothing()
    {
        Assert.Empty(LedgerBooking.Book(Message(), NothingBooked));
    }

    [Fact]
    public void A_booked_usage_folds_into_a_ledger_entry_with_the_same_figures()
    {
        var allocated = LedgerBooking.Book(Message(Usage("evt-1")), NothingBooked).Single();

        var entry = LedgerEntry.Create(allocated);

        Assert.Equal("evt-1", entry.Id);
        Assert.Equal((0.01m, 0.01m, 0.0123m), (entry.ListCostUsd, entry.EffectiveCostUsd, entry.BilledCostUsd));
        Assert.Equal((10_000L, 1_500L, 6_000L, 2_000L), (entry.InputTokens, entry.OutputTokens, entry.CacheReadTokens, entry.CacheWriteTokens));
    }
}
