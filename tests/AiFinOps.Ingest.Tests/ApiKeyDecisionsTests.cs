using AiFinOps.Ingest.Keys;

namespace AiFinOps.Ingest.Tests;

public sealed class ApiKeyDecisionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 15, 12, 0, 0, TimeSpan.Zero);

    private static (ApiKeyIssued? Issued, Dictionary<string, string[]> Errors) Issue(
        string? name = "support-bot prod", string[]? scopes = null, string[]? teams = null, string[]? environments = null) =>
        ApiKeyDecisions.Issue(new IssueKey(name, scopes ?? ["ingest"], teams, environments), "k1", "hash-of-secret", Now);

    private static ApiKey Active() => ApiKey.Create(Issue().Issued!);

    [Fact]
    public void A_valid_request_issues_a_key_keeping_only_the_hash()
    {
        var (issued, errors) = Issue(name: "  support-bot prod ", scopes: ["Ingest", "read", "ingest"], teams: [" support ", "support"], environments: ["prod"]);

        Assert.Empty(errors);
        Assert.NotNull(issued);
        Assert.Equal("k1", issued.KeyId);
        Assert.Equal("support-bot prod", issued.Name);
        Assert.Equal("hash-of-secret", issued.KeyHash);
        Assert.Equal(["ingest", "read"], issued.Scopes);
        Assert.Equal(["support"], issued.Teams);
        Assert.Equal(["prod"], issued.Environments);
        Assert.Equal(Now, issued.IssuedAt);
    }

    [Fact]
    public void Without_teams_or_environments_the_key_is_unrestricted()
    {
        var (issued, _) = Issue(teams: null, environments: null);

        Assert.Empty(issued!.Teams);
        Assert.Empty(issued.Environments);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_key_needs_a_name(string? name)
    {
        var (issued, errors) = Issue(name: name);

        Assert.Null(issued);
        Assert.Contains("required", Assert.Single(errors["name"]));
    }

    [Fact]
    public void A_name_longer_than_100_characters_is_refused()
    {
        Assert.NotNull(Issue(name: new string('n', 100)).Issued);

        var (issued, errors) = Issue(name: new string('n', 101));

        Assert.Null(issued);
        Assert.True(errors.ContainsKey("name"));
    }

    [Fact]
    public void A_key_needs_at_least_one_scope()
    {
        var (issued, errors) = Issue(scopes: []);

        Assert.Null(issued);
        Assert.Contains("at least one scope", Assert.Single(errors["scopes"]));
    }

    [Fact]
    public void An_unknown_scope_is_refused_by_name()
    {
        var (issued, errors) = Issue(scopes: ["ingest", "write"]);

        Assert.Null(issued);
        var error = Assert.Single(errors["scopes"]);
        Assert.Contains("'write' is not a scope", error);
        Assert.Contains("ingest, read, finance, admin", error);
    }

    [Theory]
    [InlineData("team")]
    [InlineData("environment")]
    public void An_admin_key_cannot_be_restricted(string restriction)
    {
        var (issued, errors) = restriction == "team"
            ? Issue(scopes: ["admin"], teams: ["support"])
            : Issue(scopes: ["admin"], environments: ["prod"]);

        Assert.Null(issued);
        Assert.Contains("admin key cannot be restricted", Assert.Single(errors["scopes"]));
    }

    [Fact]
    public void An_unrestricted_admin_key_is_issued()
    {
        Assert.Equal(["admin"], Issue(scopes: ["ADMIN"]).Issued!.Scopes);
    }

    [Theory]
    [InlineData("teams")]
    [InlineData("environments")]
    public void A_blank_team_or_environment_entry_is_refused(string field)
    {
        var (issued, errors) = field == "teams" ? Issue(teams: ["support", " "]) : Issue(environments: [""]);

        Assert.Null(issued);
        Assert.True(errors.ContainsKey(field));
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        var (_, errors) = Issue(name: "", scopes: [], teams: [""]);

        Assert.Equal(["name", "scopes", "teams"], errors.Keys.Order());
    }

    [Fact]
    public void A_null_scope_or_team_entry_is_a_validation_error_not_a_crash()
    {
        var (issued, errors) = ApiKeyDecisions.Issue(new IssueKey("bot", ["ingest", null!], [null!], null), "k1", "h", Now);

        Assert.Null(issued);
        Assert.True(errors.ContainsKey("scopes"));
        Assert.True(errors.ContainsKey("teams"));
    }

    [Fact]
    public void Revoking_an_active_key_revokes_it_now()
    {
        var revoked = ApiKeyDecisions.Revoke(Active(), Now.AddDays(1));

        Assert.Equal(new ApiKeyRevoked("k1", Now.AddDays(1)), revoked);
    }

    [Fact]
    public void Revoking_a_revoked_key_again_changes_nothing()
    {
        var key = Active().Apply(new ApiKeyRevoked("k1", Now.AddDays(1)));

        Assert.True(key.IsRevoked);
        Assert.Null(ApiKeyDecisions.Revoke(key, Now.AddDays(2)));
    }

    [Fact]
    public void A_replayed_revocation_keeps_the_first_revocation_time()
    {
        var key = Active()
            .Apply(new ApiKeyRevoked("k1", Now.AddDays(1)))
            .Apply(new ApiKeyRevoked("k1", Now.AddDays(2)));

        Assert.Equal(Now.AddDays(1), key.RevokedAt);
    }
}
