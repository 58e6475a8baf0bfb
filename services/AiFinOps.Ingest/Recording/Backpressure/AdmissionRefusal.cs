using Grpc.Core;

namespace AiFinOps.Ingest.Recording.Backpressure;

/// <summary>
/// How a call that waited <see cref="BackpressureOptions.MaxWait"/> in vain is refused: a status that says what the
/// pipeline lacks, that nothing was recorded, and when to retry (trailer <c>grpc-retry-pushback-ms</c>, which the
/// client library honours).
/// </summary>
public static class AdmissionRefusal
{
    public const string NothingRecorded = "nothing was recorded — retry with the same event_ids";

    /// <summary>A backlog drains within a second or so; a service that has never started takes longer to come up.</summary>
    public static readonly TimeSpan BehindPushback = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan NotReadyPushback = TimeSpan.FromSeconds(5);

    public static RpcException For(Admission admission, int maxBacklog) => admission switch
    {
        Admission.Behind(var queue, var messages) => Refuse(StatusCode.ResourceExhausted,
            $"the usage pipeline is behind: {messages} messages wait in {queue} (at most {maxBacklog}); {NothingRecorded}", BehindPushback),
        Admission.QueueMissing(var queue, var service) => Refuse(StatusCode.Unavailable,
            $"the usage pipeline is not ready: {queue} does not exist yet ({service} has never started); {NothingRecorded}", NotReadyPushback),
        Admission.NoConsumer(var queue, var service, var since) => Refuse(StatusCode.Unavailable,
            $"the usage pipeline is not processing: {queue} has had no consumer for {(int)since.TotalSeconds} s ({service} is down or cannot start — see its /health and log); {NothingRecorded}",
            NotReadyPushback),
        Admission.NotChecked => Refuse(StatusCode.Unavailable,
            $"the usage pipeline is not ready: ingest has not yet read its consumers' queues from the message broker; {NothingRecorded}", NotReadyPushback),
        _ => throw new ArgumentOutOfRangeException(nameof(admission), admission, "a granted admission is not refused"),
    };

    private static RpcException Refuse(StatusCode status, string detail, TimeSpan pushback) =>
        new(new Status(status, detail), new Metadata { { "grpc-retry-pushback-ms", ((int)pushback.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) } });
}
