using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.RecordingUsage;
using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Tests;

public sealed class LedgerBookingTests
{
    private static readonly Guid BatchId = Guid.Parse("0b5f4c1e-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset At = new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly BillingCalendar NothingClosed = BillingCalendar.Empty;

    private static PricedUsage Usage(string eventId, string team = "support", DateTimeOffset? at = null) => new()
    {
        EventId = eventId,
        OccurredAt = at ?? At,
        Provider = "anthropic",
        Model = "claude-sonnet-4-20250514",
        CatalogueKeys = ["claude-sonnet-4-20250514", "claude-sonnet-4"],
        InputTokens = 10_000,
        OutputTokens = 1_500,
        CacheReadTokens = 6_000,
        CacheWriteTokens = 2_000,
        ReasoningTokens = 700,
        Team = team,
        Workflow = "triage",
        Environment = "prod",
        Tags = new Dictionary<string, string> { ["cost_centre"] = "cc-42", ["product"] = "helpdesk" },
        RunId = "run-7",
        ServiceTier = "priority",
        RecordedBy = "support-key",
        Priced = true,
        PriceReference = "anthropic/claude-sonnet-4@2025-05-22",
        DiscountReference = "enterprise-2026",
        ListCostUsd = 0.0654m,
        EffectiveCostUsd = 0.0523m,
        BilledCostUsd = 0.0531m,
        BilledDriftUsd = 0.0008m,
    };

    private static PricedUsage Unpriced(string eventId) => Usage(eventId) with
    {
        Priced = false,
        PriceReference = null,
        DiscountReference = null,
        ListCostUsd = null,
        EffectiveCostUsd = null,
        BilledCostUsd = null,
        BilledDriftUsd = null,
    };

    private static UsageBatchPriced Message(params PricedUsage[] usages) =>
        new() { BatchId = BatchId, AcceptedAt = At.AddSeconds(1), Usages = usages };

    private static BillingCalendar ClosedThrough(string period) =>
        BillingCalendar.Create(new BillingPeriodClosed(period, "finance-key", At));

    private static LedgerLine BookOne(PricedUsage usage, BillingCalendar? calendar = null, TimeZoneInfo? zone = null) =>
        Assert.Single(LedgerBooking.Book(Message(usage), calendar ?? NothingClosed, zone ?? Zones.Utc));

    [Fact]
    public void A_usage_is_booked_as_one_usage_line_carrying_all_its_figures()
    {
        var usage = Usage("evt-1");

        var line = BookOne(usage);

        Assert.Equal(new LedgerLine(
            LineId: "evt-1",
            EventId: "evt-1",
            Kind: LineKinds.Usage,
            BillingPeriod: "2026-11",
            ChargeClass: ChargeClasses.Regular,
            OccurredAt: At,
            Provider: "anthropic",
            Model: "claude-sonnet-4-20250514",
            CatalogueKeys: usage.CatalogueKeys,
            ServiceTier: "priority",
            Team: "support",
            Workflow: "triage",
            Environment: "prod",
            Tags: usage.Tags,
            RunId: "run-7",
            RecordedBy: "support-key",
            Events: 1,
            UnpricedEvents: 0,
            InputTokens: 10_000,
            OutputTokens: 1_500,
            CacheReadTokens: 6_000,
            CacheWriteTokens: 2_000,
            ReasoningTokens: 700,
            Priced: true,
            PriceReference: "anthropic/claude-sonnet-4@2025-05-22",
            DiscountReference: "enterprise-2026",
            ListCostUsd: 0.0654m,
            EffectiveCostUsd: 0.0523m,
            BilledCostUsd: 0.0531m,
            ReportedCostUsd: 0.0531m,
            BilledDriftUsd: 0.0008m), line);
        Assert.Equal(["claude-sonnet-4-20250514", "claude-sonnet-4"], line.CatalogueKeys);
        Assert.Equal("helpdesk", line.Tags["product"]);
    }

    [Fact]
    public void The_line_id_is_the_event_id_so_a_call_is_booked_once_however_often_it_arrives()
    {
        var first = BookOne(Usage("evt-1"));
        var redelivered = BookOne(Usage("evt-1"));

        Assert.Equal("evt-1", first.LineId);
        Assert.Equal(first.LineId, redelivered.LineId);
    }

    [Fact]
    public void The_billed_cost_is_what_the_provider_reported_when_it_reported_a_cost()
    {
        var line = BookOne(Usage("evt-1") with { EffectiveCostUsd = 0.05m, BilledCostUsd = 0.07m, BilledDriftUsd = 0.02m });

        Assert.Equal(0.07m, line.BilledCostUsd);
        Assert.Equal(0.07m, line.ReportedCostUsd);
        Assert.Equal(0.02m, line.BilledDriftUsd);
        Assert.Equal(0.05m, line.EffectiveCostUsd);
    }

    [Fact]
    public void Without_a_reported_cost_the_billed_cost_is_the_effective_cost()
    {
        var line = BookOne(Usage("evt-1") with { EffectiveCostUsd = 0.05m, BilledCostUsd = null, BilledDriftUsd = null });

        Assert.Equal(0.05m, line.BilledCostUsd);
        Assert.Null(line.ReportedCostUsd);
        Assert.Null(line.BilledDriftUsd);
    }

    [Fact]
    public void A_reported_cost_of_zero_is_a_reported_cost_not_a_missing_one()
    {
        var line = BookOne(Usage("evt-1") with { EffectiveCostUsd = 0.05m, BilledCostUsd = 0m });

        Assert.Equal(0m, line.BilledCostUsd);
        Assert.Equal(0m, line.ReportedCostUsd);
    }

    [Fact]
    public void An_unpriced_usage_counts_as_one_unpriced_event_at_zero_cost_with_its_tokens()
    {
        var line = BookOne(Unpriced("evt-1"));

        Assert.False(line.Priced);
        Assert.Equal((1L, 1L), (line.Events, line.UnpricedEvents));
        Assert.Equal((0m, 0m, 0m), (line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd));
        Assert.Null(line.ReportedCostUsd);
        Assert.Null(line.PriceReference);
        Assert.Equal((10_000L, 1_500L), (line.InputTokens, line.OutputTokens));
    }

    [Fact]
    public void An_unpriced_usage_the_provider_reported_a_cost_for_is_billed_that_cost()
    {
        var line = BookOne(Unpriced("evt-1") with { BilledCostUsd = 0.04m });

        Assert.Equal(1L, line.UnpricedEvents);
        Assert.Equal(0m, line.EffectiveCostUsd);
        Assert.Equal(0.04m, line.BilledCostUsd);
        Assert.Equal(0.04m, line.ReportedCostUsd);
    }

    [Fact]
    public void A_priced_usage_counts_no_unpriced_event()
    {
        Assert.Equal(0L, BookOne(Usage("evt-1")).UnpricedEvents);
    }

    [Fact]
    public void Each_usage_of_a_message_is_booked_in_message_order()
    {
        var lines = LedgerBooking.Book(Message(Usage("evt-3"), Unpriced("evt-1"), Usage("evt-2")), NothingClosed, Zones.Utc);

        Assert.Equal(["evt-3", "evt-1", "evt-2"], lines.Select(l => l.EventId));
        Assert.All(lines, l => Assert.Equal(LineKinds.Usage, l.Kind));
        Assert.Equal(3L, lines.Sum(l => l.Events));
        Assert.Equal(1L, lines.Sum(l => l.UnpricedEvents));
    }

    [Fact]
    public void A_usage_repeated_within_one_message_is_booked_once_as_first_seen()
    {
        var lines = LedgerBooking.Book(
            Message(Usage("evt-1", team: "support"), Usage("evt-2"), Usage("evt-1", team: "billing")), NothingClosed, Zones.Utc);

        Assert.Equal(["evt-1", "evt-2"], lines.Select(l => l.EventId));
        Assert.Equal("support", lines[0].Team);
    }

    [Fact]
    public void Event_ids_differing_only_in_case_are_different_usages()
    {
        var lines = LedgerBooking.Book(Message(Usage("evt-a"), Usage("EVT-A")), NothingClosed, Zones.Utc);

        Assert.Equal(["evt-a", "EVT-A"], lines.Select(l => l.LineId));
    }

    [Fact]
    public void An_empty_message_books_nothing()
    {
        Assert.Empty(LedgerBooking.Book(Message(), NothingClosed, Zones.Utc));
    }

    [Fact]
    public void Usage_of_an_open_period_is_a_regular_charge_of_its_own_period()
    {
        var line = BookOne(Usage("evt-1"), ClosedThrough("2026-10"));

        Assert.Equal("2026-11", line.BillingPeriod);
        Assert.Equal(ChargeClasses.Regular, line.ChargeClass);
    }

    [Fact]
    public void Usage_of_a_closed_period_is_charged_in_the_next_open_one_as_a_correction()
    {
        var late = new DateTimeOffset(2026, 10, 20, 14, 0, 0, TimeSpan.Zero);

        var line = BookOne(Usage("evt-1", at: late), ClosedThrough("2026-10"));

        Assert.Equal("2026-11", line.BillingPeriod);
        Assert.Equal(ChargeClasses.Correction, line.ChargeClass);
        Assert.Equal(late, line.OccurredAt);
        Assert.Equal(0.0531m, line.BilledCostUsd);
    }

    [Fact]
    public void Usage_of_a_long_closed_period_is_charged_in_the_first_open_one()
    {
        var calendar = ClosedThrough("2026-08")
            .Apply(new BillingPeriodClosed("2026-09", "finance-key", At))
            .Apply(new BillingPeriodClosed("2026-10", "finance-key", At));

        var line = BookOne(Usage("evt-1", at: new DateTimeOffset(2026, 8, 3, 0, 0, 0, TimeSpan.Zero)), calendar);

        Assert.Equal("2026-11", line.BillingPeriod);
        Assert.Equal(ChargeClasses.Correction, line.ChargeClass);
    }

    [Fact]
    public void A_correction_charged_across_the_year_end_lands_in_january()
    {
        var line = BookOne(Usage("evt-1", at: new DateTimeOffset(2026, 12, 31, 12, 0, 0, TimeSpan.Zero)), ClosedThrough("2026-12"));

        Assert.Equal("2027-01", line.BillingPeriod);
        Assert.Equal(ChargeClasses.Correction, line.ChargeClass);
    }

    [Fact]
    public void One_message_can_hold_regular_charges_and_corrections()
    {
        var lines = LedgerBooking.Book(
            Message(Usage("evt-late", at: new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero)), Usage("evt-now")),
            ClosedThrough("2026-10"), Zones.Utc);

        Assert.Equal([("2026-11", ChargeClasses.Correction), ("2026-11", ChargeClasses.Regular)],
            lines.Select(l => (l.BillingPeriod, l.ChargeClass)));
    }

    [Theory]
    [InlineData("UTC", "2026-10")]
    [InlineData("Europe/Berlin", "2026-11")]
    public void The_billing_period_is_the_month_of_the_organisation_time_zone(string zone, string period)
    {
        // 23:30 UTC on 31 October is already 00:30 on 1 November in Berlin (CET, UTC+1).
        var line = BookOne(Usage("evt-1", at: new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero)), zone: Zones.Named(zone));

        Assert.Equal(period, line.BillingPeriod);
        Assert.Equal(ChargeClasses.Regular, line.ChargeClass);
    }

    [Fact]
    public void Usage_late_in_a_closed_local_month_is_a_correction_even_when_its_UTC_month_is_open()
    {
        // 02:00 UTC on 1 November is 22:00 on 31 October in New York (EDT, UTC-4).
        var line = BookOne(Usage("evt-1", at: new DateTimeOffset(2026, 11, 1, 2, 0, 0, TimeSpan.Zero)), ClosedThrough("2026-10"), Zones.NewYork);

        Assert.Equal("2026-11", line.BillingPeriod);
        Assert.Equal(ChargeClasses.Correction, line.ChargeClass);
    }

    [Fact]
    public void The_cost_centre_is_read_from_the_cost_centre_tag()
    {
        Assert.Equal("cc-42", BookOne(Usage("evt-1")).CostCentreTagValue);
        Assert.Equal("", BookOne(Usage("evt-1") with { Tags = new Dictionary<string, string>() }).CostCentreTagValue);
    }
}
