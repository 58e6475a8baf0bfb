using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Npgsql;

namespace AiFinOps.IntegrationTests.Allocating;

public sealed class LedgerRebuildTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    [Fact]
    public async Task Rebuilding_the_ledger_from_its_events_reproduces_every_line_and_rollup()
    {
        var sent = await GeneratedUsage.SendAsync(system, seed: 11, count: 600);
        await Eventually.Until(() => GeneratedUsage.TotalEventsAsync(system), n => n == sent.Count, "every generated call is booked");
        var before = await SnapshotAsync();

        using var start = await SendAsync(HttpMethod.Post, "/api/v1/ledger/rebuild");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var done = await Eventually.Until(
            () => ReadApi.GetAsync(system.Allocation, "/api/v1/ledger/rebuild", AiFinOpsSystem.AdminKey),
            p => p.GetProperty("state").GetString() is "succeeded" or "failed", "the rebuild finishes");

        Assert.Equal("succeeded", done.GetProperty("state").GetString());
        Assert.Equal(sent.Count, done.GetProperty("linesDone").GetInt64());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Only_an_admin_key_can_rebuild_the_ledger()
    {
        var finance = await SpendApi.IssueKeyAsync(system.Ingest, "finance-" + Guid.NewGuid().ToString("N")[..6], ["finance"]);
        using var forbidden = await SendAsync(HttpMethod.Post, "/api/v1/ledger/rebuild", finance);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    /// <summary>Every row of the four ledger tables, as text, in a fixed order.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var database = NpgsqlDataSource.Create(system.DatabaseConnection);
        var parts = new List<string>();
        foreach (var (table, order) in new[] { ("ledger_lines", "line_id"), ("spend_hourly", "1,2,3,4,5,6,7,8,9,10,11"), ("spend_daily", "1,2,3,4,5,6,7,8,9,10,11"), ("spend_statement_daily", "1,2,3,4,5,6,7,8,9,10") })
        {
            var columns = table == "ledger_lines" ? "line_id, event_id, billing_period, occurred_at, team, model, extra, events, unpriced_events, input_tokens, list_cost_usd, effective_cost_usd, billed_cost_usd" : "*";
            await using var command = database.CreateCommand($"SELECT {columns} FROM allocation.{table} ORDER BY {order}");
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                parts.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }
            Assert.True(rows > 0, $"{table} is empty");
        }
        return string.Join("\n", parts);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key = AiFinOpsSystem.AdminKey)
    {
        using var http = system.Allocation.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await http.SendAsync(new HttpRequestMessage(method, path));
    }
}
