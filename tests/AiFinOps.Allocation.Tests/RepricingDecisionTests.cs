using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Periods;
using AiFinOps.Allocation.Repricing;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Tests;

public sealed class RepricingDecisionTests
{
    private static readonly DateTimeOffset At = new(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly RepricingScope Scope = new("42", 42, "price-set: price of acme/widget from 2025-01-01 set", "acme", "widget", At.AddYears(-1), null);

    private static BookedCall Call(CallCost booked, IReadOnlyList<string>? keys = null) => new(
        "evt-1", At, "acme", "widget-20260101", "standard", "support", "triage", "prod",
        new Dictionary<string, string> { ["product"] = "helpdesk" }, "run-7", "support-key",
        10_000, 2_000, 0, 0, 0, keys ?? ["widget-20260101", "widget"], booked);

    private static readonly CallCost Unpriced = new(1, 0m, 0m, 0m, null, 0m, default);

    private static PricedUsage Now(decimal? list, decimal? effective, decimal? billed = null, IReadOnlyList<string>? keys = null) => new()
    {
        EventId = "evt-1",
        OccurredAt = At,
        Provider = "acme",
        Model = "widget-20260101",
        CatalogueKeys = keys ?? ["widget-20260101", "widget"],
        InputTokens = 10_000,
        OutputTokens = 2_000,
        Team = "(untagged)",
        Workflow = "(untagged)",
        Environment = "(untagged)",
        Priced = list is not null,
        PriceReference = list is null ? null : "acme/widget@2025-01-01",
        ListCostUsd = list,
        ListCostByTokenType = list is null ? null : new TokenTypeCosts { UncachedInputUsd = list.Value * 0.6m, CacheReadUsd = 0, CacheWriteUsd = 0, OutputUsd = list.Value * 0.4m, ReasoningUsd = 0 },
        EffectiveCostUsd = effective,
        BilledCostUsd = billed,
        BilledDriftUsd = billed - effective,
    };

    private static IReadOnlyList<LedgerLine> Decide(BookedCall call, PricedUsage now, BillingCalendar? calendar = null) =>
        RepricingDecision.Lines(Scope, [call], new Dictionary<string, PricedUsage> { [call.EventId] = now }, calendar ?? BillingCalendar.Empty, TimeZoneInfo.Utc);

    [Fact]
    public void A_call_that_gets_its_first_price_is_booked_the_price_and_one_unpriced_event_less()
    {
        var line = Assert.Single(Decide(Call(Unpriced), Now(0.07m, 0.07m)));

        Assert.Equal(("evt-1#r42", "evt-1", LineKinds.Repricing, "2026-10", ChargeClasses.Regular), (line.LineId, line.EventId, line.Kind, line.BillingPeriod, line.ChargeClass));
        Assert.Equal((0L, -1L, 0L, 0L), (line.Events, line.UnpricedEvents, line.InputTokens, line.OutputTokens));
        Assert.Equal((0.07m, 0.07m, 0.07m, 0m), (line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd, line.BilledDriftUsd));
        Assert.Equal((true, "acme/widget@2025-01-01"), (line.Priced, line.PriceReference));
        Assert.Equal(new CostByTokenType(0.042m, 0, 0, 0.028m, 0), line.ListCostByTokenType);
        // The call's dimensions, so the difference lands in the same rollup rows as its usage.
        Assert.Equal((At, "support", "triage", "prod", "run-7", "support-key", "helpdesk"),
            (line.OccurredAt, line.Team, line.Workflow, line.Environment, line.RunId, line.RecordedBy, line.Tags["product"]));
    }

    [Fact]
    public void A_changed_price_books_the_difference_and_the_lines_then_sum_to_the_new_price()
    {
        var booked = new CallCost(0, 0.07m, 0.056m, 0.056m, null, 0m, new CostByTokenType(0.042m, 0, 0, 0.028m, 0));
        var now = Now(0.09m, 0.072m);

        var line = Assert.Single(Decide(Call(booked), now));

        Assert.Equal((0.02m, 0.016m, 0.016m, 0L), (line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd, line.UnpricedEvents));
        Assert.Equal(new CostByTokenType(0.012m, 0, 0, 0.008m, 0), line.ListCostByTokenType);
        var truth = RepricingDecision.Truth(Call(booked), now);
        Assert.Equal(truth.ListCostUsd, booked.ListCostUsd + line.ListCostUsd);
        Assert.Equal(truth.EffectiveCostUsd, booked.EffectiveCostUsd + line.EffectiveCostUsd);
    }

    [Fact]
    public void A_reported_cost_stays_the_billed_cost_and_only_list_effective_and_drift_move()
    {
        var booked = new CallCost(0, 0.07m, 0.07m, 0.08m, 0.08m, 0.01m, default);

        var line = Assert.Single(Decide(Call(booked), Now(0.06m, 0.06m, billed: 0.08m)));

        Assert.Equal((-0.01m, -0.01m, 0m, 0.01m), (line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd, line.BilledDriftUsd));
        Assert.Null(line.ReportedCostUsd); // the call's one reported event stays on its usage line
    }

    [Fact]
    public void An_unpriced_call_with_a_reported_cost_starts_drifting_once_priced()
    {
        var booked = new CallCost(1, 0m, 0m, 0.08m, 0.08m, 0m, default);

        var line = Assert.Single(Decide(Call(booked), Now(0.07m, 0.07m, billed: 0.08m)));

        Assert.Equal((0.07m, 0.07m, 0m, 0.01m, -1L), (line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd, line.BilledDriftUsd, line.UnpricedEvents));
    }

    [Fact]
    public void A_call_that_loses_its_price_is_unpriced_again_with_no_cost()
    {
        var booked = new CallCost(0, 0.07m, 0.07m, 0.07m, null, 0m, default);

        var line = Assert.Single(Decide(Call(booked), Now(null, null)));

        Assert.Equal((-0.07m, -0.07m, -0.07m, 1L, false), (line.ListCostUsd, line.EffectiveCostUsd, line.BilledCostUsd, line.UnpricedEvents, line.Priced));
    }

    [Fact]
    public void A_call_whose_cost_and_keys_are_unchanged_gets_no_line_but_new_keys_are_recorded()
    {
        var booked = new CallCost(0, 0.07m, 0.07m, 0.07m, null, 0m, new CostByTokenType(0.042m, 0, 0, 0.028m, 0));

        Assert.Empty(Decide(Call(booked), Now(0.07m, 0.07m)));

        var aliased = Assert.Single(Decide(Call(booked), Now(0.07m, 0.07m, keys: ["widget-20260101", "widget", "acme/gadget"])));
        Assert.Equal((0m, 0m, 0L), (aliased.ListCostUsd, aliased.EffectiveCostUsd, aliased.UnpricedEvents));
        Assert.Contains("acme/gadget", aliased.CatalogueKeys);
    }

    [Fact]
    public void A_call_of_a_closed_period_is_corrected_in_the_first_open_one()
    {
        var closed = BillingCalendar.Create(new BillingPeriodClosed("2026-10", "finance-key", At.AddMonths(1)));

        var line = Assert.Single(Decide(Call(Unpriced), Now(0.07m, 0.07m), closed));

        Assert.Equal(("2026-11", ChargeClasses.Correction, At), (line.BillingPeriod, line.ChargeClass, line.OccurredAt));
    }

    [Fact]
    public void A_call_ingest_could_not_price_is_left_as_booked()
    {
        var lines = RepricingDecision.Lines(Scope, [Call(Unpriced)], new Dictionary<string, PricedUsage>(), BillingCalendar.Empty, TimeZoneInfo.Utc);

        Assert.Empty(lines);
    }

    [Fact]
    public void A_catalogue_change_is_one_run_keyed_by_its_sequence_and_a_window_from_all_time_starts_in_2000()
    {
        var scope = RepricingScope.Of(new CatalogueChanged
        {
            Sequence = 981,
            Kind = "model-aliased",
            Provider = "Bedrock",
            Model = "Claude-Alias",
            AffectedFrom = DateTimeOffset.MinValue,
            ChangedAt = At,
            ChangedBy = "admin",
            Description = "bedrock/claude-alias aliased to anthropic/claude-sonnet-4",
        });

        Assert.Equal(("981", 981L, "bedrock", "claude-alias"), (scope.Run, scope.CatalogueSequence, scope.Provider, scope.Model));
        Assert.Equal(RepricingScope.Beginning, scope.From);
        Assert.Equal(("repricing:981:3", "evt-9#r981"), (scope.StreamKey(3), scope.LineId("evt-9")));
    }
}
