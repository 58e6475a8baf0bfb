using System.Collections.Concurrent;
using AiFinOps.Contracts.Usage.V1;
using Grpc.Core;

namespace AiFinOps.Client.Tests;

/// <summary>
/// The server end of the client's tests: records every call, fails the first calls on request, deduplicates on
/// event_id like the real ingest, and rejects events a test names.
/// </summary>
public sealed class RecordingIngest : UsageIngest.UsageIngestBase
{
    private readonly ConcurrentDictionary<string, UsageEvent> _stored = new();
    private int _calls;

    public ConcurrentQueue<ReceivedCall> Calls { get; } = new();

    public int FailFirst { get; set; }

    public StatusCode FailWith { get; set; } = StatusCode.Unavailable;

    /// <summary>Calls wait for this before answering (lets a test hold the client's batches in flight).</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public Func<UsageEvent, (string Field, string Reason)?> Reject { get; set; } = _ => null;

    public IReadOnlyCollection<UsageEvent> Stored => [.. _stored.Values];

    public override async Task<BatchResult> RecordBatch(UsageBatch request, ServerCallContext context)
    {
        var call = Interlocked.Increment(ref _calls);
        Calls.Enqueue(new ReceivedCall(
            call, [.. request.Events.Select(e => e.EventId)], context.RequestHeaders.GetValue("authorization")));
        await Gate.WaitAsync(context.CancellationToken);
        if (call <= FailFirst) throw new RpcException(new Status(FailWith, $"call {call} fails on purpose"));

        var result = new BatchResult();
        for (var index = 0; index < request.Events.Count; index++)
        {
            var usage = request.Events[index];
            if (Reject(usage) is var (field, reason))
                result.Rejected.Add(new Rejection { Index = index, EventId = usage.EventId, Field = field, Reason = reason });
            else if (_stored.TryAdd(usage.EventId, usage)) result.Accepted++;
            else result.Duplicates++;
        }
        return result;
    }
}

public sealed record ReceivedCall(int Number, IReadOnlyList<string> EventIds, string? Authorization);
