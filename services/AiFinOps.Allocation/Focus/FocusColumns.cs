using System.Text;

namespace AiFinOps.Allocation.Focus;

/// <summary>
/// The columns of the export, in order: every FOCUS 1.2 Mandatory column, the Recommended and Conditional ones that
/// apply to AI usage, then the custom <c>x_</c> columns (the usage dimensions, and one per configured extra tag
/// dimension). Left out, because AI API usage has none: commitment discounts, capacity reservations, resources,
/// availability zones, invoices, pricing currencies other than the billing currency, SKU price ids (the catalogue
/// price a charge used is not in the rollups).
/// </summary>
public static class FocusColumns
{
    public static readonly IReadOnlyList<FocusColumn> Standard =
    [
        Number("BilledCost", nullable: false, c => c.BilledCost),
        Text("BillingAccountId", nullable: false, c => c.BillingAccountId),
        Text("BillingAccountName", nullable: true, c => c.BillingAccountName),
        Text("BillingCurrency", nullable: false, _ => FocusCharge.BillingCurrency),
        Instant("BillingPeriodEnd", c => c.BillingPeriodEnd),
        Instant("BillingPeriodStart", c => c.BillingPeriodStart),
        Text("ChargeCategory", nullable: false, _ => FocusCharge.ChargeCategory),
        Text("ChargeClass", nullable: true, c => c.ChargeClass),
        Text("ChargeDescription", nullable: true, c => c.ChargeDescription),
        Text("ChargeFrequency", nullable: false, _ => FocusCharge.ChargeFrequency),
        Instant("ChargePeriodEnd", c => c.ChargePeriodEnd),
        Instant("ChargePeriodStart", c => c.ChargePeriodStart),
        Number("ConsumedQuantity", nullable: true, c => c.ConsumedQuantity),
        Text("ConsumedUnit", nullable: true, c => c.ConsumedQuantity is null ? null : FocusCharge.ConsumedUnit),
        Number("ContractedCost", nullable: false, c => c.ContractedCost),
        Number("ContractedUnitPrice", nullable: true, c => c.ContractedUnitPrice),
        Number("EffectiveCost", nullable: false, c => c.EffectiveCost),
        Text("InvoiceIssuerName", nullable: false, c => c.ProviderName),
        Number("ListCost", nullable: false, c => c.ListCost),
        Number("ListUnitPrice", nullable: true, c => c.ListUnitPrice),
        Text("PricingCategory", nullable: true, _ => FocusCharge.PricingCategory),
        Number("PricingQuantity", nullable: true, c => c.PricingQuantity),
        Text("PricingUnit", nullable: true, c => c.PricingQuantity is null ? null : FocusCharge.PricingUnit),
        Text("ProviderName", nullable: false, c => c.ProviderName),
        Text("PublisherName", nullable: false, c => c.PublisherName),
        Text("RegionId", nullable: true, c => c.RegionId),
        Text("RegionName", nullable: true, c => c.RegionId),
        Text("ServiceCategory", nullable: false, _ => FocusCharge.ServiceCategory),
        Text("ServiceName", nullable: false, c => c.ServiceName),
        Text("ServiceSubcategory", nullable: false, _ => FocusCharge.ServiceSubcategory),
        Text("SkuId", nullable: true, c => c.SkuId),
        Text("SkuMeter", nullable: true, c => c.SkuMeter),
        Text("SubAccountId", nullable: true, c => c.SubAccountId),
        Text("SubAccountName", nullable: true, c => c.SubAccountId),
        new("Tags", FocusType.Json, Nullable: true) { Text = c => c.Tags },
    ];

    /// <summary>The usage dimensions as custom columns (the run id only in a <see cref="FocusDetail.Run"/> export: the rollups do not keep it).</summary>
    public static readonly IReadOnlyList<FocusColumn> Custom =
    [
        Text("x_Provider", nullable: false, c => c.Provider),
        Text("x_Model", nullable: false, c => c.Model),
        Text("x_ServiceTier", nullable: false, c => c.ServiceTier),
        Text("x_TokenType", nullable: true, c => c.TokenType),
        Text("x_Team", nullable: true, c => c.Team),
        Text("x_Workflow", nullable: true, c => c.Workflow),
        Text("x_Environment", nullable: true, c => c.Environment),
        Text("x_CostCentreTag", nullable: true, c => c.CostCentreTag),
    ];

    /// <summary>The run id's column, in a <see cref="FocusDetail.Run"/> export only.</summary>
    public static readonly FocusColumn RunId = Text("x_RunId", nullable: true, c => c.RunId);

    /// <summary>
    /// Every column for the level of detail and the configured extra tag dimensions: <c>product</c> becomes
    /// <c>x_Product</c>.
    /// </summary>
    public static IReadOnlyList<FocusColumn> For(IReadOnlyList<string> extraDimensions, string detail = FocusDetail.Charge)
    {
        var columns = new List<FocusColumn>([.. Standard, .. Custom]);
        if (detail == FocusDetail.Run) columns.Add(RunId);
        foreach (var key in extraDimensions)
        {
            var name = "x_" + Pascal(key);
            if (columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))) name = "x_Tag_" + key;
            columns.Add(Text(name, nullable: true, c => c.ExtraDimensions.GetValueOrDefault(key)));
        }
        return columns;
    }

    /// <summary><c>customer_tier</c>, <c>customer-tier</c> → <c>CustomerTier</c>.</summary>
    public static string Pascal(string key)
    {
        var name = new StringBuilder(key.Length);
        var upper = true;
        foreach (var ch in key)
        {
            if (!char.IsLetterOrDigit(ch))
            {
                upper = true;
                continue;
            }
            name.Append(upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }
        return name.Length == 0 ? "Tag" : name.ToString();
    }

    private static FocusColumn Text(string name, bool nullable, Func<FocusCharge, string?> value) =>
        new(name, FocusType.String, nullable) { Text = value };

    private static FocusColumn Number(string name, bool nullable, Func<FocusCharge, decimal?> value) =>
        new(name, FocusType.Decimal, nullable) { Number = value };

    private static FocusColumn Instant(string name, Func<FocusCharge, DateTimeOffset> value) =>
        new(name, FocusType.DateTime, Nullable: false) { Instant = value };
}
