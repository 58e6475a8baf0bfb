using AiFinOps.Ingest.Catalogue;

namespace AiFinOps.Ingest.Tests;

public sealed class AliasDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static readonly HashSet<string> Priced = ["anthropic/claude-sonnet-4", "openai/gpt-4o", "azure-openai/gpt-4o-eu"];

    private static readonly ModelAlias[] Existing =
    [
        new("bedrock", "anthropic.claude-sonnet-4-20250514-v1:0", "anthropic", "claude-sonnet-4"),
        new("azure-openai", "gpt-4o", "openai", "gpt-4o"),
    ];

    private static (ModelAliased? Aliased, Refusal? Refusal) Decide(ModelAlias alias, bool replace = false, ModelAlias[]? aliases = null) =>
        CatalogueDecisions.Alias(alias, replace, aliases ?? Existing, Priced, "ops", Now);

    [Fact]
    public void A_name_can_be_aliased_to_a_priced_model()
    {
        var (aliased, refusal) = Decide(new ModelAlias("bedrock", "anthropic.claude-sonnet-4-v2:0", "anthropic", "claude-sonnet-4"));

        Assert.Null(refusal);
        Assert.Equal("anthropic/claude-sonnet-4", $"{aliased!.Alias.TargetProvider}/{aliased.Alias.TargetModel}");
        Assert.Equal("ops", aliased.SetBy);
    }

    [Fact]
    public void The_same_alias_again_changes_nothing() =>
        Assert.Equal((null, null), Decide(Existing[0]));

    [Fact]
    public void The_target_must_be_a_priced_model_and_a_snapshot_name_is_pointed_to_its_model()
    {
        var (_, refusal) = Decide(new ModelAlias("bedrock", "x", "anthropic", "claude-sonnet-4-20250514"));

        Assert.Equal(RefusalKind.Invalid, refusal!.Kind);
        Assert.Equal("targetModel", refusal.Field);
        Assert.Contains("did you mean anthropic/claude-sonnet-4?", refusal.Reason);
    }

    [Fact]
    public void An_alias_of_an_alias_is_refused_because_pricing_follows_one_step()
    {
        var (_, refusal) = Decide(new ModelAlias("my-proxy", "gpt-4o", "azure-openai", "gpt-4o"));

        Assert.Equal(("targetModel", RefusalKind.Invalid), (refusal!.Field, refusal.Kind));
        Assert.Contains("itself an alias of openai/gpt-4o", refusal.Reason);
    }

    [Fact]
    public void An_alias_that_would_close_a_cycle_is_refused_with_the_cycle()
    {
        ModelAlias[] aliases = [new("acme", "b", "acme", "c"), new("acme", "c", "acme", "a")];

        var (_, refusal) = Decide(new ModelAlias("acme", "a", "acme", "b"), aliases: aliases);

        Assert.Equal("targetModel", refusal!.Field);
        Assert.Contains("cycle (acme/a → acme/b → acme/c → acme/a)", refusal.Reason);
    }

    [Fact]
    public void Re_pointing_an_alias_is_a_conflict_unless_replace_is_asked_for()
    {
        var repointed = Existing[1] with { TargetProvider = "azure-openai", TargetModel = "gpt-4o-eu" };

        var (_, refusal) = Decide(repointed);
        var (aliased, _) = Decide(repointed, replace: true);

        Assert.Equal((RefusalKind.Conflict, "targetModel"), (refusal!.Kind, refusal.Field));
        Assert.Contains("already an alias of openai/gpt-4o", refusal.Reason);
        Assert.Equal("gpt-4o-eu", aliased!.Alias.TargetModel);
    }

    [Fact]
    public void A_name_with_its_own_price_cannot_become_an_alias()
    {
        var (_, refusal) = Decide(new ModelAlias("azure-openai", "gpt-4o-eu", "openai", "gpt-4o"));

        Assert.Equal((RefusalKind.Conflict, "alias"), (refusal!.Kind, refusal.Field));
    }

    [Theory]
    [InlineData("", "x", "acme", "m", "provider")]
    [InlineData("acme", "", "acme", "m", "alias")]
    [InlineData("acme", "x", "acme", "", "targetModel")]
    [InlineData("openai", "gpt-4o", "openai", "gpt-4o", "targetModel")]
    public void Missing_names_and_self_aliases_are_refused_by_field(string provider, string alias, string targetProvider, string targetModel, string field)
    {
        var (_, refusal) = Decide(new ModelAlias(provider, alias, targetProvider, targetModel));

        Assert.Equal((RefusalKind.Invalid, field), (refusal!.Kind, refusal.Field));
    }

    [Fact]
    public void An_alias_name_calls_are_never_looked_up_under_is_refused()
    {
        var (_, refusal) = Decide(new ModelAlias("bedrock", "us.anthropic.claude-sonnet-4-v2:0", "anthropic", "claude-sonnet-4"));

        Assert.Equal("alias", refusal!.Field);
        Assert.Contains("looked up as 'anthropic.claude-sonnet-4-v2:0'", refusal.Reason);
    }
}
