using AiFinOps.ServiceDefaults.Security;

namespace AiFinOps.Ingest.Tests;

public sealed class ApiScopesTests
{
    [Theory]
    [InlineData(ApiScopes.Ingest)]
    [InlineData(ApiScopes.Read)]
    [InlineData(ApiScopes.Finance)]
    [InlineData(ApiScopes.Admin)]
    public void Admin_grants_every_scope(string required)
    {
        Assert.True(ApiScopes.Grants([ApiScopes.Admin], required));
    }

    [Fact]
    public void Finance_grants_finance_and_read_only()
    {
        Assert.True(ApiScopes.Grants([ApiScopes.Finance], ApiScopes.Finance));
        Assert.True(ApiScopes.Grants([ApiScopes.Finance], ApiScopes.Read));
        Assert.False(ApiScopes.Grants([ApiScopes.Finance], ApiScopes.Ingest));
        Assert.False(ApiScopes.Grants([ApiScopes.Finance], ApiScopes.Admin));
    }

    [Fact]
    public void Read_does_not_grant_finance()
    {
        Assert.True(ApiScopes.Grants([ApiScopes.Read], ApiScopes.Read));
        Assert.False(ApiScopes.Grants([ApiScopes.Read], ApiScopes.Finance));
        Assert.False(ApiScopes.Grants([ApiScopes.Read], ApiScopes.Ingest));
        Assert.False(ApiScopes.Grants([ApiScopes.Read], ApiScopes.Admin));
    }

    [Fact]
    public void Ingest_grants_only_ingest()
    {
        Assert.True(ApiScopes.Grants([ApiScopes.Ingest], ApiScopes.Ingest));
        Assert.False(ApiScopes.Grants([ApiScopes.Ingest], ApiScopes.Read));
    }

    [Fact]
    public void Several_scopes_grant_what_any_of_them_grants()
    {
        Assert.True(ApiScopes.Grants([ApiScopes.Ingest, ApiScopes.Read], ApiScopes.Read));
        Assert.True(ApiScopes.Grants([ApiScopes.Ingest, ApiScopes.Read], ApiScopes.Ingest));
        Assert.False(ApiScopes.Grants([ApiScopes.Ingest, ApiScopes.Read], ApiScopes.Finance));
    }

    [Fact]
    public void No_scope_grants_nothing()
    {
        Assert.All(ApiScopes.All, scope => Assert.False(ApiScopes.Grants([], scope)));
    }

    [Fact]
    public void Only_the_four_scopes_are_known_in_lower_case()
    {
        Assert.Equal(["ingest", "read", "finance", "admin"], ApiScopes.All);
        Assert.All(ApiScopes.All, scope => Assert.True(ApiScopes.IsKnown(scope)));
        Assert.False(ApiScopes.IsKnown("write"));
        Assert.False(ApiScopes.IsKnown("Admin"));
    }
}

public sealed class ApiKeyIdentityTests
{
    private static ApiKeyIdentity Key(string[] scopes, string[]? teams = null, string[]? environments = null) =>
        new("k1", "support-bot", scopes, teams ?? [], environments ?? []);

    [Fact]
    public void A_key_has_the_scopes_its_grants_imply()
    {
        var finance = Key([ApiScopes.Finance]);

        Assert.True(finance.HasScope(ApiScopes.Read));
        Assert.False(finance.HasScope(ApiScopes.Ingest));
        Assert.True(Key([ApiScopes.Admin]).HasScope(ApiScopes.Finance));
        Assert.False(Key([ApiScopes.Read]).HasScope(ApiScopes.Finance));
    }

    [Fact]
    public void A_key_without_allow_lists_allows_every_team_and_environment()
    {
        var key = Key([ApiScopes.Ingest]);

        Assert.False(key.IsTeamRestricted);
        Assert.True(key.AllowsTeam("anyone"));
        Assert.True(key.AllowsTeam("(untagged)"));
        Assert.True(key.AllowsEnvironment("prod"));
    }

    [Fact]
    public void A_team_restricted_key_allows_only_its_teams()
    {
        var key = Key([ApiScopes.Ingest], teams: ["support", "search"]);

        Assert.True(key.IsTeamRestricted);
        Assert.True(key.AllowsTeam("support"));
        Assert.True(key.AllowsTeam("search"));
        Assert.False(key.AllowsTeam("billing"));
        Assert.False(key.AllowsTeam("(untagged)"));
        Assert.True(key.AllowsEnvironment("anything"));
    }

    [Fact]
    public void Team_names_are_matched_exactly()
    {
        var key = Key([ApiScopes.Ingest], teams: ["support"]);

        Assert.False(key.AllowsTeam("Support"));
        Assert.False(key.AllowsTeam("support "));
    }

    [Fact]
    public void An_environment_restricted_key_allows_only_its_environments()
    {
        var key = Key([ApiScopes.Ingest], environments: ["staging"]);

        Assert.False(key.IsTeamRestricted);
        Assert.True(key.AllowsEnvironment("staging"));
        Assert.False(key.AllowsEnvironment("prod"));
        Assert.True(key.AllowsTeam("anyone"));
    }
}
