using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace AiFinOps.Ingest.Recording.UnreadableRequests;

/// <summary>
/// Binds a gRPC service's methods the way Grpc.AspNetCore's own provider does — through the generated
/// <c>BindService</c> its base class names in <see cref="BindServiceMethodAttribute"/> — but with
/// <see cref="ReadableRequests"/> marshallers, so an unreadable request gets a clear INVALID_ARGUMENT. It replaces the
/// default provider (see <see cref="ReadableRequestsRegistration"/>); the endpoints, routes and metadata stay the same.
/// </summary>
public sealed class ReadableRequestsMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } bind) continue;
            var bindService = bind.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Single(m => m.Name == bind.BindMethodName && m.GetParameters() is [{ } binder, _] && binder.ParameterType == typeof(ServiceBinderBase));
            bindService.Invoke(null, [new Binder(context), null]);
            return;
        }
    }

    /// <summary>Receives each generated method and adds it to the context with a guarded request marshaller and an
    /// invoker that calls <typeparamref name="TService"/>'s override.</summary>
    private sealed class Binder(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Invoker<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(ReadableRequests.Of(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Invoker<ClientStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(ReadableRequests.Of(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Invoker<ServerStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(ReadableRequests.Of(method), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Invoker<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(method.Name,
                typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(ReadableRequests.Of(method), metadata, invoker);
        }

        /// <summary>An open-instance delegate to the service's method, and as endpoint metadata the attributes of the
        /// service and the method and POST only — what the default provider gives.</summary>
        private static (TDelegate Invoker, List<object> Metadata) Invoker<TDelegate>(string name, params Type[] parameters) where TDelegate : Delegate
        {
            var handler = typeof(TService).GetMethod(name, parameters)
                ?? throw new InvalidOperationException($"{typeof(TService).Name} has no method {name}({string.Join(", ", parameters.Select(p => p.Name))})");
            List<object> metadata = [.. typeof(TService).GetCustomAttributes(inherit: true), .. handler.GetCustomAttributes(inherit: true),
                new HttpMethodMetadata(["POST"], acceptCorsPreflight: true)];
            return (handler.CreateDelegate<TDelegate>(), metadata);
        }
    }
}
