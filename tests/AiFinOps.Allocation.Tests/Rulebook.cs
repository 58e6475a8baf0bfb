using AiFinOps.Allocation.Chargeback;
using AiFinOps.Allocation.CostCentres;
using AiFinOps.Allocation.Rules;
using AiFinOps.Allocation.SharedCosts;

namespace AiFinOps.Allocation.Tests;

/// <summary>Rules and daily spend to allocate, built directly (their decisions are tested apart).</summary>
internal static class Rulebook
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static int next;

    public static EffectiveDates From(int year, int month, int day, DateOnly? to = null) => new(new DateOnly(year, month, day), to);

    public static CostCentreMapping Maps(string dimension, string value, params (string CostCentre, EffectiveDates Dates)[] rules) =>
        new(CostCentreMapping.StreamKey(dimension, value), dimension, value,
            [.. rules.Select(r => new CostCentreRule($"ccr-{Interlocked.Increment(ref next)}", dimension, value, r.CostCentre, r.Dates, "f", At))]);

    public static SharedCostSource Shares(string dimension, string value, string method, SharedCostConsumer[] consumers, EffectiveDates? dates = null) =>
        new(SharedCostSource.StreamKey(dimension, value), dimension, value,
            [new SharedCostRule($"scr-{Interlocked.Increment(ref next)}", dimension, value, method, consumers, dates ?? From(2026, 1, 1), "f", At)]);

    public static ChargeAmounts Costs(decimal effective, long events = 1, long input = 100) =>
        new(effective, effective, effective, events, 0, input, input / 2, 0, 0, 0);

    public static DailySpend DaySpend(string team, decimal effective, string workflow = "triage", DateOnly? day = null, string costCentreTag = "",
        IReadOnlyDictionary<string, string>? extra = null, string chargeClass = Charge.Regular, long events = 1, long input = 100) =>
        new(day ?? new DateOnly(2026, 11, 15), chargeClass, team, workflow, "prod", "openai", "gpt-4o-mini", costCentreTag,
            extra ?? new Dictionary<string, string>(), Costs(effective, events, input));
}
