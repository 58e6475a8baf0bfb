using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Weasel.Core;

namespace AiFinOps.IntegrationTests.DataQuality;

/// <summary>Each test books its calls into an hour of its own (days ago), and asks about exactly that hour.</summary>
public sealed class DataQualityTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task Coverage_untagged_spend_by_key_and_unpriced_calls_describe_the_range()
    {
        var (hour, id) = Window(daysAgo: 3);
        var emitterA = "emitter-a-" + id;
        var emitterB = "emitter-b-" + id;
        var tagged = new[] { Call(hour, 1, "search", "ranker", "prod"), Call(hour, 2, "search", "ranker", "prod") };
        var noTeam = Call(hour, 3, "", "ranker", "prod");
        var noWorkflowNorEnvironment = Call(hour, 4, "search", "", "");
        var unknownModel = Call(hour, 5, "search", "ranker", "prod", model: "mystery-" + id, provider: "acme");
        await RecordAsync(AiFinOpsSystem.AdminKey, [.. tagged, unknownModel]);
        await RecordAsync(await SpendApi.IssueKeyAsync(system.Ingest, emitterA, ["ingest"]), [noTeam]);
        await RecordAsync(await SpendApi.IssueKeyAsync(system.Ingest, emitterB, ["ingest"]), [noWorkflowNorEnvironment]);

        var report = await Eventually.Until(() => ReadAsync(hour), r => r.GetProperty("totals").GetProperty("events").GetInt64() == 5, "all five calls are booked");

        // Four calls of one price, one unpriced: shares of spend follow shares of priced calls.
        var coverage = report.GetProperty("tagCoverage");
        Assert.Equal("(untagged)", coverage.GetProperty("untagged").GetString());
        AssertCoverage(coverage.GetProperty("team"), events: 4, eventsPercent: 80m, spendPercent: 75m);
        AssertCoverage(coverage.GetProperty("workflow"), events: 4, eventsPercent: 80m, spendPercent: 75m);
        AssertCoverage(coverage.GetProperty("environment"), events: 4, eventsPercent: 80m, spendPercent: 75m);
        AssertCoverage(coverage.GetProperty("allThree"), events: 3, eventsPercent: 60m, spendPercent: 50m);

        var byKey = report.GetProperty("untaggedByApiKey").EnumerateArray().ToDictionary(k => k.GetProperty("apiKey").GetString()!);
        Assert.Equal([emitterA, emitterB], byKey.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((1L, 1L, 0L, 0L), Missing(byKey[emitterA]));
        Assert.Equal((1L, 0L, 1L, 1L), Missing(byKey[emitterB]));
        var callCost = report.GetProperty("totals").GetProperty("billedCostUsd").GetDecimal() / 4;
        Assert.Equal(callCost, byKey[emitterA].GetProperty("billedCostUsd").GetDecimal());

        var unpriced = report.GetProperty("unpriced");
        Assert.Equal(1, unpriced.GetProperty("events").GetInt64());
        Assert.Equal(20m, unpriced.GetProperty("eventsPercent").GetDecimal());
        var model = Assert.Single(unpriced.GetProperty("models").EnumerateArray());
        Assert.Equal(("acme", "mystery-" + id, 1L), (model.GetProperty("provider").GetString(), model.GetProperty("model").GetString(), model.GetProperty("unpricedEvents").GetInt64()));
        var details = await ReadApi.GetAsync(system.Allocation, unpriced.GetProperty("details").GetString()!, AiFinOpsSystem.AdminKey);
        Assert.Equal(unknownModel.EventId, details.GetProperty("models")[0].GetProperty("sampleEventIds")[0].GetString());
    }

    [Fact]
    public async Task Catalogue_drift_compares_what_providers_billed_with_the_catalogue_cost_of_the_same_calls()
    {
        var (hour, _) = Window(daysAgo: 5);
        var over = Call(hour, 1, "search", "ranker", "prod", input: 100_000, output: 20_000);
        var under = Call(hour, 2, "search", "ranker", "prod", input: 50_000, output: 5_000);
        var silent = Call(hour, 3, "search", "ranker", "prod");
        var unpricedButReported = Call(hour, 4, "search", "ranker", "prod", model: "mystery-" + Guid.NewGuid().ToString("N")[..6], provider: "acme");
        over.ReportedCostUsd = "0.05";
        under.ReportedCostUsd = "0.005";
        unpricedButReported.ReportedCostUsd = "1.00";
        await RecordAsync(AiFinOpsSystem.AdminKey, [over, under, silent, unpricedButReported]);

        var report = await Eventually.Until(() => ReadAsync(hour), r => r.GetProperty("totals").GetProperty("events").GetInt64() == 4, "all four calls are booked");

        var catalogue = await EffectiveCostAsync(over) + await EffectiveCostAsync(under);
        var drift = report.GetProperty("catalogueDrift");
        var models = drift.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("provider").GetString()!);
        Assert.Equal(["acme", "openai"], models.Keys.Order(StringComparer.Ordinal));
        var model = models["openai"];
        Assert.Equal("gpt-4o-mini", model.GetProperty("model").GetString());
        Assert.Equal(2, model.GetProperty("reportedEvents").GetInt64());
        Assert.Equal(0.055m, model.GetProperty("reportedCostUsd").GetDecimal());
        Assert.Equal(catalogue, model.GetProperty("catalogueCostUsd").GetDecimal());
        Assert.Equal(0.055m - catalogue, model.GetProperty("driftUsd").GetDecimal());
        Assert.Equal(Math.Round((0.055m - catalogue) * 100m / catalogue, 2), model.GetProperty("driftPercent").GetDecimal());
        Assert.Equal(0.055m - catalogue, drift.GetProperty("total").GetProperty("driftUsd").GetDecimal());
        // A reported call the catalogue cannot price has nothing to drift from: counted apart.
        Assert.Equal((0L, 1L), (models["acme"].GetProperty("reportedEvents").GetInt64(), models["acme"].GetProperty("unpricedReportedEvents").GetInt64()));
        Assert.Equal(JsonValueKind.Null, models["acme"].GetProperty("driftPercent").ValueKind);
        Assert.Equal(1, drift.GetProperty("total").GetProperty("unpricedReportedEvents").GetInt64());
    }

    [Fact]
    public async Task A_team_restricted_key_sees_only_its_teams()
    {
        var (hour, id) = Window(daysAgo: 7);
        await RecordAsync(AiFinOpsSystem.AdminKey,
            [Call(hour, 1, "mine-" + id, "ranker", ""), Call(hour, 2, "mine-" + id, "ranker", "prod"), Call(hour, 3, "theirs-" + id, "", "prod"), Call(hour, 4, "", "ranker", "prod")]);
        await Eventually.Until(() => ReadAsync(hour), r => r.GetProperty("totals").GetProperty("events").GetInt64() == 4, "all four calls are booked");

        var mine = await SpendApi.IssueKeyAsync(system.Ingest, "mine-reader-" + id, ["read"], ["mine-" + id]);
        var report = await ReadAsync(hour, mine);

        Assert.Equal(2, report.GetProperty("totals").GetProperty("events").GetInt64());
        Assert.Equal(2, report.GetProperty("tagCoverage").GetProperty("team").GetProperty("taggedEvents").GetInt64());
        Assert.Equal(1, report.GetProperty("tagCoverage").GetProperty("allThree").GetProperty("taggedEvents").GetInt64());
        var untagged = Assert.Single(report.GetProperty("untaggedByApiKey").EnumerateArray());
        Assert.Equal((1L, 0L, 0L, 1L), Missing(untagged));
    }

    [Fact]
    public async Task A_bad_range_is_a_validation_problem_and_a_key_is_required()
    {
        using var http = system.Allocation.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/data-quality")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        using var response = await http.GetAsync("/api/v1/data-quality?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"from\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_ledger_tables_with_their_partial_indexes_need_no_migration_once_created()
    {
        var store = system.Allocation.Services.GetRequiredService<IDocumentStore>();

        var migration = await store.Storage.Database.CreateMigrationAsync(CancellationToken.None);

        var ledger = migration.Deltas.Where(d => d.SchemaObject.Identifier.Name is LedgerTables.Lines or LedgerTables.Hourly or LedgerTables.Daily
            or LedgerTables.Statement or LedgerTables.DaysClosed).ToList();
        Assert.Equal(5, ledger.Count);
        Assert.All(ledger, d => Assert.Equal(SchemaPatchDifference.None, d.Difference));
    }

    private static (DateTimeOffset Hour, string Id) Window(int daysAgo)
    {
        var now = DateTimeOffset.UtcNow.AddDays(-daysAgo);
        // A random minute-aligned start, so reruns against the same database never share a window.
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 50) - 120);
        return (start, Guid.NewGuid().ToString("N")[..6]);
    }

    private static UsageEvent Call(DateTimeOffset hour, int minute, string team, string workflow, string environment,
        string model = "gpt-4o-mini", string provider = "openai", long input = 1_000, long output = 500)
    {
        var call = Usage.Call(team, model: model, provider: provider, input: input, output: output, workflow: workflow, environment: environment);
        call.OccurredAt = Timestamp.FromDateTimeOffset(hour.AddMinutes(minute));
        return call;
    }

    private async Task RecordAsync(string key, UsageEvent[] calls)
    {
        var result = await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(key));
        Assert.Equal(calls.Length, result.Accepted);
    }

    /// <summary>The report over the window: from its start (with seconds, so edges read ledger lines) to ten minutes on.</summary>
    private Task<JsonElement> ReadAsync(DateTimeOffset start, string key = AiFinOpsSystem.AdminKey) => ReadApi.GetAsync(system.Allocation,
        $"/api/v1/data-quality?from={start.AddSeconds(30):yyyy-MM-ddTHH:mm:ssZ}&to={start.AddMinutes(10):yyyy-MM-ddTHH:mm:ssZ}", key);

    private static (long Events, long WithoutTeam, long WithoutWorkflow, long WithoutEnvironment) Missing(JsonElement key) => (
        key.GetProperty("events").GetInt64(), key.GetProperty("withoutTeam").GetInt64(),
        key.GetProperty("withoutWorkflow").GetInt64(), key.GetProperty("withoutEnvironment").GetInt64());

    private static void AssertCoverage(JsonElement coverage, long events, decimal eventsPercent, decimal spendPercent)
    {
        Assert.Equal(events, coverage.GetProperty("taggedEvents").GetInt64());
        Assert.Equal(eventsPercent, coverage.GetProperty("eventsPercent").GetDecimal());
        Assert.Equal(spendPercent, coverage.GetProperty("spendPercent").GetDecimal());
    }

    private async Task<decimal> EffectiveCostAsync(UsageEvent call)
    {
        using var http = system.Ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);
        using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
        {
            provider = call.Provider,
            model = call.Model,
            inputTokens = call.InputTokens,
            outputTokens = call.OutputTokens,
            occurredAt = call.OccurredAt.ToDateTimeOffset(),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("effectiveCostUsd").GetDecimal();
    }
}
