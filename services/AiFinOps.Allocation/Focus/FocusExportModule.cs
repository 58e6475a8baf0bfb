namespace AiFinOps.Allocation.Focus;

/// <summary>Wires the FOCUS export: its options (section <c>Allocation:Focus</c>), the rollup reader and the endpoint.</summary>
public static class FocusExportModule
{
    public static WebApplicationBuilder AddFocusExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FocusExportOptions>().BindConfiguration(FocusExportOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.BillingAccountId), "Allocation:Focus:BillingAccountId must name the organisation")
            .ValidateOnStart();
        builder.Services.AddSingleton<FocusChargeReader>();
        builder.Services.AddSingleton<FocusExport>();
        return builder;
    }
}
