using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using AiFinOps.Allocation;
using AiFinOps.Allocation.Ledger;
using AiFinOps.Allocation.Repricing;
using AiFinOps.Allocation.Repricing.Rerunning;
using AiFinOps.Contracts.Messages;
using AiFinOps.Contracts.Pricing;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFinOps.IntegrationTests.Repricing;

/// <summary>
/// A re-pricing run in small pages against a stand-in for ingest's pricing that can fail: a failed run keeps the pages
/// it booked, a retry continues after them, and a finished run books nothing when run again. A page whose message the
/// broker did not confirm reaches budgets all the same: the retry meets it booked and publishes it.
/// </summary>
public sealed class RepricingPagesTests(AiFinOpsSystem system) : IClassFixture<AiFinOpsSystem>
{
    private const decimal PerToken = 0.000001m;

    [Fact]
    public async Task A_run_that_fails_midway_resumes_after_its_booked_pages_and_books_every_call_once()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var (team, model) = ($"pages-{id}", $"paged-{id}");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var calls = Enumerable.Range(0, 5).Select(i =>
        {
            var call = Usage.Call(team, provider: "acme", model: model, input: 1_000 + i, output: 10 * i);
            call.OccurredAt = Timestamp.FromDateTimeOffset(start.AddMinutes(i));
            return call;
        }).ToArray();
        await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 5, "the calls are booked unpriced");
        var scope = new RepricingScope($"test-{id}", 0, "paging test", "acme", model, start.AddDays(-1), null);

        var failing = new StandInPricing(failOnRequest: 2);
        await Assert.ThrowsAsync<HttpRequestException>(() => Repricer(failing).RepriceAsync(scope, null, CancellationToken.None));
        Assert.Equal(2, (await Ledger.LinesAsync(system, calls.Select(c => c.EventId))).Count(l => l.Kind == LineKinds.Repricing));

        var working = new StandInPricing(failOnRequest: 0);
        var resumed = await Repricer(working).RepriceAsync(scope, null, CancellationToken.None);
        Assert.Equal((3, 5L, 3L), (resumed.Pages, resumed.Calls, resumed.Lines));
        Assert.Equal(2, working.Requests);

        var idle = new StandInPricing(failOnRequest: 0);
        var again = await Repricer(idle).RepriceAsync(scope, null, CancellationToken.None);
        Assert.Equal((0L, 0), (again.Lines, idle.Requests));

        var total = (await Ledger.ByPeriodAsync(system, team)).Total();
        var truth = calls.Sum(c => (c.InputTokens + c.OutputTokens) * PerToken);
        Assert.Equal(new Ledger.Figures(5, 0, truth, truth, truth), total);
        var lines = await Ledger.LinesAsync(system, calls.Select(c => c.EventId));
        Assert.Equal(calls.Select(c => $"{c.EventId}#rtest-{id}").Order(StringComparer.Ordinal),
            lines.Where(l => l.Kind == LineKinds.Repricing).Select(l => l.LineId).Order(StringComparer.Ordinal));
        Assert.Equal([(0, 2, false), (1, 2, false), (2, 1, true)], await PagesAsync(scope));
    }

    [Fact]
    public async Task A_page_booked_but_not_confirmed_by_the_broker_reaches_budgets_when_the_run_is_retried()
    {
        await using var listener = await MessageListener<SpendRepriced>.StartAsync(system);
        var id = Guid.NewGuid().ToString("N")[..8];
        var (team, model) = ($"unconfirmed-{id}", $"unconfirmed-{id}");
        var calls = Enumerable.Range(0, 3).Select(i => Usage.Call(team, provider: "acme", model: model, input: 2_000 + i, output: 100)).ToArray();
        await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 3, "the calls are booked unpriced");
        var scope = new RepricingScope($"test-{id}", 0, "unconfirmed test", "acme", model, DateTimeOffset.UtcNow.AddDays(-1), null);

        // The first page commits, then the broker does not confirm its message: the run fails after the commit.
        var broker = UnconfirmingBus.Create(system.Allocation.Services.GetRequiredService<IBus>(), unconfirmed: 1);
        await Assert.ThrowsAsync<TimeoutException>(() => Repricer(new StandInPricing(failOnRequest: 0), broker).RepriceAsync(scope, null, CancellationToken.None));
        Assert.Equal(2, (await Ledger.LinesAsync(system, calls.Select(c => c.EventId))).Count(l => l.Kind == LineKinds.Repricing));

        var retried = await Repricer(new StandInPricing(failOnRequest: 0), broker).RepriceAsync(scope, null, CancellationToken.None);

        Assert.Equal((2, 3L, 1L), (retried.Pages, retried.Calls, retried.Lines));
        var sent = await Eventually.Until(() => Task.FromResult(listener.Where(m => m.Run == scope.Run)), m => m.Count >= 2, "both pages are published");
        Assert.Equal(new[] { RepricedSpend.PageIdOf(scope.StreamKey(0)), RepricedSpend.PageIdOf(scope.StreamKey(1)) }.Order(),
            sent.Select(m => m.MessageId!.Value).Order());
        Assert.All(sent, m => Assert.Equal(m.MessageId, m.Message.PageId));
        Assert.Equal(calls.Select(c => c.EventId).Order(StringComparer.Ordinal),
            sent.SelectMany(m => m.Message.Lines).Select(l => l.EventId).Order(StringComparer.Ordinal));
        Assert.Equal(calls.Sum(c => (c.InputTokens + c.OutputTokens) * PerToken), sent.SelectMany(m => m.Message.Lines).Sum(l => l.EffectiveCostDeltaUsd));
    }

    [Fact]
    public async Task An_admin_run_whose_page_is_not_confirmed_retries_itself_and_every_page_reaches_budgets()
    {
        await using var listener = await MessageListener<SpendRepriced>.StartAsync(system);
        var id = Guid.NewGuid().ToString("N")[..8];
        var (team, model) = ($"admin-unconfirmed-{id}", $"admin-unconfirmed-{id}");
        var calls = Enumerable.Range(0, 3).Select(i => Usage.Call(team, provider: "acme", model: model, input: 3_000 + i, output: 50)).ToArray();
        await system.IngestClient().RecordBatchAsync(Usage.Batch(calls), AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey));
        await Eventually.Until(() => Ledger.ByPeriodAsync(system, team), rows => rows.Total().Events == 3, "the calls are booked unpriced");
        var broker = UnconfirmingBus.Create(system.Allocation.Services.GetRequiredService<IBus>(), unconfirmed: 1);
        var services = new ServiceCollection().AddTransient(_ => Repricer(new StandInPricing(failOnRequest: 0), broker));
        await using var provider = services.BuildServiceProvider();
        var runs = new RepricingRuns(provider.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<RepricingRuns>.Instance);

        var started = runs.Start("acme", model, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1), "test");

        var run = await Eventually.Until(() => Task.FromResult(runs.Find(started.Run)!), r => r.State != RepricingRun.Running, "the admin run ends");
        var truth = calls.Sum(c => (c.InputTokens + c.OutputTokens) * PerToken);
        Assert.Equal((RepricingRun.Succeeded, null), (run.State, run.Error));
        // Every page and line once, though the first attempt booked page 0 and the retry met it booked.
        Assert.Equal((2, 3L, 3L, truth), (run.Progress.Pages, run.Progress.Calls, run.Progress.Lines, run.Progress.EffectiveCostUsd));
        var sent = await Eventually.Until(() => Task.FromResult(listener.Where(m => m.Run == started.Run)), m => m.Count >= 2, "both pages are published");
        Assert.Equal(new[] { RepricedSpend.PageIdOf($"repricing:{started.Run}:0"), RepricedSpend.PageIdOf($"repricing:{started.Run}:1") }.Order(),
            sent.Select(m => m.Message.PageId).Order());
        Assert.Equal(truth, sent.SelectMany(m => m.Message.Lines).Sum(l => l.EffectiveCostDeltaUsd));
    }

    private UsageRepricer Repricer(StandInPricing pricing, IBus? bus = null)
    {
        var services = system.Allocation.Services;
        return new UsageRepricer(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<IDocumentStore>(),
            services.GetRequiredService<LedgerProjection>(), new IngestPricing(new HttpClient(pricing) { BaseAddress = new Uri("http://ingest") }),
            bus ?? services.GetRequiredService<IBus>(), services.GetRequiredService<IOptions<AllocationOptions>>(),
            Options.Create(new RepricingOptions { PageSize = 2 }), TimeProvider.System, NullLogger<UsageRepricer>.Instance);
    }

    /// <summary>A bus whose broker does not confirm the first <c>unconfirmed</c> publishes; the rest reach the real one.</summary>
    public class UnconfirmingBus : DispatchProxy
    {
        private IBus inner = null!;
        private int unconfirmed;

        public static IBus Create(IBus inner, int unconfirmed)
        {
            var bus = Create<IBus, UnconfirmingBus>();
            var proxy = (UnconfirmingBus)(object)bus;
            (proxy.inner, proxy.unconfirmed) = (inner, unconfirmed);
            return bus;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(IBus.Publish) && Interlocked.Decrement(ref unconfirmed) >= 0)
                return Task.FromException(new TimeoutException("the broker did not confirm the message"));
            return method.Invoke(inner, args);
        }
    }

    /// <summary>The page records of a run's events: (number, calls, last page).</summary>
    private async Task<List<(int, int, bool)>> PagesAsync(RepricingScope scope)
    {
        await using var connection = new NpgsqlConnection(system.DatabaseConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT (data -> 'page' ->> 'number')::int, (data -> 'page' ->> 'calls')::int, (data -> 'page' ->> 'isLast')::boolean
            FROM allocation.mt_events WHERE stream_id LIKE @prefix ORDER BY 1
            """, connection);
        command.Parameters.AddWithValue("prefix", $"repricing:{scope.Run}:%");
        var pages = new List<(int, int, bool)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) pages.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetBoolean(2)));
        return pages;
    }

    /// <summary>Prices every call at $1 per million tokens, and fails the given request (1-based; 0 = never).</summary>
    private sealed class StandInPricing(int failOnRequest) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (++Requests == failOnRequest) throw new HttpRequestException("ingest does not answer");
            var batch = (await request.Content!.ReadFromJsonAsync<PriceBatchRequest>(ct))!;
            var priced = batch.Usages.Select(u => new PricedUsage
            {
                EventId = u.EventId,
                OccurredAt = u.OccurredAt,
                Provider = u.Provider,
                Model = u.Model,
                CatalogueKeys = [u.Model],
                InputTokens = u.InputTokens,
                OutputTokens = u.OutputTokens,
                Team = "",
                Workflow = "",
                Environment = "",
                Priced = true,
                PriceReference = $"acme/{u.Model}@2025-01-01",
                ListCostUsd = (u.InputTokens + u.OutputTokens) * PerToken,
                EffectiveCostUsd = (u.InputTokens + u.OutputTokens) * PerToken,
            }).ToList();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(new PriceBatchResult { Usages = priced }) };
        }
    }
}
