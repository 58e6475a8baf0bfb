using System.Net;
using System.Net.Http.Json;
using AiFinOps.Notifications.Subscriptions;
using AiFinOps.Notifications.Subscriptions.ManagingSubscriptions;

namespace AiFinOps.Notifications.Tests;

/// <summary>Subscriptions over REST against the real servers: CRUD, the write-only secret, problems, scopes.</summary>
public sealed class SubscriptionApiTests(NotificationsApp app) : IClassFixture<NotificationsApp>
{
    private const string Secret = "whsec-never-shown-0123456789";
    private const string UrlSecret = "T0AAAA/B0BBBB/url-secret-never-shown";

    [Fact]
    public async Task A_subscription_is_defined_read_amended_and_removed_and_its_secrets_are_never_shown()
    {
        var admin = app.ClientWithKey(TestApiKeys.Admin);
        var name = Alerts.NewName();
        var body = new
        {
            name,
            kind = "webhook",
            url = $"https://hooks.example/services/{UrlSecret}",
            format = "slack",
            secret = Secret,
            filter = new { kinds = new[] { "budget.*", "org.monthly-spend" }, team = "search", minSeverity = "warning" },
        };

        using var created = await admin.PostAsJsonAsync("/api/v1/subscriptions", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, createdText);
        Assert.DoesNotContain(UrlSecret, createdText);
        var subscription = (await created.Content.ReadFromJsonAsync<SubscriptionView>())!;
        Assert.Equal($"/api/v1/subscriptions/{subscription.Id}", created.Headers.Location!.ToString());
        Assert.Equal((name, "webhook", "slack", true, true), (subscription.Name, subscription.Kind, subscription.Format, subscription.HasSecret, subscription.Enabled));
        Assert.Equal(["budget.*", "org.monthly-spend"], subscription.Filter.Kinds);
        Assert.Equal(("search", "warning"), (subscription.Filter.Team, subscription.Filter.MinSeverity));
        Assert.Equal(WebhookUrlMask.Of($"https://hooks.example/services/{UrlSecret}"), subscription.Url);

        var listed = await admin.GetStringAsync("/api/v1/subscriptions");
        Assert.Contains(name, listed);
        Assert.DoesNotContain(Secret, listed);
        Assert.DoesNotContain(UrlSecret, listed);
        var read = await admin.GetStringAsync($"/api/v1/subscriptions/{subscription.Id}");
        Assert.DoesNotContain(Secret, read);
        Assert.DoesNotContain(UrlSecret, read);

        // No secret field: the secret stays.
        using var disabled = await admin.PutAsJsonAsync($"/api/v1/subscriptions/{subscription.Id}",
            new { name, kind = "webhook", url = "https://hooks.example/ops-2", format = "json", enabled = false });
        var amended = (await disabled.Content.ReadFromJsonAsync<SubscriptionView>())!;
        Assert.Equal((WebhookUrlMask.Of("https://hooks.example/ops-2"), "json", false, true), (amended.Url, amended.Format, amended.Enabled, amended.HasSecret));
        Assert.Empty(amended.Filter.Kinds);

        // Sent back as read (the url masked): the url stays as it was.
        using var cleared = await admin.PutAsJsonAsync($"/api/v1/subscriptions/{subscription.Id}",
            new { name, kind = "webhook", url = amended.Url, secret = (string?)null });
        var kept = (await cleared.Content.ReadFromJsonAsync<SubscriptionView>())!;
        Assert.Equal((WebhookUrlMask.Of("https://hooks.example/ops-2"), false), (kept.Url, kept.HasSecret));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/subscriptions/{subscription.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/subscriptions/{subscription.Id}")).StatusCode);
        Assert.DoesNotContain(name, await admin.GetStringAsync("/api/v1/subscriptions"));
        using var reused = await admin.PostAsJsonAsync("/api/v1/subscriptions", body);
        Assert.Equal(HttpStatusCode.Created, reused.StatusCode);
    }

    [Fact]
    public async Task Every_bad_field_is_a_problem_naming_it()
    {
        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/subscriptions", new
        {
            name = "Ops Team",
            kind = "webhook",
            url = "ftp://hooks.example/x",
            format = "xml",
            filter = new { kinds = new[] { "budget." }, minSeverity = "loud" },
            enabled = "yes",
        });

        await ServiceAssert.ValidationProblemAsync(response, "enabled", "name", "url", "format", "filter.kinds[0]", "filter.minSeverity");
    }

    [Fact]
    public async Task A_masked_url_of_another_subscription_is_refused_not_stored()
    {
        var other = await Api.SubscribeAsync(app, Api.Webhook("https://hooks.example/services/other-secret", Alerts.NewKind()));

        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/subscriptions",
            Api.Webhook(other.Url!, Alerts.NewKind()));

        await ServiceAssert.ValidationProblemAsync(response, "url");
    }

    [Fact]
    public async Task A_second_subscription_with_a_name_in_use_is_a_conflict()
    {
        var name = Alerts.NewName();
        await Api.SubscribeAsync(app, new { name, kind = "email", addresses = new[] { "finops@example.com" } });

        using var response = await app.ClientWithKey(TestApiKeys.Admin).PostAsJsonAsync("/api/v1/subscriptions",
            new { name, kind = "webhook", url = "https://hooks.example/x" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"another subscription is named '{name}'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Managing_subscriptions_needs_the_admin_scope()
    {
        var body = new { name = Alerts.NewName(), kind = "webhook", url = "https://hooks.example/x" };

        using var anonymous = await app.ClientWithKey(null).PostAsJsonAsync("/api/v1/subscriptions", body);
        using var reader = await app.ClientWithKey(TestApiKeys.Reader).PostAsJsonAsync("/api/v1/subscriptions", body);
        using var readerList = await app.ClientWithKey(TestApiKeys.Reader).GetAsync("/api/v1/subscriptions");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden),
            (anonymous.StatusCode, reader.StatusCode, readerList.StatusCode));
    }
}
