using System.Collections.Concurrent;
using AiFinOps.Client;
using Grpc.Core;

namespace AiFinOps.Cli.Emitting;

/// <summary>Collects what went wrong while emitting and says it in words a user can act on.</summary>
public sealed class EmitFailures
{
    private const int RejectionsKept = 20;
    private readonly ConcurrentQueue<RejectedEvent> _rejections = new();
    private BatchFailure? _first;

    /// <summary>Set at the first batch given up on: there is no point generating more.</summary>
    public CancellationTokenSource Stop { get; } = new();

    public IReadOnlyList<RejectedEvent> Rejections => [.. _rejections];

    public void Rejected(UsageRejection rejection)
    {
        if (_rejections.Count < RejectionsKept) _rejections.Enqueue(new RejectedEvent(rejection.EventId, rejection.Field, rejection.Reason));
    }

    public void BatchFailed(BatchFailure failure)
    {
        Interlocked.CompareExchange(ref _first, failure, null);
        Stop.Cancel();
    }

    public string? Describe(Uri endpoint) => Volatile.Read(ref _first) is not { } failure ? null : failure.Status switch
    {
        StatusCode.Unauthenticated =>
            $"Ingest refused the API key (UNAUTHENTICATED): {Sentence(failure.Detail)} Pass a valid key with --key or AIFINOPS_API_KEY; " +
            "an admin can issue one with: aifinops keys create --name emitter --scopes ingest",
        StatusCode.PermissionDenied =>
            $"The API key may not emit for some of these teams or environments (PERMISSION_DENIED): {Sentence(failure.Detail)} " +
            "Use --teams and --environments to stay within the key's limits.",
        StatusCode.InvalidArgument => $"Ingest refused a batch (INVALID_ARGUMENT): {failure.Detail}",
        StatusCode.Cancelled => $"{failure.Events.Count:N0} events were still unsent when emitting stopped.",
        _ when failure.Transient =>
            $"Gave up after {failure.Attempts} attempts: ingest at {endpoint} is not answering ({failure.Status}: {failure.Detail}). " +
            "Is the AppHost running (dotnet run --project AiFinOps.AppHost)?",
        _ => $"Ingest failed a batch ({failure.Status}): {failure.Detail}",
    };

    private static string Sentence(string detail) => detail.TrimEnd() is { Length: > 0 } text && !".!?".Contains(text[^1]) ? text + "." : detail;
}
