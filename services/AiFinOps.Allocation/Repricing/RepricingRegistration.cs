using AiFinOps.Allocation.Repricing.Rerunning;
using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Allocation.Repricing;

public static class RepricingRegistration
{
    /// <summary>The re-pricer, its client of ingest's internal pricing (service discovery, as for key verification)
    /// and the admin re-runs. The consumer is registered with the bus.</summary>
    public static WebApplicationBuilder AddRepricing(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RepricingOptions>().BindConfiguration(RepricingOptions.Section)
            .Validate(o => o.PageSize is > 0 and <= 10_000, "Allocation:Repricing:PageSize must be 1 to 10000 (ingest prices at most 10000 calls a request)")
            .ValidateOnStart();
        builder.Services.AddHttpClient<IngestPricing>(http => http.BaseAddress =
            new Uri(builder.Configuration[IngestPricing.BaseAddressSetting] ?? $"http://{SecurityExtensions.IngestServiceName}"));
        builder.Services.AddTransient<UsageRepricer>();
        builder.Services.AddSingleton<RepricingRuns>();
        return builder;
    }
}
