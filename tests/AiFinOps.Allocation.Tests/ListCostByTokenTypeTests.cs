using System.Text.Json;
using System.Text.Json.Nodes;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Ledger.RecordingUsage;
using AiFinOps.Allocation.Periods;
using AiFinOps.Contracts.Messages;

namespace AiFinOps.Allocation.Tests;

/// <summary>The list cost by kind of token travels from the bus message to the ledger line and sums in the rollups.</summary>
public sealed class ListCostByTokenTypeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 15, 9, 0, 0, TimeSpan.Zero);

    private static PricedUsage Usage(string eventId, TokenTypeCosts? split) => new()
    {
        EventId = eventId,
        OccurredAt = At,
        Provider = "openai",
        Model = "o3",
        InputTokens = 1_000,
        OutputTokens = 500,
        CacheReadTokens = 400,
        ReasoningTokens = 300,
        Team = "search",
        Workflow = "answer",
        Environment = "prod",
        Priced = split is not null,
        ListCostUsd = split is null ? null : 0.0064m,
        EffectiveCostUsd = split is null ? null : 0.0064m,
        ListCostByTokenType = split,
    };

    private static readonly TokenTypeCosts Split = new()
    {
        UncachedInputUsd = 0.0012m,
        CacheReadUsd = 0.0002m,
        CacheWriteUsd = 0m,
        OutputUsd = 0.0016m,
        ReasoningUsd = 0.0034m,
    };

    private static IReadOnlyList<LedgerLine> Book(params PricedUsage[] usages) => LedgerBooking.Book(
        new UsageBatchPriced { BatchId = Guid.NewGuid(), AcceptedAt = At, Usages = usages }, BillingCalendar.Empty, Zones.Utc);

    [Fact]
    public void A_booked_line_carries_the_list_cost_by_kind_of_token()
    {
        var line = Assert.Single(Book(Usage("evt-1", Split)));

        Assert.Equal(new CostByTokenType(0.0012m, 0.0002m, 0m, 0.0016m, 0.0034m), line.ListCostByTokenType);
        Assert.Equal(line.ListCostUsd, line.ListCostByTokenType.Total);
    }

    [Fact]
    public void An_unpriced_line_has_a_zero_split()
    {
        var line = Assert.Single(Book(Usage("evt-1", null)));

        Assert.Equal(default, line.ListCostByTokenType);
    }

    [Fact]
    public void Rollups_sum_the_split_like_every_other_figure()
    {
        var lines = Book(Usage("evt-1", Split), Usage("evt-2", Split), Usage("evt-3", null));

        var row = Assert.Single(RollupRows.Sum(lines, [], RollupRows.Day));

        Assert.Equal(new CostByTokenType(0.0024m, 0.0004m, 0m, 0.0032m, 0.0068m), row.Sums.ListCostByTokenType);
        Assert.Equal(row.Sums.ListCostUsd, row.Sums.ListCostByTokenType.Total);
    }

    [Fact]
    public void Stored_lines_keep_the_split_and_lines_stored_before_it_read_as_zeros()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web); // camelCase, as Marten stores events
        var line = Assert.Single(Book(Usage("evt-1", Split)));

        var stored = JsonSerializer.Serialize(line, json);
        var before = JsonSerializer.SerializeToNode(line, json)!.AsObject();
        before.Remove("listCostByTokenType");
        var old = before.ToJsonString();

        Assert.Equal(line.ListCostByTokenType, JsonSerializer.Deserialize<LedgerLine>(stored, json)!.ListCostByTokenType);
        Assert.DoesNotContain("listCostByTokenType", old);
        Assert.Equal(default, JsonSerializer.Deserialize<LedgerLine>(old, json)!.ListCostByTokenType);
    }
}
