using Grpc.Core;
using Grpc.Core.Interceptors;
using Npgsql;

namespace AiFinOps.Ingest.Recording;

/// <summary>
/// A database that does not answer is a transient condition for the caller: UNAVAILABLE (retry with the same
/// event_ids), never an opaque UNKNOWN. Nothing was recorded, because the claim on the ids rolled back.
/// </summary>
public sealed class InfrastructureFailureInterceptor(ILogger<InfrastructureFailureInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (NpgsqlException ex)
        {
            throw Unavailable(ex, context);
        }
    }

    private RpcException Unavailable(NpgsqlException ex, ServerCallContext context)
    {
        logger.LogWarning(ex, "PostgreSQL failed during {Method}; answering UNAVAILABLE", context.Method);
        return new RpcException(new Status(StatusCode.Unavailable,
            "the database is unavailable; nothing was recorded — retry with the same event_ids"));
    }
}
