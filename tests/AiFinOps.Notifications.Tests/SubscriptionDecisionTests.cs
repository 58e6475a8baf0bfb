using AiFinOps.Notifications.Subscriptions;

namespace AiFinOps.Notifications.Tests;

/// <summary>Defining, amending and removing subscriptions (pure).</summary>
public sealed class SubscriptionDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> NoNames = new HashSet<string>();

    private static SubscriptionDraft Hook(string name = "ops", string? secret = null, string? format = null) =>
        new(name, "webhook", "https://hooks.example/ops", format, null, ["budget.*"], null, "warning",
            secret is null ? SecretChange.Unchanged : SecretChange.To(secret), null);

    private static Subscription Defined(SubscriptionDraft draft) =>
        Subscription.Create((SubscriptionDefined)Subscription.Decide(null, new DefineSubscription("s-1", draft, Now, "admin"), NoNames).Events[0]);

    [Fact]
    public void A_webhook_is_defined_with_json_format_enabled_by_default()
    {
        var decision = Subscription.Decide(null, new DefineSubscription("s-1", Hook(secret: "0123456789abcdef"), Now, "admin"), NoNames);

        var terms = Assert.IsType<SubscriptionDefined>(Assert.Single(decision.Events)).Terms;
        Assert.Equal(("ops", "webhook", "https://hooks.example/ops", "json", "0123456789abcdef", true),
            (terms.Name, terms.Kind, terms.Url, terms.Format, terms.Secret, terms.Enabled));
        Assert.Equal(["budget.*"], terms.Filter.Kinds);
        Assert.Equal((null, "warning"), (terms.Filter.Team, terms.Filter.MinSeverity));
        Assert.Empty(terms.Addresses);
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var draft = new SubscriptionDraft("Ops Team", "pager", null, "xml", null, ["budget.", "*"], null, "urgent", SecretChange.To("short"), null);

        var decision = Subscription.Decide(null, new DefineSubscription("s-1", draft, Now, "admin"), NoNames);

        Assert.False(decision.Conflict);
        Assert.Equal(["name", "kind", "filter.kinds[0]", "filter.minSeverity", "secret"], decision.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("ftp://hooks.example/x")]
    [InlineData("/relative/path")]
    [InlineData("https://user:pass@hooks.example/x")]
    public void A_webhook_url_must_be_absolute_http_or_https_without_credentials(string url)
    {
        var draft = Hook() with { Url = url };

        var decision = Subscription.Decide(null, new DefineSubscription("s-1", draft, Now, "admin"), NoNames);

        Assert.Equal("url", Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void An_e_mail_subscription_needs_valid_addresses_and_takes_no_url_format_or_secret()
    {
        var draft = new SubscriptionDraft("finops", "email", "https://x.example", "slack", ["finops@example.com", "not an address"], null, null, null,
            SecretChange.To("0123456789abcdef"), null);

        var decision = Subscription.Decide(null, new DefineSubscription("s-1", draft, Now, "admin"), NoNames);

        Assert.Equal(["url", "format", "addresses[1]", "secret"], decision.Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_name_another_subscription_holds_is_a_conflict()
    {
        var decision = Subscription.Decide(null, new DefineSubscription("s-2", Hook("ops"), Now, "admin"), new HashSet<string> { "ops" });

        Assert.True(decision.Conflict);
        Assert.Equal("name", Assert.Single(decision.Errors).Field);
    }

    [Fact]
    public void Amending_keeps_the_secret_when_the_field_is_absent_and_clears_it_when_null()
    {
        var subscription = Defined(Hook(secret: "0123456789abcdef"));

        var kept = Subscription.Decide(subscription, new AmendSubscription(Hook(format: "slack"), Now, "admin"), new HashSet<string> { "ops" });
        var cleared = Subscription.Decide(subscription, new AmendSubscription(Hook() with { Secret = SecretChange.Cleared }, Now, "admin"),
            new HashSet<string> { "ops" });

        var amended = subscription.Apply(Assert.IsType<SubscriptionAmended>(Assert.Single(kept.Events)));
        Assert.Equal(("slack", "0123456789abcdef"), (amended.Terms.Format, amended.Terms.Secret));
        Assert.Null(subscription.Apply(Assert.IsType<SubscriptionAmended>(Assert.Single(cleared.Events))).Terms.Secret);
    }

    [Fact]
    public void Amending_to_the_same_terms_appends_nothing_and_the_kind_never_changes()
    {
        var subscription = Defined(Hook());

        var same = Subscription.Decide(subscription, new AmendSubscription(Hook(), Now, "admin"), new HashSet<string> { "ops" });
        var toEmail = Subscription.Decide(subscription, new AmendSubscription(
            new SubscriptionDraft("ops", "email", null, null, ["a@example.com"], null, null, null, SecretChange.Unchanged, null), Now, "admin"),
            new HashSet<string> { "ops" });

        Assert.True(same.Accepted);
        Assert.Empty(same.Events);
        Assert.Equal("kind", Assert.Single(toEmail.Errors).Field);
    }

    [Fact]
    public void A_removed_subscription_is_removed_once_and_cannot_be_amended()
    {
        var removed = Defined(Hook()).Apply(new SubscriptionRemoved("s-1", Now, "admin"));

        Assert.Empty(Subscription.Decide(removed, new RemoveSubscription(Now, "admin")).Events);
        Assert.True(Subscription.Decide(removed, new AmendSubscription(Hook(), Now, "admin"), NoNames).Conflict);
        Assert.False(removed.Active);
    }
}
