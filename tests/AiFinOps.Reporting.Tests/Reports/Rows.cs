using AiFinOps.Reporting.Sources;

namespace AiFinOps.Reporting.Tests.Reports;

/// <summary>Spend rows as allocation's spend API returns them, for the pure functions' tests.</summary>
public static class Rows
{
    public static SpendRow Spend(decimal cost, long events = 1, string team = "search", string workflow = "triage", string environment = "prod",
        string provider = "openai", string model = "gpt-4o", string? period = null, long input = 0, long output = 0, long cacheRead = 0,
        decimal? listCost = null) =>
        new(new Dictionary<string, string>
        {
            ["team"] = team,
            ["workflow"] = workflow,
            ["environment"] = environment,
            ["provider"] = provider,
            ["model"] = model,
        }, period, listCost ?? cost, cost, events, 0, input, output, cacheRead, 0, 0);

    public static DataQualityFigures Quality(decimal? coverage = 90) => new(coverage, coverage, coverage, coverage, 10, 0, 0, []);
}
