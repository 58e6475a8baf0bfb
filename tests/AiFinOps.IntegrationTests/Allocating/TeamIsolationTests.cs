using System.Net;
using System.Net.Http.Headers;
using AiFinOps.IntegrationTests.Infrastructure;

namespace AiFinOps.IntegrationTests.Allocating;

/// <summary>A team-restricted key reads its own team's numbers and nothing of another team, through every allocation read.</summary>
public sealed class TeamIsolationTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly string Period = $"{DateTime.UtcNow.AddMinutes(-1):yyyy-MM}";
    private const string Ours = "team-ours-7c1";
    private const string Theirs = "team-theirs-9f4";
    private const string TheirWorkflow = "their-secret-workflow";
    private const string TheirModel = "their-unlisted-model";

    /// <summary>Every read; all but the default chargeback (per cost centre) name teams, workflows or models.</summary>
    public static TheoryData<string> Reads() => [$"/api/v1/chargeback/{Period}", .. ReadsNamingTeams()];

    public static TheoryData<string> ReadsNamingTeams() =>
    [
        "/api/v1/spend?groupBy=team,workflow,model",
        "/api/v1/spend?groupBy=team,workflow,model,environment,provider,service_tier,cost_centre_tag,billing_period,charge_class&granularity=day",
        $"/api/v1/spend?groupBy=workflow&team={Theirs}",
        $"/api/v1/spend?groupBy=team&workflow={TheirWorkflow}",
        $"/api/v1/chargeback/{Period}?groupBy=team,workflow,model",
        $"/api/v1/chargeback/{Period}?format=csv&groupBy=team,workflow,model",
        $"/api/v1/exports/focus/{Period}",
        "/api/v1/data-quality",
        "/api/v1/ledger/unpriced",
        $"/api/v1/ledger/unpriced?provider=acme&model={TheirModel}",
    ];

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_team_key_never_sees_another_teams_numbers(string read)
    {
        var key = await SeedAndKeyAsync();
        using var http = system.Allocation.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await http.GetAsync(read);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{read}: {(int)response.StatusCode} {body}");
        foreach (var secret in new[] { Theirs, TheirWorkflow, TheirModel })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ReadsNamingTeams))]
    public async Task The_same_read_with_an_unrestricted_key_shows_the_other_team_so_a_leak_would_be_seen(string read)
    {
        await SeedAndKeyAsync();
        using var http = system.Allocation.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AiFinOpsSystem.AdminKey);

        var body = await http.GetStringAsync(read);

        Assert.True(new[] { Theirs, TheirWorkflow, TheirModel }.Any(secret => body.Contains(secret, StringComparison.Ordinal)), $"{read}: {body}");
    }

    [Fact]
    public async Task A_team_keys_spend_totals_are_its_own_teams_only()
    {
        var key = await SeedAndKeyAsync();
        var all = await ReadApi.GetAsync(system.Allocation, "/api/v1/spend?groupBy=team", AiFinOpsSystem.AdminKey);
        var own = await ReadApi.GetAsync(system.Allocation, "/api/v1/spend?groupBy=team", key);

        var ours = all.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("team").GetString() == Ours);
        Assert.Equal(ours.GetProperty("events").GetInt64(), own.GetProperty("totals").GetProperty("events").GetInt64());
        Assert.Equal(ours.GetProperty("effectiveCostUsd").GetDecimal(), own.GetProperty("totals").GetProperty("effectiveCostUsd").GetDecimal());
    }

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static string? teamKey;

    /// <summary>Both teams' usage is booked (and the key issued) once per test class.</summary>
    private async Task<string> SeedAndKeyAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (teamKey is not null) return teamKey;
            await system.IngestClient().RecordBatchAsync(Usage.Batch(
                Usage.Call(Ours, input: 1_000, output: 100),
                Usage.Call(Ours, provider: "acme", model: "our-unlisted-model"),
                Usage.Call(Theirs, input: 9_000, output: 900, workflow: TheirWorkflow),
                Usage.Call(Theirs, provider: "acme", model: TheirModel, workflow: TheirWorkflow)), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
            await Eventually.Until(() => ReadApi.GetAsync(system.Allocation, "/api/v1/spend?groupBy=team", AiFinOpsSystem.AdminKey),
                body => body.GetProperty("totals").GetProperty("events").GetInt64() == 4, "both teams' calls are booked");
            teamKey = await SpendApi.IssueKeyAsync(system.Ingest, "ours-" + Guid.NewGuid().ToString("N")[..6], ["finance"], [Ours]);
            return teamKey;
        }
        finally
        {
            Once.Release();
        }
    }
}
