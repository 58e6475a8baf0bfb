using AiFinOps.Budgeting.Spend;
using AiFinOps.Budgeting.Spend.MigratingAccruedUsage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFinOps.Budgeting.Tests;

/// <summary>A database accrued by the version with one <c>accrued_usage</c> row per event, moved onto the rollup.</summary>
public sealed class AccruedUsageMigrationTests(BudgetingApp app) : IClassFixture<BudgetingApp>
{
    private NpgsqlDataSource Database => app.Services.GetRequiredService<NpgsqlDataSource>();

    [Fact]
    public async Task Usage_accrued_before_the_rollup_keeps_its_spend_and_is_never_accrued_again()
    {
        var team = Usages.NewTeam();
        var before = new[] { Usages.Priced(team, 2m, 1.5m), Usages.Priced(team, 4m, 3m), Usages.Unpriced(team) };
        await CreateLegacyTableAsync(before);

        Assert.True(await AccruedUsageMigration.RunAsync(Database, app.Schema, default));
        Assert.False(await AccruedUsageMigration.RunAsync(Database, app.Schema, default));

        Assert.Equal(0, (await app.DeliverAsync(Usages.Batch(before))).Accrued);
        var budget = await app.DefineAsync($"team:{team}", 100m);
        Assert.Equal((4.5m, 3L), await SpendStore.ReadAsync(Database, app.Schema, budget.Id, "2026-11", default));
        Assert.Equal((3L, 1L), await EventsAsync(team));
        Assert.Equal(3L, await ScalarAsync($"SELECT count(*) FROM {app.Schema}.{AccruedUsageMigration.Kept}"));
    }

    private async Task CreateLegacyTableAsync(IEnumerable<Contracts.Messages.PricedUsage> usages)
    {
        await using (var create = Database.CreateCommand($"""
            CREATE TABLE {app.Schema}.{AccruedUsageMigration.Legacy} (event_id text PRIMARY KEY, occurred_at timestamptz NOT NULL,
                accrued_at timestamptz NOT NULL, team text NOT NULL, workflow text NOT NULL, environment text NOT NULL, tags jsonb NOT NULL,
                priced boolean NOT NULL, list_cost_usd numeric NOT NULL, effective_cost_usd numeric NOT NULL, billed_cost_usd numeric,
                events integer NOT NULL DEFAULT 1, provider text NOT NULL DEFAULT '', model text NOT NULL DEFAULT '')
            """))
        {
            await create.ExecuteNonQueryAsync();
        }
        await using var command = Database.CreateCommand($"""
            INSERT INTO {app.Schema}.{AccruedUsageMigration.Legacy} (event_id, occurred_at, accrued_at, team, workflow, environment, tags,
                priced, list_cost_usd, effective_cost_usd, provider, model)
            SELECT u.event_id, u.occurred_at, now(), $2, 'support-triage', 'prod', jsonb_build_object('product', 'chat'), u.priced, u.list, u.effective,
                'openai', 'gpt-4o'
            FROM unnest($1::text[], $3::timestamptz[], $4::boolean[], $5::numeric[], $6::numeric[]) AS u(event_id, occurred_at, priced, list, effective)
            """);
        var list = usages.ToList();
        command.Parameters.Add(new NpgsqlParameter { Value = list.Select(u => u.EventId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = list[0].Team });
        command.Parameters.Add(new NpgsqlParameter { Value = list.Select(u => u.OccurredAt.UtcDateTime).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = list.Select(u => u.Priced).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = list.Select(u => u.ListCostUsd ?? 0m).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = list.Select(u => u.EffectiveCostUsd ?? 0m).ToArray() });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The team's accrued events, and how many of them unpriced, as the accrued-spend read sums them.</summary>
    private async Task<(long Events, long Unpriced)> EventsAsync(string team)
    {
        await using var command = Database.CreateCommand($"""
            SELECT sum(events)::bigint, (sum(events) FILTER (WHERE NOT priced))::bigint FROM {app.Schema}.{SpendTables.AccruedSpend} WHERE team = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = team });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var command = Database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
