using AiFinOps.Ingest.Recording;
using AiFinOps.ServiceDefaults.Security;
using Grpc.Core;
using static AiFinOps.Ingest.Tests.Usages;

namespace AiFinOps.Ingest.Tests;

public sealed class EmissionPermissionTests
{
    private static ApiKeyIdentity Key(string[]? teams = null, string[]? environments = null) =>
        new("k1", "support-bot prod", [ApiScopes.Ingest], teams ?? [], environments ?? []);

    private static ValidUsage For(string team, string environment = "prod", string eventId = "evt-1") =>
        Call("openai", "gpt-4o", input: 10, output: 1) with { Team = team, Environment = environment, EventId = eventId };

    [Fact]
    public void An_unrestricted_key_may_emit_for_any_team_and_environment()
    {
        EmissionPermission.Demand(Key(), [For("support"), For("billing", "staging"), For("(untagged)", "(untagged)")]);
    }

    [Fact]
    public void A_restricted_key_may_emit_for_its_own_teams_and_environments()
    {
        EmissionPermission.Demand(Key(teams: ["support", "search"], environments: ["prod"]), [For("support"), For("search")]);
    }

    [Fact]
    public void A_restricted_key_emitting_for_another_team_is_denied_the_whole_call()
    {
        var key = Key(teams: ["support"]);

        var denied = Assert.Throws<RpcException>(() =>
            EmissionPermission.Demand(key, [For("support", eventId: "evt-1"), For("billing", eventId: "evt-2")]));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("team 'billing'", denied.Status.Detail);
        Assert.Contains("evt-2", denied.Status.Detail);
        Assert.Contains("support-bot prod", denied.Status.Detail);
        Assert.Contains("restricted to: support", denied.Status.Detail);
        Assert.Contains("Nothing in this call was recorded", denied.Status.Detail);
    }

    [Fact]
    public void A_team_restricted_key_may_not_emit_untagged_usage()
    {
        var denied = Assert.Throws<RpcException>(() => EmissionPermission.Demand(Key(teams: ["support"]), [For("(untagged)")]));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public void A_restricted_key_emitting_for_another_environment_is_denied()
    {
        var denied = Assert.Throws<RpcException>(() =>
            EmissionPermission.Demand(Key(environments: ["staging"]), [For("support", environment: "prod")]));

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains("environment 'prod'", denied.Status.Detail);
        Assert.Contains("restricted to: staging", denied.Status.Detail);
    }

    [Fact]
    public void An_empty_call_needs_no_permission()
    {
        EmissionPermission.Demand(Key(teams: ["support"]), []);
    }
}
