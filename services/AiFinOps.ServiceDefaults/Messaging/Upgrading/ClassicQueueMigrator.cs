using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace AiFinOps.ServiceDefaults.Messaging.Upgrading;

/// <summary>
/// Replaces a receive queue of another type (a classic queue of an earlier version) with the queue this version
/// declares, moving its messages without losing one. The staging queue is bound to the endpoint's exchange before the
/// old queue is unbound, so every message published meanwhile lands in one of them; each moved message is published
/// with a broker confirm before its original is acknowledged, so a crash leaves it in the old queue or in the staging
/// queue (at worst in both: consumers deduplicate). Every step can run again: a re-run finishes the job.
/// </summary>
public sealed class ClassicQueueMigrator(IConnection connection, ILogger logger)
{
    private const ushort NotFound = 404, ResourceLocked = 405, PreconditionFailed = 406;
    private const int MovedPerConfirm = 200;

    /// <summary>
    /// Waits for the migration lock of <paramref name="queue"/> (telling <paramref name="lockHeld"/> once when another
    /// replica holds it), then brings the queue and its fault queues to this version's declaration.
    /// </summary>
    public async Task MigrateAsync(QueueDeclaration queue, TimeSpan lockPoll, Action<QueueDeclaration> lockHeld, CancellationToken cancellationToken)
    {
        await using var lockChannel = await TakeLockAsync(queue, lockPoll, lockHeld, cancellationToken);
        foreach (var declaration in queue.FaultQueues().Prepend(queue)) await MigrateOneAsync(declaration, cancellationToken);
    }

    private async Task<IChannel> TakeLockAsync(QueueDeclaration queue, TimeSpan poll, Action<QueueDeclaration> lockHeld,
        CancellationToken cancellationToken)
    {
        var waited = false;
        while (true)
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            try
            {
                await channel.QueueDeclareAsync(queue.Lock, durable: false, exclusive: true, autoDelete: true, cancellationToken: cancellationToken);
                return channel;
            }
            catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == ResourceLocked)
            {
                await channel.DisposeAsync();
                if (!waited)
                {
                    logger.LogInformation("Queue migration: another replica is checking {Queue}; waiting for it", queue.Queue);
                    lockHeld(queue);
                }
                waited = true;
                await Task.Delay(poll, cancellationToken);
            }
        }
    }

    private async Task MigrateOneAsync(QueueDeclaration queue, CancellationToken cancellationToken)
    {
        var found = await FindAsync(queue, cancellationToken);
        var stagingExists = await ExistsAsync(queue.Staging, cancellationToken);
        switch (QueueMigrationDecision.Decide(found.Kind, stagingExists))
        {
            case QueueMigrationStep.NothingToDo:
                return;
            case QueueMigrationStep.Refuse:
                throw new QueueMigrationException(queue.Queue,
                    $"queue {queue.Queue} exists with other arguments than this version declares ({found.BrokerReply}); " +
                    "it is not migrated automatically: drain and delete it as docs/replicas.md describes, then restart the service");
            case QueueMigrationStep.Migrate:
                logger.LogWarning("Queue migration: {Queue} is a queue of another type ({BrokerReply}); moving its messages into {Staging} to re-declare it as {Type}",
                    queue.Queue, found.BrokerReply, queue.Staging, TypeOf(queue));
                var staged = await StageAsync(queue, cancellationToken);
                var moved = await FinishAsync(queue, cancellationToken);
                logger.LogWarning("Queue migration: {Queue} is now a {Type} queue; {Staged} messages were moved out of the old queue and {Moved} back into the new one",
                    queue.Queue, TypeOf(queue), staged, moved);
                return;
            case QueueMigrationStep.FinishFromStaging:
                logger.LogWarning("Queue migration: an earlier migration of {Queue} was interrupted; finishing it from {Staging}", queue.Queue, queue.Staging);
                var finished = await FinishAsync(queue, cancellationToken);
                logger.LogWarning("Queue migration: {Queue} is now a {Type} queue; {Moved} staged messages were moved into it", queue.Queue, TypeOf(queue), finished);
                return;
        }
    }

    /// <summary>Old queue → staging queue; the old queue is deleted once empty and unused.</summary>
    private async Task<long> StageAsync(QueueDeclaration queue, CancellationToken cancellationToken)
    {
        await using var channel = await ConfirmingChannelAsync(cancellationToken);
        await channel.QueueDeclareAsync(queue.Staging, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = ReceiveQueues.Quorum }, cancellationToken: cancellationToken);
        // Staging first, then the old queue away from the exchange: a message published in between lands in both.
        await channel.QueueBindAsync(queue.Staging, queue.Exchange, queue.RoutingKey, BindingArguments(queue), cancellationToken: cancellationToken);
        await channel.QueueUnbindAsync(queue.Queue, queue.Exchange, queue.RoutingKey, BindingArguments(queue), cancellationToken);
        long moved = 0;
        while (true)
        {
            moved += await MoveAllAsync(channel, queue.Queue, queue.Staging, cancellationToken);
            var deleted = await TryDeleteEmptyAsync(queue.Queue, cancellationToken);
            if (deleted) return moved;
        }
    }

    /// <summary>New queue declared and bound, staging unbound, its messages moved into the new queue, staging deleted.</summary>
    private async Task<long> FinishAsync(QueueDeclaration queue, CancellationToken cancellationToken)
    {
        await using var channel = await ConfirmingChannelAsync(cancellationToken);
        await channel.QueueDeclareAsync(queue.Queue, queue.Durable, exclusive: false, queue.AutoDelete, Arguments(queue), cancellationToken: cancellationToken);
        await channel.QueueBindAsync(queue.Queue, queue.Exchange, queue.RoutingKey, BindingArguments(queue), cancellationToken: cancellationToken);
        await channel.QueueUnbindAsync(queue.Staging, queue.Exchange, queue.RoutingKey, BindingArguments(queue), cancellationToken);
        long moved = 0;
        while (true)
        {
            moved += await MoveAllAsync(channel, queue.Staging, queue.Queue, cancellationToken);
            // Unbound, so nothing arrives any more; a quorum queue cannot be deleted "if unused", so check it is empty first.
            if ((await channel.QueueDeclarePassiveAsync(queue.Staging, cancellationToken)).MessageCount > 0) continue;
            await channel.QueueDeleteAsync(queue.Staging, ifUnused: false, ifEmpty: false, cancellationToken: cancellationToken);
            return moved;
        }
    }

    /// <summary>
    /// basic.get until the source is empty; each message is republished (persistent, mandatory) to the target through the
    /// default exchange and acknowledged in the source only after the broker confirmed the copy.
    /// </summary>
    private static async Task<long> MoveAllAsync(IChannel channel, string source, string target, CancellationToken cancellationToken)
    {
        long moved = 0;
        while (true)
        {
            ulong? lastTag = null;
            for (var i = 0; i < MovedPerConfirm; i++)
            {
                if (await channel.BasicGetAsync(source, autoAck: false, cancellationToken) is not { } message) break;
                var properties = new BasicProperties(message.BasicProperties) { Persistent = true };
                // With confirms tracked, the publish completes once the broker confirmed it (or throws if it did not).
                await channel.BasicPublishAsync("", target, mandatory: true, properties, message.Body, cancellationToken);
                lastTag = message.DeliveryTag;
                moved++;
            }
            if (lastTag is not { } tag) return moved;
            await channel.BasicAckAsync(tag, multiple: true, cancellationToken);
        }
    }

    private async Task<bool> TryDeleteEmptyAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeleteAsync(queue, ifUnused: true, ifEmpty: true, cancellationToken: cancellationToken);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            // Not empty (a message was still on its way) or a consumer of the earlier version still reads it (the old
            // queue is a classic one: "if unused" is what keeps a running replica of the earlier version from losing it).
            var state = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await using var _ = state;
            var current = await state.QueueDeclarePassiveAsync(queue, cancellationToken);
            if (current.ConsumerCount > 0)
            {
                logger.LogWarning("Queue migration: {Queue} still has {Consumers} consumers (replicas of the earlier version?); stop them — waiting",
                    queue, current.ConsumerCount);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            return false;
        }
    }

    private async Task<(QueueFound Kind, string BrokerReply)> FindAsync(QueueDeclaration queue, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(queue.Queue, cancellationToken)) return (QueueFound.Missing, "");
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            // Equivalent arguments make a declare a no-op; any difference is refused with the argument it concerns.
            await channel.QueueDeclareAsync(queue.Queue, queue.Durable, exclusive: false, queue.AutoDelete, Arguments(queue), cancellationToken: cancellationToken);
            return (QueueFound.AsDeclared, "");
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == PreconditionFailed)
        {
            var reply = e.ShutdownReason.ReplyText;
            return (reply.Contains("'x-queue-type'", StringComparison.Ordinal) ? QueueFound.OtherType : QueueFound.OtherArguments, reply);
        }
    }

    private async Task<bool> ExistsAsync(string queue, CancellationToken cancellationToken)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
            return true;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == NotFound)
        {
            return false;
        }
    }

    private Task<IChannel> ConfirmingChannelAsync(CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);

    private static Dictionary<string, object?> Arguments(QueueDeclaration queue) => new(queue.Arguments);

    private static Dictionary<string, object?> BindingArguments(QueueDeclaration queue) => new(queue.BindingArguments);

    private static string TypeOf(QueueDeclaration queue) => queue.IsQuorum ? ReceiveQueues.Quorum : ReceiveQueues.Classic;
}
