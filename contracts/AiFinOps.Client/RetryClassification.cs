using System.Net.Sockets;
using Grpc.Core;

namespace AiFinOps.Client;

/// <summary>
/// Which failures are worth sending the same events again. Retrying is always safe (the server deduplicates on
/// <c>event_id</c>), but only transient failures can succeed on a later attempt; the rest are reported.
/// </summary>
public static class RetryClassification
{
    public static bool IsTransient(StatusCode status) => status is
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted;

    public static bool IsTransient(Exception exception) => exception switch
    {
        RpcException rpc => IsTransient(rpc.StatusCode) || IsConnectionError(rpc.Status.DebugException),
        _ => IsConnectionError(exception),
    };

    /// <summary>The server's hint, in trailer <c>grpc-retry-pushback-ms</c>, of how long to wait before retrying.</summary>
    public static TimeSpan? Pushback(Exception exception) =>
        exception is RpcException rpc
        && rpc.Trailers.GetValue("grpc-retry-pushback-ms") is { } value
        && int.TryParse(value, out var milliseconds) && milliseconds >= 0
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;

    private static bool IsConnectionError(Exception? exception) => exception switch
    {
        null => false,
        HttpRequestException or IOException or SocketException => true,
        _ => IsConnectionError(exception.InnerException),
    };
}
