using System.Collections.Concurrent;
using AiFinOps.IntegrationTests.Infrastructure;
using AiFinOps.ServiceDefaults.Messaging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AiFinOps.IntegrationTests.Messaging;

/// <summary>
/// The outbox loop on a real PostgreSQL (its advisory lock): a publish whose confirm never comes — as RabbitMQ.Client
/// 7.2 can leave one after a broker restart — ends after <see cref="OutboxPublisher{TItem}.PublishTimeout"/>, the item
/// stays pending, and the next round publishes it and everything behind it.
/// </summary>
public sealed class OutboxPublisherTests
{
    [Fact]
    public async Task A_publish_whose_confirm_never_comes_times_out_and_the_item_is_published_in_the_next_round()
    {
        await using var database = NpgsqlDataSource.Create(await TestServers.CreateDatabaseAsync($"outbox_{Guid.NewGuid():N}"));
        var outbox = new HangingOnceOutbox(database, ["alert-1", "alert-2", "alert-3"]);

        await outbox.StartAsync(CancellationToken.None);
        try
        {
            var published = await Eventually.Until(() => Task.FromResult(outbox.Published.ToArray()),
                p => p.Length == 3, "every item was published after the hung publish timed out",
                OutboxPublisher<string>.PublishTimeout * 3);

            Assert.Equal(["alert-1", "alert-2", "alert-3"], published);
            Assert.Equal(1, outbox.HungPublishes);
        }
        finally
        {
            await outbox.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Items in memory; the first publish waits until it is cancelled, every later one is confirmed at once.</summary>
    private sealed class HangingOnceOutbox(NpgsqlDataSource database, IReadOnlyList<string> items)
        : OutboxPublisher<string>(database, NullLogger.Instance)
    {
        private readonly long lockKey = 4_207_999_000_000L + Random.Shared.Next(1_000_000);
        private int attempts;

        public ConcurrentQueue<string> Published { get; } = new();

        public int HungPublishes { get; private set; }

        protected override string What => "test items";

        protected override long LockKey => lockKey;

        protected override Task<IReadOnlyList<string>> PendingAsync(int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(items.Except(Published).Take(limit).ToList());

        protected override async Task PublishAsync(string item, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                HungPublishes++;
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            Published.Enqueue(item);
        }

        protected override Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.Delay(timeout, cancellationToken);
    }
}
