using System.Text.Encodings.Web;
using System.Text.Json;
using AiFinOps.Allocation.Ledger;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// Pure: the FOCUS rows of one daily rollup row — one per token SKU that has tokens or cost. The SKUs' list costs
/// are the ledger's list cost by kind of token; effective and billed costs, which the ledger keeps per call only, are
/// split in proportion to the list (then effective) shares; every cost column sums exactly to the rollup's figure
/// (see <see cref="CostShares"/>). A row whose cost cannot be itemised at all (no split, no tokens) becomes one row
/// without a SKU.
/// </summary>
public static class FocusCharges
{
    private const decimal Million = 1_000_000m;

    /// <summary>Tag values as written (JSON only escapes what it must).</summary>
    private static readonly JsonSerializerOptions TagsJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The configured extra dimension that names the region a call ran in, when there is one.</summary>
    public const string RegionDimension = "region";

    public static IEnumerable<FocusCharge> Of(RollupRow row, FocusContext context)
    {
        var s = row.Sums;
        var skus = TokenSku.All;
        var tokens = skus.Select(k => (decimal)k.Tokens(s)).ToArray();
        var parts = skus.Select(k => k.ListCost(s.ListCostByTokenType)).ToArray();
        var zeros = new decimal[skus.Count];

        var list = CostShares.Split(s.ListCostUsd, parts, parts, tokens);
        var effective = list is null ? null
            : s.EffectiveCostUsd == s.ListCostUsd ? list
            : CostShares.Split(s.EffectiveCostUsd, zeros, list, tokens);
        var billed = effective is null ? null
            : s.BilledCostUsd == s.EffectiveCostUsd ? effective
            : CostShares.Split(s.BilledCostUsd, zeros, effective, list!, tokens);

        var template = Template(row, context);
        if (list is null || effective is null || billed is null)
        {
            yield return template with
            {
                BilledCost = s.BilledCostUsd,
                ContractedCost = s.EffectiveCostUsd,
                EffectiveCost = s.EffectiveCostUsd,
                ListCost = s.ListCostUsd,
                ChargeDescription = Describe($"Usage of {row.Key.Model} not itemised by token type", template, s),
            };
            yield break;
        }

        for (var i = 0; i < skus.Count; i++)
        {
            if (tokens[i] == 0m && list[i] == 0m && effective[i] == 0m && billed[i] == 0m) continue;
            var sku = skus[i];
            var quantity = tokens[i] == 0m ? (decimal?)null : tokens[i] / Million;
            // A unit price is the charge's cost per million tokens: the catalogue rate when every call had it, and
            // unknown while some calls have no price (their tokens would dilute it).
            var priced = quantity is not null && s.UnpricedEvents <= 0;
            yield return template with
            {
                BilledCost = billed[i],
                ContractedCost = effective[i],
                EffectiveCost = effective[i],
                ListCost = list[i],
                ConsumedQuantity = quantity is null ? null : tokens[i],
                PricingQuantity = quantity,
                ListUnitPrice = priced ? UnitPrice(list[i], quantity!.Value) : null,
                ContractedUnitPrice = priced ? UnitPrice(effective[i], quantity!.Value) : null,
                SkuId = $"{row.Key.Provider}/{row.Key.Model}/{template.ServiceTier}/{sku.Key}",
                SkuMeter = sku.Meter,
                TokenType = sku.Key,
                ChargeDescription = Describe($"{sku.Meter} of {row.Key.Model}", template, s),
            };
        }
    }

    private static decimal UnitPrice(decimal cost, decimal quantity) =>
        decimal.Round(cost / quantity, CostShares.Scale, MidpointRounding.ToEven);

    private static FocusCharge Template(RollupRow row, FocusContext context)
    {
        var key = row.Key;
        var service = AiServices.Of(key.Provider);
        var extra = ExtraDimensions(key.Extra);
        var correction = key.ChargeClass == ChargeClasses.Correction;

        // The charge period is the rollup's UTC day, cut where the org's month starts or ends within it: a regular
        // charge's usage lies inside its billing period, a correction's before it (in a closed period).
        var (start, end) = (row.Bucket, row.Bucket.AddDays(1));
        var (from, to) = correction ? (start, Min(end, context.PeriodStart)) : (Max(start, context.PeriodStart), Min(end, context.PeriodEnd));
        if (from < to) (start, end) = (from, to);

        return new FocusCharge
        {
            BilledCost = 0m,
            ContractedCost = 0m,
            EffectiveCost = 0m,
            ListCost = 0m,
            BillingAccountId = context.BillingAccountId,
            BillingAccountName = context.BillingAccountName,
            BillingPeriodStart = context.PeriodStart,
            BillingPeriodEnd = context.PeriodEnd,
            ChargePeriodStart = start,
            ChargePeriodEnd = end,
            ChargeClass = correction ? ChargeClasses.Correction : null,
            ChargeDescription = "",
            ConsumedQuantity = null,
            PricingQuantity = null,
            ListUnitPrice = null,
            ContractedUnitPrice = null,
            ProviderName = service.ProviderName,
            PublisherName = AiServices.Publisher(key.Provider, key.Model),
            ServiceName = service.ServiceName,
            RegionId = extra.GetValueOrDefault(RegionDimension) is { Length: > 0 } region ? region : null,
            SkuId = null,
            SkuMeter = null,
            SubAccountId = NullIfEmpty(key.Team),
            Tags = Tags(key, extra),
            Provider = key.Provider,
            Model = key.Model,
            ServiceTier = key.ServiceTier is { Length: > 0 } tier ? tier : "standard",
            TokenType = null,
            Team = NullIfEmpty(key.Team),
            Workflow = NullIfEmpty(key.Workflow),
            Environment = NullIfEmpty(key.Environment),
            CostCentreTag = NullIfEmpty(key.CostCentreTag),
            ExtraDimensions = extra,
        };
    }

    private static string Describe(string what, FocusCharge charge, RollupSums s)
    {
        var text = $"{what} on {charge.ServiceName} ({charge.ServiceTier} tier)";
        if (s.UnpricedEvents > 0)
            text += $"; {s.UnpricedEvents} of {s.Events} calls unpriced (no catalogue price yet: costed 0 until re-priced)";
        if (charge.ChargeClass == ChargeClasses.Correction)
            text += "; correction of usage in a closed billing period";
        return text;
    }

    /// <summary>The usage's dimensions as FOCUS tags: a JSON object with sorted keys, empty values left out.</summary>
    private static string Tags(RollupKey key, IReadOnlyDictionary<string, string> extra)
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Add(string name, string value)
        {
            if (value.Length > 0) tags.TryAdd(name, value);
        }
        Add("team", key.Team);
        Add("workflow", key.Workflow);
        Add("environment", key.Environment);
        Add(LedgerLine.CostCentreTag, key.CostCentreTag);
        foreach (var (name, value) in extra) Add(name, value);
        return JsonSerializer.Serialize(tags, TagsJson);
    }

    private static IReadOnlyDictionary<string, string> ExtraDimensions(string json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
