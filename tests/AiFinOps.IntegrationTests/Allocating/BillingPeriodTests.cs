using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace AiFinOps.IntegrationTests.Allocating;

public sealed class BillingPeriodTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly DateTimeOffset ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string LastPeriod = $"{ThisMonth.AddMonths(-1):yyyy-MM}";
    private static readonly string ThisPeriod = $"{ThisMonth:yyyy-MM}";

    [Fact]
    public async Task Late_usage_for_a_closed_period_is_a_correction_in_the_next_open_one_and_the_closed_period_never_changes()
    {
        var admin = AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey);
        var lastMonthCall = LateCall("late-team", ThisMonth.AddDays(-2));
        await system.IngestClient().RecordBatchAsync(Usage.Batch(lastMonthCall), admin);
        var before = await Eventually.Until(() => ByPeriodAsync("team=late-team"),
            rows => rows.ContainsKey((LastPeriod, "")), "last month's call is booked in last month");

        using var close = await PostAsync($"/api/v1/periods/{LastPeriod}/close");
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);

        var lateCall = LateCall("late-team", ThisMonth.AddDays(-3));
        await system.IngestClient().RecordBatchAsync(Usage.Batch(lateCall, lastMonthCall), admin);
        var after = await Eventually.Until(() => ByPeriodAsync("team=late-team"),
            rows => rows.ContainsKey((ThisPeriod, "Correction")), "the late call is booked as a correction in this month");

        Assert.Equal(before[(LastPeriod, "")], after[(LastPeriod, "")]);
        Assert.Equal((1L, before[(LastPeriod, "")].Cost), after[(ThisPeriod, "Correction")]);
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task A_period_closes_once_after_it_ended_in_calendar_order_and_bad_periods_are_refused()
    {
        using var notEnded = await PostAsync($"/api/v1/periods/{ThisPeriod}/close");
        Assert.Equal(HttpStatusCode.Conflict, notEnded.StatusCode);
        Assert.Contains("has not ended yet", await notEnded.Content.ReadAsStringAsync());

        using var malformed = await PostAsync("/api/v1/periods/2026-13/close");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("\"period\"", await malformed.Content.ReadAsStringAsync());

        var readOnly = await SpendApi.IssueKeyAsync(system.Ingest, "reader-" + Guid.NewGuid().ToString("N")[..6], ["read"]);
        using var forbidden = await PostAsync($"/api/v1/periods/{LastPeriod}/close", readOnly);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var periods = await ReadApi.GetAsync(system.Allocation, "/api/v1/periods", AiFinOpsSystem.AdminKey);
        Assert.Equal("UTC", periods.GetProperty("timeZone").GetString());
    }

    private static Contracts.Usage.V1.UsageEvent LateCall(string team, DateTimeOffset occurredAt)
    {
        var call = Usage.Call(team, input: 2_000, output: 300);
        call.OccurredAt = Timestamp.FromDateTimeOffset(occurredAt);
        return call;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string key = AiFinOpsSystem.AdminKey)
    {
        using var http = system.Allocation.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.PostAsync(path, null);
    }

    private async Task<Dictionary<(string Period, string ChargeClass), (long Events, decimal Cost)>> ByPeriodAsync(string filter)
    {
        var body = await ReadApi.GetAsync(system.Allocation,
            $"/api/v1/spend?from={ThisMonth.AddMonths(-1):yyyy-MM-dd}&groupBy=billing_period,charge_class&{filter}", AiFinOpsSystem.AdminKey);
        return body.GetProperty("rows").EnumerateArray().ToDictionary(
            r => (r.GetProperty("billing_period").GetString()!, r.GetProperty("charge_class").GetString()!),
            r => (r.GetProperty("events").GetInt64(), r.GetProperty("effectiveCostUsd").GetDecimal()));
    }
}
