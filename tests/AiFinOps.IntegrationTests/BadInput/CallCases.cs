using System.Text;
using AiFinOps.Contracts.Usage.V1;
using AiFinOps.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace AiFinOps.IntegrationTests.BadInput;

/// <summary>
/// One gRPC call refused whole: <paramref name="Send"/> makes the hostile call carrying the good events it is given;
/// the call must fail with <paramref name="Status"/>, <paramref name="Detail"/> in its message and, when
/// <paramref name="Field"/> is set, that field in the <c>field</c> trailer. Afterwards each of the good events must
/// still be new: nothing of the call was recorded.
/// </summary>
public sealed record CallCase(string Name, Func<BadInputWorld, UsageEvent[], Task> Send, StatusCode Status, string Detail, string? Field = null);

/// <summary>The whole-call half of the gRPC matrix.</summary>
public static class CallCases
{
    /// <summary>RecordBatch with the request as bytes, so a test can send what no protobuf library would write.</summary>
    private static readonly Method<byte[], BatchResult> RawRecordBatch = new(MethodType.Unary, "aifinops.usage.v1.UsageIngest", "RecordBatch",
        Marshallers.Create(bytes => bytes, bytes => bytes), Marshallers.Create(r => r.ToByteArray(), BatchResult.Parser.ParseFrom));

    private static Task Batch(BadInputWorld world, Caller caller, params UsageEvent[] events)
    {
        var headers = world.Key(caller) is { } key ? AiFinOpsSystem.Bearer(key) : null;
        return world.System.IngestClient().RecordBatchAsync(Usage.Batch(events), headers).ResponseAsync;
    }

    private static async Task RawBatch(BadInputWorld world, byte[] request)
    {
        var server = world.System.Ingest.Server;
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server.BaseAddress, new Grpc.Net.Client.GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        await channel.CreateCallInvoker().AsyncUnaryCall(RawRecordBatch, null, new CallOptions(AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey)), request);
    }

    /// <summary>The batch's bytes with the first occurrence of <paramref name="marker"/> overwritten by a UTF-8 lead
    /// byte that nothing continues: the string field is no longer valid UTF-8, its length unchanged.</summary>
    private static byte[] WithInvalidUtf8(UsageBatch batch, string marker)
    {
        var bytes = batch.ToByteArray();
        var needle = Encoding.ASCII.GetBytes(marker);
        var at = Enumerable.Range(0, bytes.Length - needle.Length + 1).First(i => bytes.AsSpan(i, needle.Length).SequenceEqual(needle));
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;
        return bytes;
    }

    private static UsageEvent Theirs() => Usage.Call(BadInputWorld.Theirs);

    public static readonly IReadOnlyList<CallCase> All =
    [
        new("no authorization metadata", (w, good) => Batch(w, Caller.Nobody, good), StatusCode.Unauthenticated, "authorization: Bearer"),
        new("unknown API key", (w, good) => Batch(w, Caller.UnknownKey, good), StatusCode.Unauthenticated, "unknown or revoked"),
        new("key without the ingest scope", (w, good) => Batch(w, Caller.ReadOnly, good), StatusCode.PermissionDenied, "lacks the 'ingest' scope"),
        new("team key emits for another team", (w, good) => Batch(w, Caller.OursIngest, [.. good, Theirs()]), StatusCode.PermissionDenied,
            $"may not emit usage for team '{BadInputWorld.Theirs}'"),
        new("prod-only key emits for staging", (w, good) => Batch(w, Caller.ProdOnlyIngest, [.. good, Usage.Call(BadInputWorld.Ours, environment: "staging")]),
            StatusCode.PermissionDenied, "environment 'staging'"),
        new("10,001 events in one batch", (w, good) => Batch(w, Caller.Admin, [.. good, .. Enumerable.Range(0, 10_001 - good.Length).Select(_ => Usage.Call(BadInputWorld.Ours))]),
            StatusCode.InvalidArgument, "at most 10000 are allowed"),
        new("invalid UTF-8 in a string field (raw protobuf bytes)", (w, good) =>
        {
            var hostile = Usage.Call("UTF8-MARKER");
            return RawBatch(w, WithInvalidUtf8(Usage.Batch([.. good, hostile]), "UTF8-MARKER"));
        }, StatusCode.InvalidArgument, "not a valid UsageBatch protobuf message", Field: "request"),
        new("bytes that are not a protobuf message", (w, good) => RawBatch(w, [.. Usage.Batch(good).ToByteArray(), 0xFF, 0xFF, 0xFF, 0x0F, 0x01]),
            StatusCode.InvalidArgument, "not a valid UsageBatch protobuf message", Field: "request"),
        new("Record: one bad event", (w, good) =>
        {
            var bad = Usage.Call(BadInputWorld.Ours, input: -7);
            return w.System.IngestClient().RecordAsync(bad, AiFinOpsSystem.Bearer(AiFinOpsSystem.AdminKey)).ResponseAsync;
        }, StatusCode.InvalidArgument, "must not be negative", Field: "input_tokens"),
        new("outcomes for another team", (w, good) =>
        {
            var outcomes = new OutcomeBatch();
            outcomes.Outcomes.Add(new OutcomeEvent
            {
                EventId = Guid.NewGuid().ToString(), OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
                Workflow = "ticket-triage", Team = BadInputWorld.Theirs, Unit = "ticket", Quantity = 1,
            });
            return w.System.IngestClient().RecordOutcomesAsync(outcomes, AiFinOpsSystem.Bearer(w.Key(Caller.OursIngest)!)).ResponseAsync;
        }, StatusCode.PermissionDenied, "may not record outcomes for team"),
    ];

    public static IReadOnlyDictionary<string, CallCase> ByName { get; } = All.ToDictionary(c => c.Name);
}
