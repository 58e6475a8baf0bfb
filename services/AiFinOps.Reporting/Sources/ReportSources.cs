using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Reporting.Periods;

namespace AiFinOps.Reporting.Sources;

/// <summary>
/// Reads what reports need from the other services' REST APIs — never their databases: allocation (spend, chargeback,
/// data quality), budgeting (budgets and their status), anomaly (incidents, the workflow registry) and ingest (the price
/// catalogue). Each is a named <see cref="HttpClient"/> found by service discovery (<c>http://allocation</c>…) that
/// presents reporting's service key. A failed read throws: the job fails and Hangfire retries it.
/// </summary>
public sealed class ReportSources(IHttpClientFactory clients)
{
    public const string Allocation = "allocation";
    public const string Budgeting = "budgeting";
    public const string Anomaly = "anomaly";
    public const string Ingest = "ingest";

    public static readonly IReadOnlyList<string> Services = [Allocation, Budgeting, Anomaly, Ingest];

    /// <summary>Spend over [from, to) grouped by <paramref name="groupBy"/> (comma-separated), optionally per month or day.</summary>
    public async Task<IReadOnlyList<SpendRow>> SpendAsync(DateTimeOffset from, DateTimeOffset to, string groupBy, string? granularity,
        CancellationToken ct, string? filters = null)
    {
        var query = $"/api/v1/spend?from={ReportPeriod.Instant(from)}&to={ReportPeriod.Instant(to)}&groupBy={groupBy}" +
            (granularity is null ? "" : $"&granularity={granularity}") + (filters is null ? "" : "&" + filters);
        var body = await GetAsync(Allocation, query, ct);
        return body.GetProperty("rows").EnumerateArray().Select(SpendRow.Parse).ToList();
    }

    /// <summary>The chargeback statement of a billing period per cost centre, regular and correction lines summed per centre.</summary>
    public async Task<IReadOnlyList<CostCentreCharge>> CostCentresAsync(ReportPeriod month, CancellationToken ct)
    {
        var body = await GetAsync(Allocation, $"/api/v1/chargeback/{month.Key}?groupBy=cost_centre", ct);
        return body.GetProperty("lines").EnumerateArray()
            .GroupBy(l => l.GetProperty("costCentre").GetString() ?? "")
            .Select(g => new CostCentreCharge(g.Key, g.Sum(l => l.GetProperty("effectiveCostUsd").GetDecimal()), g.Sum(l => l.GetProperty("events").GetInt64())))
            .ToList();
    }

    public async Task<DataQualityFigures> DataQualityAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var body = await GetAsync(Allocation, $"/api/v1/data-quality?from={ReportPeriod.Instant(from)}&to={ReportPeriod.Instant(to)}", ct);
        var coverage = body.GetProperty("tagCoverage");
        var unpriced = body.GetProperty("unpriced");
        return new DataQualityFigures(
            SpendPercent(coverage, "team"), SpendPercent(coverage, "workflow"), SpendPercent(coverage, "environment"), SpendPercent(coverage, "allThree"),
            body.GetProperty("totals").GetProperty("events").GetInt64(),
            unpriced.GetProperty("events").GetInt64(),
            NullableDecimal(unpriced.GetProperty("eventsPercent")),
            unpriced.GetProperty("models").EnumerateArray()
                .Select(m => new UnpricedModel(m.GetProperty("provider").GetString()!, m.GetProperty("model").GetString()!, m.GetProperty("unpricedEvents").GetInt64()))
                .ToList());
    }

    /// <summary>Every budget with its status in the period it runs over that contains <paramref name="month"/>.</summary>
    public async Task<IReadOnlyList<BudgetFigures>> BudgetsAsync(ReportPeriod month, CancellationToken ct)
    {
        var budgets = await GetAsync(Budgeting, "/api/v1/budgets?includeArchived=true", ct);
        var figures = new List<BudgetFigures>();
        foreach (var budget in budgets.EnumerateArray())
        {
            var id = budget.GetProperty("id").GetString()!;
            var period = budget.GetProperty("period").GetString() == "quarterly" ? ReportPeriod.QuarterOf(month.From).Key : month.Key;
            if (string.CompareOrdinal(budget.GetProperty("firstPeriod").GetString(), period) > 0) continue;
            var status = await GetAsync(Budgeting, $"/api/v1/budgets/{Uri.EscapeDataString(id)}/status?period={period}", ct);
            figures.Add(new BudgetFigures(id, status.GetProperty("name").GetString()!, status.GetProperty("scope").GetString()!, period,
                status.GetProperty("amountUsd").GetDecimal(), status.GetProperty("spentUsd").GetDecimal(), status.GetProperty("percentUsed").GetDecimal(),
                status.GetProperty("thresholds").EnumerateArray().Where(t => t.GetProperty("crossed").GetBoolean())
                    .Select(t => t.GetProperty("percent").GetInt32()).ToList()));
        }
        return figures;
    }

    public async Task<IReadOnlyList<AnomalyFigures>> AnomaliesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var body = await GetAsync(Anomaly, $"/api/v1/anomalies?from={ReportPeriod.Instant(from)}&to={ReportPeriod.Instant(to)}&limit=1000", ct);
        return body.GetProperty("incidents").EnumerateArray().Select(i => new AnomalyFigures(
            i.GetProperty("id").GetGuid(), i.GetProperty("kind").GetString()!, i.GetProperty("workflow").GetString()!,
            i.GetProperty("team").GetString()!, i.GetProperty("severity").GetString()!, i.GetProperty("status").GetString()!,
            i.GetProperty("title").GetString()!, i.GetProperty("openedAt").GetDateTimeOffset())).ToList();
    }

    public async Task<IReadOnlyList<RegisteredWorkflow>> WorkflowsAsync(CancellationToken ct)
    {
        var body = await GetAsync(Anomaly, "/api/v1/workflows?includeRetired=true", ct);
        return body.EnumerateArray().Select(w => new RegisteredWorkflow(
            w.GetProperty("name").GetString()!, w.GetProperty("ownerTeam").GetString()!, w.GetProperty("valueUnit").GetString() ?? "",
            NullableDecimal(w.GetProperty("estimatedMonthlyCostUsd")),
            w.GetProperty("launchDate").ValueKind == JsonValueKind.String ? DateOnly.Parse(w.GetProperty("launchDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null,
            w.GetProperty("registeredAt").GetDateTimeOffset(), w.GetProperty("retired").GetBoolean())).ToList();
    }

    /// <summary>Every model's current standard-tier price.</summary>
    public async Task<IReadOnlyList<ModelRates>> CatalogueAsync(CancellationToken ct)
    {
        var body = await GetAsync(Ingest, "/api/v1/prices", ct);
        var rates = new List<ModelRates>();
        foreach (var price in body.EnumerateArray())
        {
            if (!price.GetProperty("tiers").TryGetProperty("standard", out var standard)) continue;
            var r = standard.GetProperty("rates");
            rates.Add(new ModelRates(price.GetProperty("provider").GetString()!, price.GetProperty("model").GetString()!,
                r.GetProperty("input").GetDecimal(), r.GetProperty("output").GetDecimal(),
                Optional(r, "cacheRead"), Optional(r, "cacheWrite"), Optional(r, "reasoning")));
        }
        return rates;
    }

    private async Task<JsonElement> GetAsync(string service, string path, CancellationToken ct)
    {
        using var http = clients.CreateClient(service);
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(path, ct);
        }
        catch (HttpRequestException exception)
        {
            throw new HttpRequestException($"{service} did not answer GET {path.Split('?')[0]}: {exception.Message}", exception);
        }
        using var answered = response;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{service} answered {(int)response.StatusCode} to GET {path.Split('?')[0]}", null, response.StatusCode);
        }
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    private static decimal? SpendPercent(JsonElement coverage, string name) => NullableDecimal(coverage.GetProperty(name).GetProperty("spendPercent"));

    private static decimal? NullableDecimal(JsonElement value) => value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;

    private static decimal? Optional(JsonElement rates, string name) =>
        rates.TryGetProperty(name, out var value) ? NullableDecimal(value) : null;
}
