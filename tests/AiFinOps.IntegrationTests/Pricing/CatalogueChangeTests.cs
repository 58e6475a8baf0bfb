using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Contracts.Messages;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using static AiFinOps.IntegrationTests.Pricing.CatalogueChangeWorld;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class CatalogueChangeTests
{
    private static Task<T> Until<T>(Func<T> observe, Func<T, bool> holds, string what) =>
        Eventually.Until(() => Task.FromResult(observe()), holds, what, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task A_price_for_an_unknown_model_publishes_a_change_that_finds_its_earlier_unpriced_calls()
    {
        await using var world = await StartAsync();
        var ingest = world.Ingest();
        var model = "widget-" + Guid.NewGuid().ToString("N")[..6];
        var lastWeek = Usage.Call("pricing", provider: "acme", model: model + "-20251101");
        lastWeek.OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(-7));
        var calls = new[] { Usage.Call("pricing", provider: "acme", model: model), lastWeek };
        var recorded = await IngestClient(ingest).RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Contains(recorded.Warnings, w => w.Contains("unpriced"));
        var unpriced = await Until(() => world.Usages.Where(u => calls.Any(c => c.EventId == u.EventId)).ToList(), u => u.Count == 2,
            "both unpriced calls are on the bus");

        using var http = Admin(ingest);
        Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 1m, 2m, "2025-01-01"))).StatusCode);

        var change = await Until(() => world.Changes.FirstOrDefault(c => c.Model == model), c => c is not null, "the new price is published");
        Assert.Equal(("price-set", "acme"), (change!.Kind, change.Provider));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), change.AffectedFrom);
        Assert.Null(change.AffectedTo);
        Assert.False(string.IsNullOrEmpty(change.ChangedBy));
        // The contract's rule finds both calls: the provider's usage whose keys hold the model, inside the window.
        Assert.All(unpriced, usage =>
        {
            Assert.False(usage.Priced);
            Assert.Equal(change.Provider, usage.Provider);
            Assert.Contains(change.Model, usage.CatalogueKeys);
            Assert.InRange(usage.OccurredAt, change.AffectedFrom, change.AffectedTo ?? DateTimeOffset.MaxValue);
        });

        // Operators see the same record over REST.
        var page = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/changes?after={change.Sequence - 1}&limit=1");
        var listed = page.GetProperty("changes")[0].Deserialize<CatalogueChanged>(JsonSerializerOptions.Web);
        Assert.Equal(change, listed);
    }

    [Fact]
    public async Task Publishing_resumes_after_a_restart_and_loses_nothing_the_broker_never_confirmed()
    {
        await using var world = await StartAsync();
        var first = world.Ingest();
        var run = Guid.NewGuid().ToString("N")[..6];
        long confirmed;
        using (var http = Admin(first))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice($"before-{run}", 1m, 2m))).StatusCode);
            var all = await Eventually.Until(() => AllChangesAsync(http), c => c.Changes.Count > 0 && c.LastPublished >= c.Changes[^1].GetProperty("sequence").GetInt64(),
                "everything so far is published, the bundled catalogue included", TimeSpan.FromSeconds(60));
            confirmed = all.LastPublished;
        }
        first.Dispose();

        // Changes made while the broker is unreachable stay pending: saved, not published, the mark unmoved.
        var cutOff = world.Ingest(messaging: "amqp://guest:guest@127.0.0.1:1/");
        using (var http = Admin(cutOff))
        {
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices", NewPrice($"during-{run}", 3m, 4m))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await http.PostAsJsonAsync("/api/v1/prices/aliases",
                new { provider = "acme", alias = $"during-{run}-pro", targetModel = $"during-{run}" })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync($"/api/v1/prices/acme/before-{run}/retire", new { retiredOn = "2026-01-31" })).StatusCode);
            await Task.Delay(TimeSpan.FromSeconds(4));
            var pending = await AllChangesAsync(http);
            Assert.Equal(confirmed, pending.LastPublished);
            Assert.Equal(3, pending.Changes.Count(c => c.GetProperty("sequence").GetInt64() > confirmed));
        }
        cutOff.Dispose();
        Assert.DoesNotContain(world.Changes, c => c.Model?.StartsWith($"during-{run}") == true);

        // Restarted with the broker back: the rest goes out, in order, and what was confirmed is not sent again.
        var restarted = world.Ingest();
        using var again = Admin(restarted);
        var everything = await Eventually.Until(() => AllChangesAsync(again), c => c.LastPublished >= c.Changes[^1].GetProperty("sequence").GetInt64(),
            "the pending changes are published after the restart", TimeSpan.FromSeconds(60));
        var expected = everything.Changes.Select(c => c.GetProperty("sequence").GetInt64()).ToList();
        var received = await Until(() => world.Changes.ToList(), r => expected.All(s => r.Any(c => c.Sequence == s)), "every change arrived");

        var afterRestart = received.Where(c => c.Sequence > confirmed).Select(c => c.Sequence).ToList();
        Assert.Equal(expected.Where(s => s > confirmed), afterRestart);
        Assert.Equal(["price-set", "model-aliased", "model-retired"], received.Where(c => c.Sequence > confirmed).Select(c => c.Kind));
        Assert.Single(received, c => c.Model == $"before-{run}" && c.Kind == "price-set");
    }

    [Fact]
    public async Task The_change_list_refuses_a_bad_cursor_or_limit_by_field()
    {
        await using var world = await StartAsync();
        using var http = Admin(world.Ingest());

        foreach (var (query, field) in new[] { ("after=-1", "after"), ("after=x", "after"), ("limit=0", "limit"), ("limit=1001", "limit") })
        {
            using var response = await http.GetAsync("/api/v1/prices/changes?" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }
    }
}
