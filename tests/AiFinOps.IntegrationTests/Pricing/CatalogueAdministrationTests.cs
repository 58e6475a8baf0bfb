using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.IntegrationTests.Infrastructure;
using static AiFinOps.IntegrationTests.Pricing.CatalogueChangeWorld;

namespace AiFinOps.IntegrationTests.Pricing;

public sealed class CatalogueAdministrationTests
{
    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.String, problem.GetProperty("title").ValueKind);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var reasons), $"no '{field}' in {problem}");
        Assert.False(string.IsNullOrWhiteSpace(reasons[0].GetString()));
        return problem;
    }

    [Fact]
    public async Task An_alias_prices_calls_as_its_target_and_bad_aliases_are_refused_by_field()
    {
        await using var world = await StartAsync();
        var ingest = world.Ingest();
        using var http = Admin(ingest);
        var model = "base-" + Guid.NewGuid().ToString("N")[..6];
        await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 1m, 2m));
        await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model + "-eu", 1.1m, 2.2m));

        using (var created = await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "ACME", alias = model + "-pro", targetModel = model }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using (var same = await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = model + "-pro", targetModel = model }))
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);

        var aliases = await http.GetFromJsonAsync<JsonElement>("/api/v1/prices/aliases?provider=acme");
        Assert.Contains(aliases.EnumerateArray(), a => a.GetProperty("alias").GetString() == model + "-pro" && a.GetProperty("targetModel").GetString() == model);
        var inForce = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/acme/{model}-pro?at=2025-06-01");
        Assert.Equal(model, inForce.GetProperty("price").GetProperty("model").GetString());

        await Problem(await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = "x-" + model, targetModel = "nothing-" + model }),
            HttpStatusCode.BadRequest, "targetModel");
        await Problem(await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = "y-" + model, targetModel = model + "-pro" }),
            HttpStatusCode.BadRequest, "targetModel");
        await Problem(await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = model, targetModel = model + "-eu" }),
            HttpStatusCode.Conflict, "alias");
        await Problem(await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = model + "-pro", targetModel = model + "-eu" }),
            HttpStatusCode.Conflict, "targetModel");
        await Problem(await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", targetModel = model }),
            HttpStatusCode.BadRequest, "alias");

        using (var repointed = await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = model + "-pro", targetModel = model + "-eu", replace = true }))
            Assert.Equal(HttpStatusCode.OK, repointed.StatusCode);
        var now = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/acme/{model}-pro?at=2025-06-01");
        Assert.Equal(model + "-eu", now.GetProperty("price").GetProperty("model").GetString());
    }

    [Fact]
    public async Task A_model_is_retired_once_and_bad_retirements_are_refused_by_field()
    {
        await using var world = await StartAsync();
        using var http = Admin(world.Ingest());
        var model = "old-" + Guid.NewGuid().ToString("N")[..6];
        await http.PostAsJsonAsync("/api/v1/prices", NewPrice(model, 1m, 2m));

        using (var retired = await http.PostAsJsonAsync($"/api/v1/prices/acme/{model}/retire", new { retiredOn = "2026-01-31" }))
            Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        using (var again = await http.PostAsJsonAsync($"/api/v1/prices/acme/{model}/retire", new { retiredOn = "2026-01-31" }))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/acme/{model}/retire", new { retiredOn = "2026-03-01" }), HttpStatusCode.Conflict, "retiredOn");
        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/acme/{model}/retire", new { retiredOn = "31/01/2026" }), HttpStatusCode.BadRequest, "retiredOn");
        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/acme/{model}/retire", new { }), HttpStatusCode.BadRequest, "retiredOn");
        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/acme/never-{model}/retire", new { retiredOn = "2026-01-31" }), HttpStatusCode.NotFound, "model");

        // Retired models keep their last price for later calls.
        var inForce = await http.GetFromJsonAsync<JsonElement>($"/api/v1/prices/acme/{model}?at=2026-06-01");
        Assert.Equal(1m, inForce.GetProperty("price").GetProperty("tiers").GetProperty("standard").GetProperty("rates").GetProperty("input").GetDecimal());
    }

    [Fact]
    public async Task A_discount_can_be_ended_and_then_no_longer_applies()
    {
        await using var world = await StartAsync();
        using var http = Admin(world.Ingest());
        var id = "ea-" + Guid.NewGuid().ToString("N")[..6];
        await http.PostAsJsonAsync("/api/v1/prices/discounts", new
        {
            id,
            provider = "openai",
            model = "gpt-4o-mini",
            effectiveFrom = "2025-01-01",
            percentOff = 20,
            source = "ea",
        });

        using (var ended = await http.PostAsJsonAsync($"/api/v1/prices/discounts/{id}/end", new { endedOn = "2025-07-01" }))
        {
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            Assert.Equal("2025-07-01", (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("effectiveTo").GetString());
        }
        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/discounts/{id}/end", new { endedOn = "2025-09-01" }), HttpStatusCode.Conflict, "endedOn");
        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/discounts/{id}/end", new { endedOn = "2024-12-01" }), HttpStatusCode.BadRequest, "endedOn");
        await Problem(await http.PostAsJsonAsync($"/api/v1/prices/discounts/nope-{id}/end", new { endedOn = "2025-09-01" }), HttpStatusCode.NotFound, "id");

        async Task<decimal> EffectiveOn(string day)
        {
            using var response = await http.PostAsJsonAsync("/api/v1/prices/quote", new
            {
                provider = "openai",
                model = "gpt-4o-mini",
                inputTokens = 1_000_000,
                outputTokens = 0,
                occurredAt = day + "T12:00:00Z",
            });
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("effectiveCostUsd").GetDecimal();
        }
        Assert.Equal(0.12m, await EffectiveOn("2025-06-30"));
        Assert.Equal(0.15m, await EffectiveOn("2025-07-01"));

        var changes = await AllChangesAsync(http);
        var last = changes.Changes[^1];
        Assert.Equal("discount-ended", last.GetProperty("kind").GetString());
        Assert.Equal("gpt-4o-mini", last.GetProperty("model").GetString());
    }

    [Fact]
    public async Task Aliasing_and_retiring_need_an_admin_key()
    {
        await using var world = await StartAsync();
        var ingest = world.Ingest();
        var reader = await SpendApi.IssueKeyAsync(ingest, "catalogue reader", ["read"]);
        using var http = ingest.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reader);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/prices/aliases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/prices/changes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/v1/prices/aliases", new { provider = "acme", alias = "a", targetModel = "b" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/v1/prices/openai/gpt-4o/retire", new { retiredOn = "2030-01-01" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsJsonAsync("/api/v1/prices/discounts/x/end", new { endedOn = "2030-01-01" })).StatusCode);
    }
}
