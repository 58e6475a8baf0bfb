using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Repricing;

namespace AiFinOps.Allocation.Tests;

public sealed class RepricedSpendTests
{
    private static readonly DateTimeOffset BookedAt = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private static readonly RepricingScope Scope = new("42", 42, "price-set: acme/widget", "acme", "widget", Lines.At.AddYears(-1), null);

    /// <summary>A re-pricing line as <see cref="RepricingDecision"/> books it: a difference, no tokens, no event.</summary>
    private static LedgerLine Repricing(string eventId, decimal list, decimal effective, decimal billed, long unpriced = 0) =>
        Lines.Usage(eventId, tags: new Dictionary<string, string> { ["cost_centre"] = "CC-7", ["product"] = "helpdesk" }) with
        {
            LineId = Scope.LineId(eventId),
            Kind = LineKinds.Repricing,
            Events = 0,
            UnpricedEvents = unpriced,
            InputTokens = 0,
            OutputTokens = 0,
            ListCostUsd = list,
            EffectiveCostUsd = effective,
            BilledCostUsd = billed,
        };

    private static UsageRepriced Page(params LedgerLine[] lines) =>
        new(42, Scope.Change, BookedAt, lines, new RepricingPage(3, lines.Length, Lines.At, "evt-z", IsLast: false));

    [Fact]
    public void A_page_s_lines_become_the_differences_budgets_accrue_with_the_call_s_dimensions()
    {
        var message = RepricedSpend.MessageOf(Scope, 3,
            Page(Repricing("evt-1", 0.07m, 0.063m, 0.063m, unpriced: -1), Repricing("evt-2", -0.01m, -0.009m, 0m)));

        Assert.NotNull(message);
        Assert.Equal(("42", 42L, BookedAt), (message.Run, message.CatalogueSequence, message.RepricedAt));
        Assert.Equal(["evt-1#r42", "evt-2#r42"], message.Lines.Select(l => l.LineId));
        var first = message.Lines[0];
        Assert.Equal(("evt-1", Lines.At, "anthropic", "claude-sonnet-4-20250514"), (first.EventId, first.OccurredAt, first.Provider, first.Model));
        Assert.Equal(("support", "triage", "prod", "CC-7"), (first.Team, first.Workflow, first.Environment, first.Tags["cost_centre"]));
        Assert.Equal((0.07m, 0.063m, 0.063m, -1), (first.ListCostDeltaUsd, first.EffectiveCostDeltaUsd, first.BilledCostDeltaUsd, first.UnpricedEventsDelta));
        var second = message.Lines[1];
        Assert.Equal((-0.01m, -0.009m, 0m, 0), (second.ListCostDeltaUsd, second.EffectiveCostDeltaUsd, second.BilledCostDeltaUsd, second.UnpricedEventsDelta));
    }

    [Fact]
    public void Every_send_of_a_page_has_the_id_of_its_stream_and_other_pages_have_others()
    {
        var once = RepricedSpend.MessageOf(Scope, 3, Page(Repricing("evt-1", 1m, 1m, 1m)))!;
        var again = RepricedSpend.MessageOf(Scope, 3, Page(Repricing("evt-1", 1m, 1m, 1m)))!;

        Assert.Equal(once.PageId, again.PageId);
        Assert.Equal(RepricedSpend.PageIdOf("repricing:42:3"), once.PageId);
        Assert.NotEqual(once.PageId, RepricedSpend.MessageOf(Scope, 4, Page(Repricing("evt-1", 1m, 1m, 1m)))!.PageId);
        Assert.NotEqual(once.PageId, RepricedSpend.MessageOf(Scope with { Run = "43" }, 3, Page(Repricing("evt-1", 1m, 1m, 1m)))!.PageId);
    }

    [Fact]
    public void A_page_that_booked_no_lines_publishes_nothing() => Assert.Null(RepricedSpend.MessageOf(Scope, 0, Page()));

    [Fact]
    public void Lines_that_moved_nothing_are_left_out_and_a_page_of_only_those_publishes_nothing()
    {
        // A call whose cost stayed but whose catalogue keys grew gets a line of zeros: budgets have nothing to accrue.
        var keysOnly = Repricing("evt-1", 0m, 0m, 0m);
        var priced = Repricing("evt-2", 0m, 0m, 0m, unpriced: -1);

        Assert.Null(RepricedSpend.MessageOf(Scope, 0, Page(keysOnly)));
        Assert.Equal(["evt-2#r42"], RepricedSpend.MessageOf(Scope, 0, Page(keysOnly, priced))!.Lines.Select(l => l.LineId));
    }
}
