using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using Npgsql;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>
/// Rows of the matrix that are accepted, not refused: SQL and script in names and tags are data. They come back
/// byte-equal, never executed, and every table is still there. Duplicate ids inside one batch count once.
/// </summary>
public sealed class HostileTextTests(BadInputWorld world) : IClassFixture<BadInputWorld>
{
    private static readonly string Suffix = Guid.NewGuid().ToString("N")[..6];
    private static readonly string SqlTeam = $"x'); DROP TABLE allocation.ledger_lines; DROP SCHEMA ingest CASCADE; -- {Suffix}";
    private static readonly string ScriptWorkflow = $"<script>alert(document.cookie)</script>\"'&{Suffix}";
    private const string SqlTagValue = "1' OR '1'='1'; --";

    [Fact]
    public async Task SQL_and_script_in_team_workflow_and_tags_are_stored_verbatim_and_never_executed()
    {
        var tablesBefore = await TableCountAsync();
        var call = Usage.Call(SqlTeam, workflow: ScriptWorkflow);
        call.Tags.Add("cost_centre", SqlTagValue);
        call.Tags.Add("feature", "Robert'); DROP TABLE Students;--");

        var result = await world.System.IngestClient().RecordBatchAsync(Usage.Batch(call), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));

        Assert.Equal(1, result.Accepted);
        var query = $"groupBy=team,workflow,cost_centre_tag&team={Uri.EscapeDataString(SqlTeam)}";
        var body = await Eventually.Until(() => ReadApi.GetAsync(world.System.Allocation, "/api/v1/spend?" + query, AiFinOpsSystem.AdminKey),
            b => b.GetProperty("rows").GetArrayLength() == 1, "the hostile call is booked and found by its own team name");
        var row = body.GetProperty("rows")[0];
        Assert.Equal(SqlTeam, row.GetProperty("team").GetString());
        Assert.Equal(ScriptWorkflow, row.GetProperty("workflow").GetString());
        Assert.Equal(SqlTagValue, row.GetProperty("cost_centre_tag").GetString());
        Assert.Equal(tablesBefore, await TableCountAsync());
    }

    [Fact]
    public async Task A_budget_named_with_SQL_and_script_comes_back_byte_equal()
    {
        var name = $"Q1'; DELETE FROM budgeting.mt_doc_budget; -- <img src=x onerror=alert(1)> {Suffix}";
        using var http = world.Client(Service.Budgeting, Caller.Admin);

        using var created = await http.PostAsJsonAsync("/api/v1/budgets",
            new { name, scope = "team:" + SqlTeam, period = "monthly", amountUsd = 100, owner = "lead@example.com" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/v1/budgets/{id}");
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal("team:" + SqlTeam, read.GetProperty("scope").GetString());
        Assert.Contains((await http.GetFromJsonAsync<JsonElement>("/api/v1/budgets")).EnumerateArray(), b => b.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Duplicate_event_ids_inside_one_batch_count_once_whatever_the_copies_say()
    {
        var first = Usage.Call(BadInputWorld.Ours, input: 100);
        var copy = first.Clone();
        copy.InputTokens = 999_999; // same id, other figures: the first one wins, the copy is a duplicate
        var other = Usage.Call(BadInputWorld.Ours);

        var result = await world.System.IngestClient().RecordBatchAsync(Usage.Batch(first, copy, other), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));

        Assert.Equal((2, 1), (result.Accepted, result.Duplicates));
        Assert.Empty(result.Rejected);
        var again = await world.System.IngestClient().RecordBatchAsync(Usage.Batch(copy), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Equal((0, 1), (again.Accepted, again.Duplicates));
    }

    /// <summary>Every table of every service's schema in this system's database.</summary>
    private async Task<long> TableCountAsync()
    {
        await using var connection = new NpgsqlConnection(world.System.DatabaseConnection);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "select count(*) from information_schema.tables where table_schema in ('ingest', 'allocation', 'budgeting', 'anomaly', 'notifications', 'reporting')",
            connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
