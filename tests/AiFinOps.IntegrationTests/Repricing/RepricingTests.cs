using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiFinOps.Allocation.Repricing;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace AiFinOps.IntegrationTests.Repricing;

public sealed class RepricingTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private static readonly DateTimeOffset ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Calls_booked_unpriced_cost_exactly_their_new_price_once_the_catalogue_has_one()
    {
        var (team, model) = Names();
        var calls = new[]
        {
            Usage.Call(team, provider: "acme", model: model, input: 1_234, output: 567),
            Usage.Call(team, provider: "acme", model: model, input: 98_765, output: 4_321, cacheRead: 50_000),
            Usage.Call(team, provider: "acme", model: model, input: 7, output: 3),
        };
        await RecordAsync(calls);
        var booked = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 3, "the calls are booked");
        Assert.Equal(new Ledger.Figures(3, 3, 0, 0, 0), booked.Total());

        await SetPriceAsync(Ledger.Price(model, 3m, 15m, cacheRead: 0.3m));

        var repriced = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Unpriced == 0, "the calls are re-priced");
        var truth = await Ledger.QuoteAllAsync(system, calls);
        Assert.True(truth.List > 0);
        Assert.Equal(new Ledger.Figures(3, 0, truth.List, truth.Effective, truth.Effective), repriced.Total());

        // One re-pricing line per call next to its usage line, both in this period.
        var lines = await Ledger.LinesAsync(system, calls.Select(c => c.EventId));
        Assert.Equal(3, lines.Count(l => l.Kind == "usage"));
        Assert.Equal(3, lines.Count(l => l.Kind == "repricing" && l.ChargeClass == "" && l.LineId.Contains("#r")));
    }

    [Fact]
    public async Task A_price_correction_books_the_difference_and_a_reported_cost_stays_the_billed_cost()
    {
        var (team, model) = Names();
        await SetPriceAsync(Ledger.Price(model, 2m, 8m));
        var reported = Usage.Call(team, provider: "acme", model: model, input: 10_000, output: 2_000);
        reported.ReportedCostUsd = "0.05";
        var calls = new[] { Usage.Call(team, provider: "acme", model: model, input: 300_000, output: 40_000), reported };
        await RecordAsync(calls);
        var before = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 2, "the priced calls are booked");
        var atFirst = await Ledger.QuoteAllAsync(system, calls);
        Assert.Equal(atFirst.List, before.Total().List);

        using (var http = Ledger.Admin(system.Ingest))
        {
            var response = await http.PutAsJsonAsync($"/api/v1/prices/acme/{model}/2025-01-01",
                new { price = Ledger.Price(model, 2.5m, 10m), reason = "the provider's page was misread" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var corrected = await Ledger.QuoteAllAsync(system, calls);
        var after = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().List == corrected.List, "the correction is booked");
        var reportedNow = await Ledger.QuoteAsync(system, reported);
        Assert.Equal(new Ledger.Figures(2, 0, corrected.List, corrected.Effective, corrected.Effective - reportedNow.Effective + 0.05m), after.Total());

        // The app reported $0.05 for one call: its billed cost stays, its drift is measured against the corrected price.
        var quality = await ReadApi.GetAsync(system.Allocation, "/api/v1/data-quality", AiFinOpsSystem.AdminKey);
        var drift = quality.GetProperty("catalogueDrift").GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model);
        Assert.Equal(1, drift.GetProperty("reportedEvents").GetInt64());
        Assert.Equal(0.05m, drift.GetProperty("reportedCostUsd").GetDecimal());
        Assert.Equal(reportedNow.Effective, drift.GetProperty("catalogueCostUsd").GetDecimal());
        Assert.Equal(0.05m - reportedNow.Effective, drift.GetProperty("driftUsd").GetDecimal());
        Assert.Equal(2, (await Ledger.LinesAsync(system, calls.Select(c => c.EventId))).Count(l => l.Kind == "repricing"));
    }

    [Fact]
    public async Task A_closed_period_keeps_its_figures_and_its_calls_are_corrected_in_the_next_open_period()
    {
        var (team, model) = Names();
        var lastPeriod = $"{ThisMonth.AddMonths(-1):yyyy-MM}";
        var calls = new[] { LastMonth(team, model, 20_000, 1_000, days: 3), LastMonth(team, model, 5_000, 9_000, days: 4) };
        await RecordAsync(calls);
        var before = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 2, "last month's calls are booked");
        using (var http = Ledger.Admin(system.Allocation))
        {
            var close = await http.PostAsync($"/api/v1/periods/{lastPeriod}/close", null);
            Assert.True(close.IsSuccessStatusCode || close.StatusCode == HttpStatusCode.Conflict, await close.Content.ReadAsStringAsync());
        }

        await SetPriceAsync(Ledger.Price(model, 1m, 4m));

        var after = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Unpriced == 0, "the calls are re-priced");
        var truth = await Ledger.QuoteAllAsync(system, calls);
        Assert.Equal(before[lastPeriod], after[lastPeriod]);
        Assert.Equal(new Ledger.Figures(0, -2, truth.List, truth.Effective, truth.Effective), after[$"{ThisMonth:yyyy-MM} Correction"]);
        Assert.Equal(new Ledger.Figures(2, 0, truth.List, truth.Effective, truth.Effective), after.Total());
    }

    [Fact]
    public async Task A_redelivered_change_books_nothing_twice()
    {
        var (team, model) = Names();
        var calls = Enumerable.Range(1, 4).Select(i => Usage.Call(team, provider: "acme", model: model, input: 1_000 * i, output: 100 * i)).ToArray();
        await RecordAsync(calls);
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 4, "the calls are booked");
        await SetPriceAsync(Ledger.Price(model, 3m, 6m));
        var repriced = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Unpriced == 0, "the calls are re-priced");
        var change = await Ledger.ChangeOfAsync(system, model);

        // The same change again over the bus, then a later change: once that one is booked, the duplicate was consumed.
        await system.Allocation.Services.GetRequiredService<IBus>().Publish(change);
        var (laterTeam, laterModel) = Names();
        var later = Usage.Call(laterTeam, provider: "acme", model: laterModel);
        await RecordAsync([later]);
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, laterTeam), rows => rows.Total().Events == 1, "the later call is booked");
        await SetPriceAsync(Ledger.Price(laterModel, 1m, 1m));
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, laterTeam), rows => rows.Total().Unpriced == 0, "the later change is booked");

        // And once more as the consumer runs it, directly.
        using var scope = system.Allocation.Services.CreateScope();
        var again = await scope.ServiceProvider.GetRequiredService<UsageRepricer>().RepriceAsync(RepricingScope.Of(change), null, CancellationToken.None);

        Assert.Equal(0, again.Lines);
        Assert.Equal(repriced, await Ledger.ByPeriodAsync(system, team));
        Assert.Equal(4, (await Ledger.LinesAsync(system, calls.Select(c => c.EventId))).Count(l => l.Kind == "repricing"));
    }

    [Fact]
    public async Task An_admin_rerun_books_only_what_still_differs_from_the_catalogue()
    {
        var (team, model) = Names();
        var calls = new[] { Usage.Call(team, provider: "acme", model: model, input: 4_000, output: 800) };
        await RecordAsync(calls);
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 1, "the call is booked");
        await SetPriceAsync(Ledger.Price(model, 3m, 6m));
        var repriced = await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Unpriced == 0, "the call is re-priced");

        using var http = Ledger.Admin(system.Allocation);
        using var start = await http.PostAsync($"/api/v1/admin/ledger/reprice?provider=acme&model={model}&from={ThisMonth.AddMonths(-1):yyyy-MM-dd}", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!.ToString();
        var run = await Eventually.Until(() => http.GetFromJsonAsync<JsonElement>(location), r => r.GetProperty("state").GetString() != "running", "the re-run ends");

        Assert.Equal("succeeded", run.GetProperty("state").GetString());
        Assert.Equal(1, run.GetProperty("progress").GetProperty("calls").GetInt64());
        Assert.Equal(0, run.GetProperty("progress").GetProperty("lines").GetInt64());
        Assert.Equal(repriced, await Ledger.ByPeriodAsync(system, team));

        using var missingProvider = await http.PostAsync("/api/v1/admin/ledger/reprice", null);
        Assert.Equal(HttpStatusCode.BadRequest, missingProvider.StatusCode);
        var reader = await SpendApi.IssueKeyAsync(system.Ingest, "reader-" + Guid.NewGuid().ToString("N")[..6], ["read"]);
        using var readOnly = system.Allocation.CreateClient();
        readOnly.DefaultRequestHeaders.Authorization = new("Bearer", reader);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync("/api/v1/admin/ledger/reprice?provider=acme", null)).StatusCode);
    }

    private static (string Team, string Model) Names()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        return ($"rp-{id}", $"repriced-{id}");
    }

    private static UsageEvent LastMonth(string team, string model, long input, long output, int days)
    {
        var call = Usage.Call(team, provider: "acme", model: model, input: input, output: output);
        call.OccurredAt = Timestamp.FromDateTimeOffset(ThisMonth.AddDays(-days));
        return call;
    }

    private async Task RecordAsync(UsageEvent[] calls)
    {
        var result = await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        Assert.Equal(calls.Length, result.Accepted);
    }

    private async Task SetPriceAsync(object price)
    {
        using var http = Ledger.Admin(system.Ingest);
        using var response = await http.PostAsJsonAsync("/api/v1/prices", price);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
