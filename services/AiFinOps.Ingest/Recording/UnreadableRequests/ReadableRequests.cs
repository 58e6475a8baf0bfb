using Google.Protobuf;
using Grpc.Core;

namespace AiFinOps.Ingest.Recording.UnreadableRequests;

/// <summary>
/// A method whose request marshaller answers bytes that are not its protobuf message (a truncated field, an invalid
/// tag, a string that is not UTF-8) with INVALID_ARGUMENT naming the message and what is wrong with it, instead of
/// the opaque UNKNOWN "Exception was thrown by handler" gRPC gives an exception in a deserializer. Nothing was read,
/// so nothing is recorded.
/// </summary>
public static class ReadableRequests
{
    public static Method<TRequest, TResponse> Of<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class where TResponse : class
    {
        var requests = method.RequestMarshaller;
        var guarded = Marshallers.Create(requests.ContextualSerializer, context =>
        {
            try
            {
                return requests.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw Unreadable(typeof(TRequest).Name, ex.Message);
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, guarded, method.ResponseMarshaller);
    }

    /// <summary>The status of a request that is not the message it claims to be.</summary>
    public static RpcException Unreadable(string messageName, string reason)
    {
        var why = $"the bytes are not a valid {messageName} protobuf message ({reason.TrimEnd('.')}); nothing was recorded";
        return new RpcException(new Status(StatusCode.InvalidArgument, $"request: {why}"),
            new Metadata { { "field", "request" }, { "reason", why } });
    }
}
