using AiFinOps.Notifications.Subscriptions;

namespace AiFinOps.Notifications.Tests;

public sealed class WebhookUrlMaskTests
{
    private const string Slack = "https://hooks.slack.com/services/T0AAAA/B0BBBB/XXXXsecretXXXX";

    [Fact]
    public void A_slack_webhook_shows_its_scheme_and_host_and_a_fingerprint_never_its_path()
    {
        var masked = WebhookUrlMask.Of(Slack);

        Assert.Matches(@"^https://hooks\.slack\.com/…\([0-9a-f]{6}\)$", masked);
        Assert.DoesNotContain("services", masked);
        Assert.DoesNotContain("XXXXsecretXXXX", masked);
    }

    [Fact]
    public void The_fingerprint_tells_urls_of_one_host_apart_and_is_the_same_for_the_same_url()
    {
        Assert.Equal(WebhookUrlMask.Of(Slack), WebhookUrlMask.Of(Slack));
        Assert.NotEqual(WebhookUrlMask.Of(Slack), WebhookUrlMask.Of(Slack + "2"));
    }

    [Fact]
    public void A_port_and_a_query_secret_are_treated_alike_the_port_shown_the_query_hidden()
    {
        var masked = WebhookUrlMask.Of("http://alerts.internal:8443/hook?token=abc123");

        Assert.StartsWith("http://alerts.internal:8443/…(", masked);
        Assert.DoesNotContain("abc123", masked);
        Assert.DoesNotContain("hook", masked);
    }

    [Fact]
    public void A_masked_url_is_recognised_as_such_and_a_real_one_is_not()
    {
        Assert.True(WebhookUrlMask.IsMasked(WebhookUrlMask.Of(Slack)));
        Assert.False(WebhookUrlMask.IsMasked(Slack));
    }
}
